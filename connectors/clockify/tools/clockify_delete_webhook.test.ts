import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const ID = '6c21d2e3f4a5b6c7d8e9a001';

describe('clockify_delete_webhook', () => {
  it('deletes the webhook', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/webhooks/${ID}`, new HttpResponse(null, { status: 204 })));
    const result = await runTool(clockify, 'clockify_delete_webhook', { webhook_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, webhook_id: ID });
  });

  it('maps 404 to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/webhooks/${ID}`, clockifyError(404, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_delete_webhook', { webhook_id: ID }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses a malformed id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_delete_webhook', { webhook_id: '42' }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });
});
