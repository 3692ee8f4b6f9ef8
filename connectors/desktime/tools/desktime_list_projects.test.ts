import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_list_projects', () => {
  it('lists projects by name with their tasks, unknown fields kept under extra', async () => {
    desktimeServer.use(desktimeRoute('get', '/projects', fixture('projects')));
    const result = await runTool(desktime, 'desktime_list_projects', {}, { runtime: await startDesktime() });
    expect(received).toEqual([{ method: 'GET', path: '/projects', query: {}, hadApiKey: true }]);
    expect(result.structuredContent).toEqual({
      projects: [
        { id: 67973, name: 'Blue Book', created_at: '2023-01-10 10:00:00', tasks: [{ id: 42282, name: 'Blue Book task' }], extra: {} },
        { id: 1, name: 'Calling Dwight', created_at: '2022-05-02 08:30:00', tasks: [], extra: { color: '#ff0000' } },
      ],
      count: 2,
    });
  });

  it('accepts projects keyed by id and tasks given as bare names', async () => {
    desktimeServer.use(desktimeRoute('get', '/projects', { projects: { '5': { id: '5', name: 'Scranton', tasks: ['Paper'] } } }));
    const result = await runTool(desktime, 'desktime_list_projects', {}, { runtime: await startDesktime() });
    expect(result.structuredContent).toEqual({
      projects: [{ id: 5, name: 'Scranton', created_at: null, tasks: [{ id: null, name: 'Paper' }], extra: {} }],
      count: 1,
    });
  });

  it('maps a 401 to unauthenticated, telling the operator which setting to fix', async () => {
    desktimeServer.use(desktimeRoute('get', '/projects', HttpResponse.json({ error: 'nope' }, { status: 401 })));
    const error = errorOf(await runTool(desktime, 'desktime_list_projects', {}, { runtime: await startDesktime() }));
    expect(error).toMatchObject({ code: 'unauthenticated', retryable: false, vendor_status: 401 });
    expect(error.hint).toContain('DESKTIME_API_KEY');
  });

  it('maps a non-JSON 200 to upstream_error', async () => {
    desktimeServer.use(desktimeRoute('get', '/projects', new HttpResponse('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    const error = errorOf(await runTool(desktime, 'desktime_list_projects', {}, { runtime: await startDesktime() }));
    expect(error.code).toBe('upstream_error');
    expect(JSON.stringify(error)).not.toContain('login');
  });

  it('rejects a filter it cannot apply', async () => {
    const error = errorOf(await runTool(desktime, 'desktime_list_projects', { archived: true }, { runtime: await startDesktime() }));
    expect(error.code).toBe('invalid_argument');
    expect(received).toEqual([]);
  });
});
