import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6c21d2e3f4a5b6c7d8e9a001';
const LOGS = `/workspaces/${WS}/webhooks/${ID}/logs`;

describe('clockify_get_webhook_logs', () => {
  it('lists deliveries newest first with status, success and previews, times in the user zone', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', LOGS, fixture('webhooks-logs')));
    const result = await runTool(clockify, 'clockify_get_webhook_logs', { webhook_id: ID, status: 'all', from: '2024-03-11', limit: 10 }, { runtime: await startClockify() });
    const sent = stub.received.find((r) => r.path === LOGS);
    expect(sent?.query).toEqual({ page: '0', size: '10' });
    // Monday 2024-03-11 00:00 in Paris is 23:00 UTC the day before.
    expect(sent?.body).toEqual({ status: 'ALL', sortByNewest: true, from: '2024-03-10T23:00:00Z' });
    const out = result.structuredContent as { items: Record<string, unknown>[]; next_cursor: string | null };
    expect(out.items[0]).toMatchObject({ status_code: 200, succeeded: true, responded_at: '2026-11-27T17:02:28+01:00', response_preview: 'ok' });
    expect(out.items[1]).toMatchObject({ status_code: 502, succeeded: false });
    expect(out.next_cursor).toBeNull();
  });

  it('maps 404 to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', LOGS, clockifyError(404, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_get_webhook_logs', { webhook_id: ID }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses an unreadable from', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_get_webhook_logs', { webhook_id: ID, from: 'sometime soon' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('from');
    expect(stub.received.filter((r) => r.path === LOGS)).toEqual([]);
  });
});
