import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/vendor-http/breaker';
import type { BreakerState, VendorHttpClientOptions } from '../../src/vendor-http/types';
import { failureOf, json, metricValue, startLoopbackServer, testClient, type LoopbackServer, type TestClient } from './support';

describe('CircuitBreaker', () => {
  function breaker(threshold = 3, cooldownMs = 1_000) {
    let now = 0;
    const changes: BreakerState[] = [];
    const b = new CircuitBreaker({ failureThreshold: threshold, cooldownMs, now: () => now, onChange: (s) => changes.push(s) });
    const fail = () => {
      const d = b.tryAcquire();
      if (!d.allowed) throw new Error('expected to be allowed');
      d.permit.failure();
    };
    return { b, fail, changes, advance: (ms: number) => (now += ms) };
  }

  it('opens after the threshold of consecutive failures, not before', () => {
    const { b, fail } = breaker(3);
    fail();
    fail();
    expect(b.state()).toBe('closed');
    fail();
    expect(b.state()).toBe('open');
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 1_000 });
  });

  it('a success in between resets the count', () => {
    const { b, fail } = breaker(3);
    fail();
    fail();
    const d = b.tryAcquire();
    if (d.allowed) d.permit.success();
    fail();
    fail();
    expect(b.state()).toBe('closed');
  });

  it('lets exactly one probe through when half-open; its success closes', () => {
    const { b, fail, advance, changes } = breaker(1, 1_000);
    fail();
    advance(400);
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 600 });
    advance(600);
    expect(b.state()).toBe('half_open');
    const probe = b.tryAcquire();
    expect(probe.allowed).toBe(true);
    expect(b.tryAcquire().allowed).toBe(false);
    if (probe.allowed) probe.permit.success();
    expect(b.state()).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'closed']);
  });

  it('a failed probe re-opens for a new cooldown', () => {
    const { b, fail, advance } = breaker(1, 1_000);
    fail();
    advance(1_000);
    fail();
    expect(b.state()).toBe('open');
    advance(999);
    expect(b.state()).toBe('open');
    advance(1);
    expect(b.state()).toBe('half_open');
  });

  it('a released probe (cancelled call) frees the slot for the next caller', () => {
    const { b, fail, advance } = breaker(1);
    fail();
    advance(1_000);
    const probe = b.tryAcquire();
    if (probe.allowed) probe.permit.release();
    expect(b.state()).toBe('half_open');
    expect(b.tryAcquire().allowed).toBe(true);
  });

  it('ignores late results of attempts that started before it opened', () => {
    const { b, fail } = breaker(2);
    const early = b.tryAcquire();
    fail();
    fail();
    if (early.allowed) early.permit.success();
    expect(b.state()).toBe('open');
  });
});

describe('the client behind an unwell vendor', () => {
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
  function client(options: Partial<VendorHttpClientOptions>) {
    current = testClient({ baseUrl: server.url, maxRetries: 0, ...options });
    return current;
  }
  const get = { method: 'GET', path: '/employee', operation: 'get employee' } as const;

  it('opens after N failures, then fails fast without reaching the vendor', async () => {
    const { client: http, metrics } = client({ breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
    server.replies(json(500, {}));
    for (let i = 0; i < 3; i++) expect((await failureOf(http.request(get))).code).toBe('upstream_error');
    expect(http.breakerState()).toBe('open');
    expect(await metricValue(metrics, 'deskgate_vendor_breaker_state', { connector: 'fake' })).toBe(2);

    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'upstream_unavailable', retryable: true, connector: 'fake' });
    expect(failure.retry_after_seconds).toBeGreaterThan(0);
    expect(failure.retry_after_seconds).toBeLessThanOrEqual(60);
    expect(failure.hint).toContain('fake');
    expect(server.requests).toHaveLength(3);
  });

  it('counts each failed attempt, so retries of one call can open it and stop early', async () => {
    const { client: http } = client({ maxRetries: 5, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    server.replies(json(503, {}));
    const failure = await failureOf(http.request(get));
    expect(failure.code).toBe('upstream_unavailable');
    expect(server.requests).toHaveLength(2);
    expect(http.breakerState()).toBe('open');
  });

  it('counts timeouts and network failures too', async () => {
    const { client: http } = client({ timeoutMs: 100, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    server.replies(() => undefined);
    await failureOf(http.request(get));
    await failureOf(http.request(get));
    expect(http.breakerState()).toBe('open');
  });

  it('closes again after a successful half-open probe', async () => {
    const { client: http, metrics } = client({ breaker: { failureThreshold: 2, cooldownMs: 50 } });
    server.replies(json(502, {}));
    await failureOf(http.request(get));
    await failureOf(http.request(get));
    expect(http.breakerState()).toBe('open');

    server.replies(json(200, { ok: true }));
    await expect.poll(() => http.breakerState()).toBe('half_open');
    expect(await metricValue(metrics, 'deskgate_vendor_breaker_state', { connector: 'fake' })).toBe(1);
    expect((await http.request(get)).body).toEqual({ ok: true });
    expect(http.breakerState()).toBe('closed');
    expect(await metricValue(metrics, 'deskgate_vendor_breaker_state', { connector: 'fake' })).toBe(0);
  });

  it('lets only one of several concurrent calls probe a half-open vendor', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 1, cooldownMs: 50 } });
    server.replies(json(500, {}));
    await failureOf(http.request(get));
    await expect.poll(() => http.breakerState()).toBe('half_open');

    let answerProbe: () => void = () => undefined;
    server.replies((res) => {
      answerProbe = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      };
    });
    const probe = http.request(get);
    const others = await Promise.all([failureOf(http.request(get)), failureOf(http.request(get))]);
    expect(others.map((f) => f.code)).toEqual(['upstream_unavailable', 'upstream_unavailable']);
    await expect.poll(() => server.requests.length).toBe(2);
    answerProbe();
    expect((await probe).status).toBe(200);
    expect(http.breakerState()).toBe('closed');
    expect(server.requests).toHaveLength(2);
  });

  it('re-opens when the probe fails', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 1, cooldownMs: 50 } });
    server.replies(json(500, {}));
    await failureOf(http.request(get));
    await expect.poll(() => http.breakerState()).toBe('half_open');
    await failureOf(http.request(get));
    expect(http.breakerState()).toBe('open');
    expect(server.requests).toHaveLength(2);
  });

  it('is not tripped by 429s or other 4xx', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    server.replies(json(429, {}), json(429, {}), json(404, {}), json(400, {}), json(429, {}));
    for (let i = 0; i < 5; i++) await failureOf(http.request(get));
    expect(http.breakerState()).toBe('closed');
    expect(server.requests).toHaveLength(5);
  });

  it('a 4xx between 5xx resets the count', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    server.replies(json(500, {}), json(404, {}), json(500, {}), json(200, {}));
    for (let i = 0; i < 3; i++) await failureOf(http.request(get));
    expect(http.breakerState()).toBe('closed');
    await http.request(get);
  });
});
