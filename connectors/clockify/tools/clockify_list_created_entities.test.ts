import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const FEED = `/workspaces/${WS}/entities/created`;

describe('clockify_list_created_entities', () => {
  it('lists projects created this week with id, name and creation time in the user zone', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, fixture('changes-created')));
    const result = await runTool(clockify, 'clockify_list_created_entities', { type: 'project', start: 'this_week', end: 'now' }, { runtime: await startClockify() });
    // This week in Paris starts Monday 11 March 00:00 (+01:00); "now" is TEST_NOW.
    expect(stub.received.find((r) => r.path === FEED)?.query).toEqual({
      type: 'PROJECTS',
      start: '2024-03-10T23:00:00Z',
      end: '2024-03-15T10:00:00Z',
      page: '0',
      limit: '50',
    });
    const out = result.structuredContent as { type: string; items: Record<string, unknown>[]; next_cursor: string | null };
    expect(out.type).toBe('project');
    expect(out.items[0]).toEqual({
      type: 'project',
      id: '65b1c2d3e4f5a6b7c8d9e009',
      name: 'Globex audit',
      changed_at: '2026-11-30T09:12:40+01:00',
      extra: { clientId: '6410a1b2c3d4e5f6a7b8c902', billable: true, archived: false },
    });
    expect(out.next_cursor).toBeNull();
  });

  it('maps 402 to plan_required', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_list_created_entities', { type: 'tag', start: 'today', end: 'now' }, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
  });

  it('requires type, start and end before any call, with type from the enum', async () => {
    const runtime = await startClockify();
    const noType = errorOf(await runTool(clockify, 'clockify_list_created_entities', { start: 'today', end: 'now' }, { runtime }));
    expect(noType.fields?.[0]?.field).toBe('type');
    const badType = errorOf(await runTool(clockify, 'clockify_list_created_entities', { type: 'PROJECTS', start: 'today', end: 'now' }, { runtime }));
    expect(badType.fields?.[0]?.field).toBe('type');
    const noEnd = errorOf(await runTool(clockify, 'clockify_list_created_entities', { type: 'project', start: 'today' }, { runtime }));
    expect(noEnd.fields?.[0]?.field).toBe('end');
    expect(stub.received).toEqual([]);
  });
});
