import { describe, expect, it } from 'vitest';
import { BOB, MINE_AS_KEY_OWNER, clockify, clockifyError, clockifyStub, errorOf, fixture, ME, runTool, startClockify, testPrincipal, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_get_current_user', () => {
  it('is the caller\'s own member, else the key owner, saying so', async () => {
    stub.use(stub.route('get', '/user', fixture('user')));
    stub.use(stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => u.email === query.email)));
    const runtime = await startClockify();
    const result = await runTool(clockify, 'clockify_get_current_user', {}, { runtime });
    // The default test caller matches no member: "me" is the key's owner, and acted_as says so.
    expect(result.structuredContent).toEqual({ id: ME, name: 'Alice Moreau', email: 'alice@example.com', time_zone: 'Europe/Paris', workspace_id: WS, acted_as: MINE_AS_KEY_OWNER });
    // A caller who is a member is that member by default (CLOCKIFY_ACT_AS=caller).
    const bob = await runTool(clockify, 'clockify_get_current_user', {}, { runtime, principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    expect(bob.structuredContent).toMatchObject({ id: BOB, acted_as: { how: 'shared_key_as_you', user_id: BOB } });
  });

  it('under caller_email is the member with the caller\'s email', async () => {
    stub.use(stub.route('get', '/user', fixture('user')), stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => u.email === query.email)));
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email', CLOCKIFY_WORKSPACE_ID: WS } });
    const result = await runTool(clockify, 'clockify_get_current_user', {}, { runtime, principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    expect(result.structuredContent).toMatchObject({ id: BOB, time_zone: 'America/New_York', acted_as: { how: 'shared_key_as_you' } });
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
