import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { AS_KEY_OWNER, desktimeRoute, desktimeServer, fixture, identityRoutes, received, runTool, startDesktime, useDesktimeServer } from '../test-support';

useDesktimeServer();

describe('desktime_create_project', () => {
  it('POSTs the names in the query string and returns the new project', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('post', '/create-project', fixture('create-project')));
    const result = await runTool(
      desktime,
      'desktime_create_project',
      { project: '  Client website redesign ', task: 'Discovery' },
      { runtime: await startDesktime() },
    );
    expect(received.filter((r) => r.path === '/create-project')).toEqual([
      { method: 'POST', path: '/create-project', query: { project: 'Client website redesign', task: 'Discovery' }, hadApiKey: true },
    ]);
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER,
      created: true,
      project: { id: 70001, name: 'Client website redesign', tasks: [{ id: 90001, name: 'Discovery' }] },
      extra: {},
    });
  });

  it('still reports what was created when DeskTime answers with little', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('post', '/create-project', { success: true }));
    const result = await runTool(desktime, 'desktime_create_project', { project: 'Paper sales' }, { runtime: await startDesktime() });
    expect(received[0]?.query).toEqual({ project: 'Paper sales' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER,
      created: true,
      project: { id: null, name: 'Paper sales', tasks: [] },
      extra: { success: true },
    });
  });

  it('is not re-sent after a 503, since DeskTime may have created it', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('post', '/create-project', new HttpResponse(null, { status: 503 })));
    const error = errorOf(await runTool(desktime, 'desktime_create_project', { project: 'Paper sales' }, { runtime: await startDesktime() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(received).toHaveLength(1);
  });

  it('requires a project name', async () => {
    const runtime = await startDesktime();
    for (const args of [{}, { project: '   ' }, { project: 'x'.repeat(300) }]) {
      const error = errorOf(await runTool(desktime, 'desktime_create_project', args, { runtime }));
      expect(error.fields?.[0]?.field).toBe('project');
    }
    expect(received).toEqual([]);
  });
});
