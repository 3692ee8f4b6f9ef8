import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_list_webhooks', () => {
  it('lists webhooks with the workspace count, and never their tokens', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/webhooks`, fixture('webhooks-list')));
    const result = await runTool(clockify, 'clockify_list_webhooks', { type: 'user_created' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path.endsWith('/webhooks'))?.query).toEqual({ type: 'USER_CREATED' });
    expect(result.structuredContent).toMatchObject({
      workspace_webhook_count: 2,
      items: [
        { id: '6c21d2e3f4a5b6c7d8e9a001', url: 'https://hooks.example.com/clockify/stopped', event: 'TIMER_STOPPED', enabled: true },
        { id: '6c21d2e3f4a5b6c7d8e9a002', event: 'NEW_TIME_ENTRY', trigger_type: 'PROJECT_ID', triggers: [{ id: '65b1c2d3e4f5a6b7c8d9e001', name: 'Acme website' }], owner: 'Bob Chen', enabled: false },
      ],
      next_cursor: null,
    });
    expect(JSON.stringify(result)).not.toContain('listed-token-should-not-show');
  });

  it('maps 403 to permission_denied', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/webhooks`, clockifyError(403, 403)));
    expect(errorOf(await runTool(clockify, 'clockify_list_webhooks', {}, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('refuses an unknown type', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_webhooks', { type: 'mine' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('type');
  });
});
