import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ADDON = '64c777ddd3fcab07cfbb210c';

describe('clockify_list_addon_webhooks', () => {
  it("lists an add-on's webhooks, one page at a time", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/addons/${ADDON}/webhooks`, fixture('webhooks-list')));
    const runtime = await startClockify();
    const first = (await runTool(clockify, 'clockify_list_addon_webhooks', { addon_id: ADDON, limit: 1 }, { runtime })).structuredContent as {
      items: { id: string }[];
      next_cursor: string | null;
    };
    expect(first.items.map((w) => w.id)).toEqual(['6c21d2e3f4a5b6c7d8e9a001']);
    const second = (await runTool(clockify, 'clockify_list_addon_webhooks', { addon_id: ADDON, limit: 1, cursor: first.next_cursor }, { runtime }))
      .structuredContent as { items: { id: string }[]; next_cursor: string | null };
    expect(second.items.map((w) => w.id)).toEqual(['6c21d2e3f4a5b6c7d8e9a002']);
    expect(second.next_cursor).toBeNull();
  });

  it('maps 404 to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/addons/${ADDON}/webhooks`, clockifyError(404, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_list_addon_webhooks', { addon_id: ADDON }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses a malformed add-on id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_addon_webhooks', { addon_id: 'slack' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('addon_id');
  });
});
