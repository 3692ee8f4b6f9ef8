import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const FEED = `/workspaces/${WS}/entities/updated`;

describe('clockify_list_updated_entities', () => {
  it('lists updated time entries with their description as name and the update time', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, fixture('changes-updated')));
    const result = await runTool(clockify, 'clockify_list_updated_entities', { type: 'time_entry', start: '2024-03-11 08:00', end: 'now' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === FEED)?.query).toMatchObject({ type: 'TIME_ENTRY', start: '2024-03-11T07:00:00Z' });
    const out = result.structuredContent as { items: Record<string, unknown>[] };
    expect(out.items[0]).toMatchObject({
      type: 'time_entry',
      id: '6d01a2b3c4d5e6f7a8b9c777',
      name: 'Homepage layout',
      changed_at: '2026-11-30T08:45:00+01:00',
      extra: { userId: '5a0ab5acb07987125438b60f', projectId: '65b1c2d3e4f5a6b7c8d9e001', start: '2026-11-27T15:00:00+01:00' },
    });
  });

  it("maps Clockify's 400 to invalid_argument", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, clockifyError(400, 3001)));
    const error = errorOf(await runTool(clockify, 'clockify_list_updated_entities', { type: 'client', start: 'yesterday', end: 'today' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
  });

  it('refuses end before start', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_list_updated_entities', { type: 'client', start: 'today', end: 'yesterday' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('end');
    expect(stub.received.filter((r) => r.path === FEED)).toEqual([]);
  });
});
