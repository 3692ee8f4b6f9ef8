import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6c21d2e3f4a5b6c7d8e9a001';

describe('clockify_get_webhook', () => {
  it('returns the webhook without its token', async () => {
    const [first] = (fixture('webhooks-list') as { webhooks: unknown[] }).webhooks;
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/webhooks/${ID}`, first as Record<string, string>));
    const result = await runTool(clockify, 'clockify_get_webhook', { webhook_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      webhook: {
        id: ID,
        name: 'Timer stopped to Slack',
        url: 'https://hooks.example.com/clockify/stopped',
        event: 'TIMER_STOPPED',
        trigger_type: 'WORKSPACE_ID',
        triggers: [{ id: WS, name: 'Moreau Design Studio' }],
        enabled: true,
        owner_user_id: '5a0ab5acb07987125438b60f',
        owner: 'Alice Moreau',
      },
    });
    expect(JSON.stringify(result)).not.toContain('listed-token');
  });

  it('maps 404 to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/webhooks/${ID}`, clockifyError(404, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_get_webhook', { webhook_id: ID }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses a missing webhook_id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_get_webhook', {}, { runtime: await startClockify() })).fields?.[0]?.field).toBe('webhook_id');
  });
});
