import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6c21d2e3f4a5b6c7d8e9a001';
const current = () => (fixture('webhooks-list') as { webhooks: Record<string, string>[] }).webhooks[0]!;

describe('clockify_update_webhook', () => {
  it('changes only the event, keeping url, trigger and name', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/webhooks/${ID}`, current()),
      stub.route('put', `/workspaces/${WS}/webhooks/${ID}`, ({ body }) => ({ ...current(), ...(body as object) })),
    );
    const result = await runTool(clockify, 'clockify_update_webhook', { webhook_id: ID, event: 'NEW_TIME_ENTRY' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Timer stopped to Slack',
      url: 'https://hooks.example.com/clockify/stopped',
      webhookEvent: 'NEW_TIME_ENTRY',
      triggerSourceType: 'WORKSPACE_ID',
      triggerSource: [WS],
    });
    expect(result.structuredContent).toMatchObject({ webhook: { event: 'NEW_TIME_ENTRY' } });
    expect(JSON.stringify(result)).not.toContain('listed-token');
  });

  it('maps 402 on update to plan_required', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/webhooks/${ID}`, current()),
      stub.route('put', `/workspaces/${WS}/webhooks/${ID}`, clockifyError(402, 402)),
    );
    expect(errorOf(await runTool(clockify, 'clockify_update_webhook', { webhook_id: ID, name: 'Renamed' }, { runtime: await startClockify() })).code).toBe('plan_required');
  });

  it('refuses a non-https url before reading anything', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_webhook', { webhook_id: ID, url: 'ftp://x.example.com' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument' });
    expect(stub.received).toEqual([]);
  });
});
