import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_get_workspace', () => {
  it('gives the default workspace with settings and unknown fields under extra', async () => {
    stub.use(stub.route('get', '/user', fixture('user')), stub.route('get', `/workspaces/${WS}`, fixture('workspace')));
    const result = await runTool(clockify, 'clockify_get_workspace', {}, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      workspace: { id: WS, cost_rate: { amount: 40, currency: 'EUR' }, settings: { force_projects: false, time_tracking_mode: 'DEFAULT' }, extra: { subdomain: { name: null, enabled: false } } },
    });
  });

  it('an unknown workspace is not_found', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}`, clockifyError(404, 501)));
    expect(errorOf(await runTool(clockify, 'clockify_get_workspace', { workspace_id: WS }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses a malformed workspace_id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_get_workspace', { workspace_id: 'acme' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('workspace_id');
  });
});
