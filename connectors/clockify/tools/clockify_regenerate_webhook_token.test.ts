import { describe, expect, it } from 'vitest';
import { capturingLogger, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6c21d2e3f4a5b6c7d8e9a003';
const NEW_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.regenerated-Pq72.sig3';

describe('clockify_regenerate_webhook_token', () => {
  it('returns the new token once and does not log it', async () => {
    stub.use(...commonRoutes(stub), stub.route('patch', `/workspaces/${WS}/webhooks/${ID}/token`, { ...(fixture('webhooks-created') as object), authToken: NEW_TOKEN }));
    const logger = capturingLogger();
    const result = await runTool(clockify, 'clockify_regenerate_webhook_token', { webhook_id: ID }, { runtime: await startClockify({ log: logger.log }) });
    expect(result.structuredContent).toMatchObject({ webhook: { id: ID }, auth_token: NEW_TOKEN });
    expect(logger.text()).not.toContain('regenerated-Pq72');
  });

  it('maps 403 to permission_denied', async () => {
    stub.use(...commonRoutes(stub), stub.route('patch', `/workspaces/${WS}/webhooks/${ID}/token`, clockifyError(403, 403)));
    expect(errorOf(await runTool(clockify, 'clockify_regenerate_webhook_token', { webhook_id: ID }, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('refuses unknown arguments', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_regenerate_webhook_token', { webhook_id: ID, token: 'x' }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });
});
