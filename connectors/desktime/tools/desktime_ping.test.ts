import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_ping', () => {
  it('reports DeskTime reachable with its clock, having sent the key', async () => {
    desktimeServer.use(desktimeRoute('get', '/ping', fixture('ping')));
    const result = await runTool(desktime, 'desktime_ping', {}, { runtime: await startDesktime() });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ reachable: true, server_time: '2024-03-15T23:30:00.000Z' });
    expect(received).toEqual([{ method: 'GET', path: '/ping', query: {}, hadApiKey: true }]);
  });

  it('says the key was rejected when DeskTime answers 200 with an error', async () => {
    desktimeServer.use(desktimeRoute('get', '/ping', { error: 'Invalid API key' }));
    const error = errorOf(await runTool(desktime, 'desktime_ping', {}, { runtime: await startDesktime() }));
    expect(error.code).toBe('unauthenticated');
    expect(error.hint).toContain('DESKTIME_API_KEY');
    expect(error.message).not.toContain('Invalid API key');
  });

  it('reports DeskTime unavailable after retrying a 503 ping', async () => {
    desktimeServer.use(desktimeRoute('get', '/ping', new HttpResponse('<html>down</html>', { status: 503 })));
    const error = errorOf(await runTool(desktime, 'desktime_ping', {}, { runtime: await startDesktime() }));
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, vendor_status: 503 });
    expect(received.length).toBeGreaterThan(1);
  });

  it('rejects unexpected arguments', async () => {
    const error = errorOf(await runTool(desktime, 'desktime_ping', { verbose: true }, { runtime: await startDesktime() }));
    expect(error.code).toBe('invalid_argument');
    expect(received).toEqual([]);
  });

  it('backs the health check doctor prints', async () => {
    desktimeServer.use(desktimeRoute('get', '/ping', fixture('ping')));
    const runtime = await startDesktime();
    await expect(desktime.healthCheck(runtime)).resolves.toMatchObject({ ok: true });

    desktimeServer.use(desktimeRoute('get', '/ping', { error: 'Invalid API key' }));
    const failed = await desktime.healthCheck(runtime);
    expect(failed.ok).toBe(false);
    expect(failed.detail).toContain('unauthenticated');
    expect(failed.detail).toContain('DESKTIME_API_KEY');
  });
});
