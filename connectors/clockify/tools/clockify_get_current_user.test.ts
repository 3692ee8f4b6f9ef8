import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, errorOf, fixture, ME, runTool, startClockify, testPrincipal, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_get_current_user', () => {
  it('is the key owner by default', async () => {
    stub.use(stub.route('get', '/user', fixture('user')));
    const result = await runTool(clockify, 'clockify_get_current_user', {}, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ id: ME, name: 'Alice Moreau', email: 'alice@example.com', time_zone: 'Europe/Paris', workspace_id: WS, acting_as: 'key_owner' });
  });

  it('under caller_email is the member with the caller\'s email', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/users`, fixture('users-list')));
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email', CLOCKIFY_WORKSPACE_ID: WS } });
    const result = await runTool(clockify, 'clockify_get_current_user', {}, { runtime, principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    expect(result.structuredContent).toMatchObject({ id: BOB, time_zone: 'America/New_York', acting_as: 'caller_email' });
    const missing = errorOf(await runTool(clockify, 'clockify_get_current_user', {}, { runtime, principal: testPrincipal('staff', { email: 'eve@example.com' }) }));
    expect(missing).toMatchObject({ code: 'permission_denied', message: expect.stringContaining('eve@example.com') });
  });

  it('a bad key is unauthenticated', async () => {
    stub.use(stub.route('get', '/user', clockifyError(401, 1000)));
    expect(errorOf(await runTool(clockify, 'clockify_get_current_user', {}, { runtime: await startClockify() })).code).toBe('unauthenticated');
  });

  it('rejects unknown arguments', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_get_current_user', { email: 'x' }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });
});
