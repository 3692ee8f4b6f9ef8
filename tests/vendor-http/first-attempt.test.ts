import type pRetry from 'p-retry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, startLoopbackServer, testClient, type LoopbackServer, type TestClient } from './support';

// p-retry as it is, counted: the retry machinery is built only for a request that needs a second attempt.
const pRetryCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('p-retry', async (importOriginal) => {
  const original = await importOriginal<{ default: typeof pRetry }>();
  return {
    ...original,
    default: (...args: Parameters<typeof pRetry>) => {
      pRetryCalls.count++;
      return original.default(...args);
    },
  };
});

let server: LoopbackServer;
let current: TestClient | undefined;
beforeEach(async () => {
  server = await startLoopbackServer();
  pRetryCalls.count = 0;
});
afterEach(async () => {
  await current?.client.close();
  current = undefined;
  await server.close();
});

const get = { method: 'GET', path: '/employee', operation: 'get employee' } as const;

describe('the first attempt', () => {
  it('a request answered at once builds no retry machinery; one that is retried gets the same answer as before', async () => {
    current = testClient({ baseUrl: server.url, timeoutMs: 10_000 }, { fakeSleep: true });
    server.replies(json(200, { name: 'Ada' }));
    expect((await current.client.request(get)).body).toEqual({ name: 'Ada' });
    expect(pRetryCalls.count).toBe(0);

    server.replies(json(503, {}), json(200, { name: 'Grace' }));
    expect((await current.client.request(get)).body).toEqual({ name: 'Grace' });
    expect(pRetryCalls.count).toBe(1);
    // Both attempts reached the vendor: the first one was not run twice.
    expect(server.requests).toHaveLength(3);
  });
});
