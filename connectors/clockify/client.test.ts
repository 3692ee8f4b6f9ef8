import { describe, expect, it } from 'vitest';
import { createMemoryLimitStore } from '../../src/limits/store';
import { SEND_SLACK_MS, WorkspaceLimiter } from './client';
import { clockifyStub, errorOf, fixture, ME, runTool, startClockify, TEST_PERSONAL_KEY, testPrincipal, WS, clockify } from './test-support';

const stub = clockifyStub();

describe('the per-workspace limiter', () => {
  it('queues a burst at CLOCKIFY_MAX_RPS per workspace instead of sending it at once, any four in a row spanning 1.05 s', async () => {
    let now = 1_000;
    const limiter = new WorkspaceLimiter(4, createMemoryLimitStore(() => now));
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await limiter.reserve(WS));
    expect(waits).toEqual([0, 262.5, 525, 787.5, 1050]);
    expect(SEND_SLACK_MS).toBe(50);
    // Another workspace has its own budget.
    expect(await limiter.reserve('other')).toBe(0);
    now += 2_000;
    expect(await limiter.reserve(WS)).toBe(0);
  });

  it("refuses a call whose wait would exceed its deadline as rate_limited, without calling Clockify", async () => {
    const runtime = await startClockify({ env: { CLOCKIFY_MAX_RPS: '1', CLOCKIFY_WORKSPACE_ID: WS }, common: { timeoutMs: 1_500 } });
    stub.use(stub.route('get', `/workspaces/${WS}`, fixture('workspace')));
    // Reserve the next two slots of this workspace's budget (1.05 s each).
    const limiter = (runtime.api as unknown as { limiter: WorkspaceLimiter }).limiter;
    await limiter.reserve(WS);
    await limiter.reserve(WS);
    const error = errorOf(await runTool(clockify, 'clockify_get_workspace', {}, { runtime }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_seconds: 3 });
    expect(stub.received).toEqual([]);
  });
});

describe('personal keys', () => {
  it("a caller's own linked key is used for the call and for looking up who 'me' is", async () => {
    stub.use(
      stub.route('get', '/user', fixture('user')),
      stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, []),
    );
    const runtime = await startClockify();
    await runTool(clockify, 'clockify_list_time_entries', {}, { runtime, credential: { id: 'cred-1', secret: TEST_PERSONAL_KEY }, principal: testPrincipal('user') });
    expect(stub.received.map((r) => [r.path, r.secretIndex])).toEqual([
      ['/user', 1],
      [`/workspaces/${WS}/user/${ME}/time-entries`, 1],
    ]);
  });
});
