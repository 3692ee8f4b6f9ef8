import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallDeadline } from '../../src/vendor-http/deadline';
import type { VendorHttpClientOptions } from '../../src/vendor-http/types';
import { failureOf, hang, json, startLoopbackServer, testClient, type LoopbackServer, type TestClient } from './support';

/**
 * The whole tool call's deadline (ToolContext.deadline → VendorRequest.deadline):
 * it bounds every attempt, wait and request of the call, and running out says
 * what was and was not sent. The client's own timeout is long here, so only
 * the call's deadline can end these calls.
 */
let server: LoopbackServer;
let current: TestClient | undefined;

beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await current?.client.close();
  current = undefined;
  await server.close();
});

function client(options: Partial<VendorHttpClientOptions> = {}, extra: { fakeSleep?: boolean } = {}) {
  current = testClient({ baseUrl: server.url, timeoutMs: 10_000, ...options }, extra);
  return current;
}

const get = { method: 'GET', path: '/employee', operation: 'get employee' } as const;
const post = { method: 'POST', path: '/widgets', operation: 'create widget', body: { name: 'Gear' } } as const;

describe("a tool call's deadline in the vendor client", () => {
  it('ends a request the vendor never answers at the call deadline, saying it was sent and not answered', async () => {
    const { client: http } = client();
    server.replies(hang);
    const deadline = new CallDeadline(200);
    const failure = await failureOf(http.request({ ...get, deadline }));
    expect(failure).toMatchObject({ code: 'upstream_timeout', connector: 'fake', retryable: true });
    expect(failure.message).toBe('The call ran out of its 0.2 s deadline: the one request to FakeVendor was sent and not answered.');
    expect(failure.hint).toContain('Nothing was changed');
  });

  it('after an answered read, a write cut off by the deadline is "sent, outcome unknown" and not retryable', async () => {
    const { client: http } = client();
    server.replies(json(200, { id: 1 }), hang);
    const deadline = new CallDeadline(300);
    await http.request({ ...get, deadline });
    const failure = await failureOf(http.request({ ...post, deadline }));
    expect(failure).toMatchObject({ code: 'upstream_timeout', retryable: false });
    expect(failure.message).toMatch(/: 1 of 2 requests to FakeVendor were answered; "create widget" was sent and its outcome is unknown\.$/);
    expect(failure.hint).toMatch(/"create widget" may have been applied: check/);
    expect(server.requests).toHaveLength(2);
  });

  it('sends nothing once the deadline has passed, and says so', async () => {
    const { client: http } = client();
    let now = 1_000;
    const deadline = new CallDeadline(500, () => now);
    now += 500;
    const failure = await failureOf(http.request({ ...post, deadline }));
    expect(failure).toMatchObject({ code: 'upstream_timeout', retryable: true });
    expect(failure.message).toBe('The call ran out of its 0.5 s deadline: nothing was sent to FakeVendor.');
    expect(server.requests).toHaveLength(0);
  });

  it('names the request it did not send after others were answered, and a write that was applied', async () => {
    const { client: http } = client();
    server.replies(json(201, { id: 7 }));
    let now = 1_000;
    const deadline = new CallDeadline(1_000, () => now);
    await http.request({ ...post, deadline });
    now += 1_000;
    const failure = await failureOf(http.request({ ...get, deadline }));
    expect(failure.message).toBe(
      'The call ran out of its 1 s deadline: the one request to FakeVendor was answered; "create widget" was applied; the next ("get employee") was not sent.',
    );
    expect(failure).toMatchObject({ code: 'upstream_timeout', retryable: false });
    expect(failure.hint).toContain('Do not repeat the call');
    expect(server.requests).toHaveLength(1);
  });

  it('bounds retries: no backoff that would end past the call deadline, the clear answer instead', async () => {
    // Backoff of at least 500 ms before the first retry (retryBaseMs 1000, half fixed); the call has 300 ms.
    const { client: http, sleeps } = client({ retryBaseMs: 1_000, maxRetries: 3 }, { fakeSleep: true });
    server.replies(json(503, {}));
    const failure = await failureOf(http.request({ ...get, deadline: new CallDeadline(300) }));
    expect(failure.code).toBe('upstream_unavailable');
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('does not hold a timeout the call deadline forced on a request against the vendor (breaker stays closed)', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 1, cooldownMs: 60_000 } });
    server.replies(hang);
    expect((await failureOf(http.request({ ...get, deadline: new CallDeadline(150) }))).code).toBe('upstream_timeout');
    expect(http.breakerState()).toBe('closed');
  });
});
