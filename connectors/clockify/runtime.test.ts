import { describe, expect, it } from 'vitest';
import { clockifyHosts, clockifyConfigSchema } from './config';
import { BOB, clockifyError, clockifyStub, fixture, ME, startClockify, TEST_PERSONAL_KEY, testPrincipal, WS } from './test-support';
import { toVendorPath } from '../../src/vendor-http/path';

const stub = clockifyStub();

describe('configuration', () => {
  it('region sets both hosts, explicit URLs win', () => {
    const cfg = (env: Record<string, string>) => clockifyConfigSchema.parse({ CLOCKIFY_API_KEY: 'k', ...env });
    expect(clockifyHosts(cfg({}), 'https://api.clockify.me/api/v1')).toEqual({ api: 'https://api.clockify.me/api/v1', reports: 'https://reports.api.clockify.me/v1' });
    expect(clockifyHosts(cfg({ CLOCKIFY_REGION: 'euc1' }), 'https://api.clockify.me/api/v1')).toEqual({
      api: 'https://euc1.clockify.me/api/v1',
      reports: 'https://euc1.clockify.me/report/v1',
    });
    expect(clockifyHosts(cfg({ CLOCKIFY_REGION: 'euc1', CLOCKIFY_BASE_URL: 'https://x.test/api/v1' }), 'https://x.test/api/v1').api).toBe('https://x.test/api/v1');
    expect(() => cfg({ CLOCKIFY_REGION: 'mars' })).toThrow(/CLOCKIFY_REGION/);
    expect(() => cfg({ CLOCKIFY_ACT_AS: 'everyone' })).toThrow(/CLOCKIFY_ACT_AS/);
    expect(cfg({}).actAs).toBe('caller');
  });
});

describe('the acting user and workspace', () => {
  it("defaults to the key owner's active workspace, looked up once per key", async () => {
    stub.use(stub.route('get', '/user', fixture('user')));
    const runtime = await startClockify();
    expect(await runtime.workspaceId({})).toBe(WS);
    expect(await runtime.workspaceId({})).toBe(WS);
    expect(await runtime.workspaceId({}, '64a687e29ae1f428e7ebe999')).toBe('64a687e29ae1f428e7ebe999');
    expect(stub.received.filter((r) => r.path === '/user')).toHaveLength(1);
    // A personal key is another Clockify user: looked up separately, with that key.
    await runtime.workspaceId({ credential: { id: 'c1', secret: TEST_PERSONAL_KEY } });
    expect(stub.received.filter((r) => r.path === '/user').map((r) => r.secretIndex)).toEqual([0, 1]);
  });

  it('CLOCKIFY_WORKSPACE_ID wins without any call', async () => {
    const runtime = await startClockify({ env: { CLOCKIFY_WORKSPACE_ID: WS } });
    expect(await runtime.workspaceId({})).toBe(WS);
    expect(stub.received).toEqual([]);
  });

  it('under caller_email, "me" is the member with the caller\'s email, with their time zone', async () => {
    stub.use(stub.route('get', '/user', fixture('user')), stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => u.email === query.email)));
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email', CLOCKIFY_WORKSPACE_ID: WS } });
    const ctx = { principal: testPrincipal('staff', { email: 'Bob@Example.com' }) };
    expect((await runtime.acting(ctx)).forOther).toBe(true);
    expect(await runtime.me(ctx, WS)).toEqual({ id: BOB, name: 'Bob Chen', email: 'bob@example.com', timeZone: 'America/New_York' });
    expect(stub.received.find((r) => r.path.endsWith('/users'))?.query.email).toBe('bob@example.com');
  });

  it('under caller_email, a caller who is no member gets permission_denied naming the email', async () => {
    stub.use(stub.route('get', '/user', fixture('user')), stub.route('get', `/workspaces/${WS}/users`, []));
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email', CLOCKIFY_WORKSPACE_ID: WS } });
    await expect(runtime.me({ principal: testPrincipal('staff', { email: 'carol@example.com' }) }, WS)).rejects.toMatchObject({
      code: 'permission_denied',
      message: expect.stringContaining('carol@example.com'),
    });
  });

  it('a caller with a personal key is that key\'s owner, even under caller_email', async () => {
    stub.use(stub.route('get', '/user', fixture('user')));
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email' } });
    const ctx = { credential: { id: 'c1', secret: TEST_PERSONAL_KEY }, principal: testPrincipal('user', { email: 'zed@example.com' }) };
    expect((await runtime.acting(ctx)).forOther).toBe(false);
    expect((await runtime.me(ctx, WS)).id).toBe(ME);
  });

  it('reads forceTasks and the currency from the workspace', async () => {
    const ws = fixture<Record<string, Record<string, unknown>>>('workspace');
    ws.workspaceSettings!.forceTasks = true;
    stub.use(stub.route('get', `/workspaces/${WS}`, ws));
    const runtime = await startClockify();
    expect(await runtime.workspace({}, WS)).toMatchObject({ forceTasks: true, currency: 'EUR', name: 'Moreau Design Studio' });
  });
});

describe('Clockify errors', () => {
  const call = async (answer: Response, method: 'GET' | 'PATCH' | 'DELETE' = 'GET', path = `/workspaces/${WS}`) => {
    stub.use(stub.route(method.toLowerCase() as 'get', path, answer));
    const runtime = await startClockify();
    return runtime.api.send({}, method, toVendorPath(path), { operation: 'test call', body: method === 'PATCH' ? { end: 'x' } : undefined }).then(
      () => undefined,
      (e: unknown) => e as Record<string, unknown>,
    );
  };

  it('auth codes become unauthenticated with the reason in words', async () => {
    expect(await call(clockifyError(401, 4003, 'Api key does not exist'))).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/does not exist/) });
    expect(await call(clockifyError(401, 1000, 'Full authentication is required'))).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/no usable API key/) });
  });

  it('403 is permission_denied about the Clockify role; 429 rate_limited with Retry-After', async () => {
    expect(await call(clockifyError(403, 0, 'Forbidden'))).toMatchObject({ code: 'permission_denied', message: expect.stringMatching(/role/) });
    const limited = await call(new Response(JSON.stringify({ message: 'Too many requests', code: 429 }), { status: 429, headers: { 'retry-after': '7', 'content-type': 'application/json' } }));
    expect(limited).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 7 });
  });

  it('deleting an active project is precondition_failed naming the archive call; stopping with nothing running too', async () => {
    const p = `/workspaces/${WS}/projects/65b1c2d3e4f5a6b7c8d9e001`;
    expect(await call(clockifyError(400, 501, 'Cannot delete an active project'), 'DELETE', p)).toMatchObject({
      code: 'precondition_failed',
      hint: expect.stringContaining('clockify_update_project {"archived": true}'),
    });
    expect(await call(clockifyError(404, 404, "Currently running time entry doesn't exist"), 'PATCH', `/workspaces/${WS}/user/${ME}/time-entries`)).toMatchObject({
      code: 'precondition_failed',
      alternatives: ['clockify_list_running_timers'],
    });
  });

  it('never quotes the vendor text', async () => {
    const error = await call(clockifyError(400, 501, 'SECRET-VENDOR-TEXT'));
    expect(error).toMatchObject({ code: 'invalid_argument' });
    expect(JSON.stringify({ m: error?.message, h: error?.hint })).not.toContain('SECRET-VENDOR-TEXT');
  });
});
