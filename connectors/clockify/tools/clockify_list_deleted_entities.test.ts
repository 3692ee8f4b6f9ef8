import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const FEED = `/workspaces/${WS}/entities/deleted`;

describe('clockify_list_deleted_entities', () => {
  it('unwraps deleted records: the entity id and name, and when it was deleted', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, fixture('changes-deleted')));
    const result = await runTool(clockify, 'clockify_list_deleted_entities', { type: 'tag', start: 'last_week', end: 'now' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      type: 'tag',
      items: [{ type: 'tag', id: '67d1e2f3a4b5c6d7e8f9a003', name: 'legacy', changed_at: '2026-11-29T18:20:11+01:00', extra: { archived: true } }],
      next_cursor: null,
    });
  });

  it('reports an answer that is not a list as upstream_error', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, { unexpected: true }));
    const error = errorOf(await runTool(clockify, 'clockify_list_deleted_entities', { type: 'tag', start: 'today', end: 'now' }, { runtime: await startClockify() }));
    expect(error.code).toBe('upstream_error');
  });

  it('maps 403 to permission_denied with the plan as the other cause', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', FEED, clockifyError(403, 403)));
    const error = errorOf(await runTool(clockify, 'clockify_list_deleted_entities', { type: 'tag', start: 'today', end: 'now' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
    expect(error.hint).toMatch(/plan/);
  });

  it('refuses an unknown type', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_deleted_entities', { type: 'invoice_line', start: 'today', end: 'now' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('type');
  });
});
