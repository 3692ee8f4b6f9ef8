import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorPayload } from '../../src/errors';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, type ConnectedClient } from '../support/clients';
import { startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Issue 18 item 13: no deadline bounded a whole tool call; one
 * clockify_list_time_entries took 23 s (several vendor requests behind the
 * 10-per-second queue, each with its own 15 s timeout), holding a slot of
 * the key's concurrency and a client that had long given up.
 * DESKGATE_CALL_TIMEOUT_MS bounds queueing, retries and every request of
 * the call; past it the call is upstream_timeout saying what was and was
 * not sent, and nothing more reaches the vendor.
 *
 * The vendor's own timeout is 10 s here and the call's 0.8 s: only the call
 * deadline can end these calls as asserted.
 */
const API_KEY = 'ckf_deadline_Qm3Vx8Lr2Tn6Wp9K';
const CALL_TIMEOUT_MS = 800;

async function setUp(extraEnv: Record<string, string>) {
  const clockify = await startClockifyStandIn(API_KEY);
  const gw = await startTestGateway({
    catalog: connectorCatalog,
    env: {
      CLOCKIFY_API_KEY: API_KEY,
      CLOCKIFY_BASE_URL: clockify.baseUrl,
      CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
      CLOCKIFY_WORKSPACE_ID: STAND_IN_WS,
      CLOCKIFY_TOOLSETS: 'time_entries',
      CLOCKIFY_TIMEOUT_MS: '10000',
      DESKGATE_CALL_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
      ...extraEnv,
    },
  });
  const client = await connectClient('modern', gw.url, gw.adminKey);
  return { clockify, gw, client };
}

const errorOf = (result: Record<string, unknown>): ErrorPayload => {
  expect(result.isError, JSON.stringify(result.content)).toBe(true);
  // Error results carry no structuredContent: the payload is in _meta (issue 17).
  expect(result.structuredContent).toBeUndefined();
  return (result._meta as Record<string, ErrorPayload>)['deskgate/error']!;
};

/** Requests a vendor never answers (the stand-in's socket closes with the test). */
const never = () => new Promise<never>(() => undefined);

describe('a slow vendor cannot hold a tool call past DESKGATE_CALL_TIMEOUT_MS', () => {
  let clockify: ClockifyStandIn;
  let gw: TestGateway;
  let client: ConnectedClient;
  beforeAll(async () => {
    ({ clockify, gw, client } = await setUp({}));
    clockify.route('GET', `/workspaces/${STAND_IN_WS}/user/:uid/time-entries`, never);
    clockify.route('POST', `/workspaces/${STAND_IN_WS}/time-entries`, never);
    clockify.route('POST', `/workspaces/${STAND_IN_WS}/user/:uid/time-entries`, never);
  });
  afterAll(async () => {
    await client?.close();
    await gw?.close();
    await clockify?.close();
  });

  it('a read the vendor never answers ends at the call deadline, saying what was answered, and nothing is sent afterwards', async () => {
    const error = errorOf(await client.callTool({ name: 'clockify_list_time_entries', arguments: {} }));
    expect(error).toMatchObject({ code: 'upstream_timeout', connector: 'clockify', retryable: true });
    expect(error.message).toMatch(/^The call ran out of its 0\.8 s deadline: /);
    const sent = clockify.calls.length;
    const answered = sent - 1;
    expect(error.message).toContain(sent === 1 ? 'the one request to Clockify was sent and not answered' : `${answered} of ${sent} requests to Clockify were answered`);
    expect(error.hint).toContain('Nothing was changed');
    // Nothing queued or retried reaches Clockify after the call ended.
    await delay(CALL_TIMEOUT_MS * 2);
    expect(clockify.calls).toHaveLength(sent);
  });

  it('a create cut off by the deadline says it was sent and its outcome is unknown (and that the same call again checks before booking)', async () => {
    const before = clockify.calls.length;
    const error = errorOf(await client.callTool({ name: 'clockify_create_time_entry', arguments: { start: '2024-03-14 14:00', duration: '1h', description: 'Deadline check' } }));
    expect(error).toMatchObject({ code: 'upstream_timeout', connector: 'clockify' });
    expect(error.message).toMatch(/^The call ran out of its 0\.8 s deadline: .*"create time entry" was sent and its outcome is unknown\. Clockify may or may not have saved the entry; retry the same call \(it is safe\) rather than guess\.$/);
    expect(error.hint).toContain('first asks Clockify whether the entry was saved');
    const sent = clockify.calls.length;
    expect(clockify.calls.slice(before).filter((c) => c.method === 'POST')).toHaveLength(1);
    await delay(CALL_TIMEOUT_MS * 2);
    expect(clockify.calls).toHaveLength(sent);
  });
});

describe("a request queued behind Clockify's per-workspace limit past the call deadline is never sent", () => {
  let clockify: ClockifyStandIn;
  let gw: TestGateway;
  let client: ConnectedClient;
  beforeAll(async () => {
    // One request per second per workspace: the second of two concurrent calls would wait a whole second.
    ({ clockify, gw, client } = await setUp({ CLOCKIFY_MAX_RPS: '1' }));
  });
  afterAll(async () => {
    await client?.close();
    await gw?.close();
    await clockify?.close();
  });

  it('refuses the queued call at once with "nothing was sent", and the queued request never reaches Clockify', async () => {
    // Learn who "me" is first (GET /user, cached), then let the workspace's queue drain.
    await client.callTool({ name: 'clockify_list_time_entries', arguments: {} });
    await delay(1_100);
    const listings = () => clockify.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/time-entries')).length;
    const before = listings();

    const results = await Promise.all([1, 2].map(() => client.callTool({ name: 'clockify_list_time_entries', arguments: {} })));
    const failed = results.filter((r) => r.isError);
    expect(failed).toHaveLength(1);
    const error = errorOf(failed[0]!);
    expect(error).toMatchObject({ code: 'upstream_timeout', connector: 'clockify', retryable: true });
    expect(error.message).toBe('The call ran out of its 0.8 s deadline: nothing was sent to Clockify.');
    expect(listings() - before).toBe(1);
    // Its slot would have come up a second after the first: it must not be sent then either.
    await delay(1_500);
    expect(listings() - before).toBe(1);
  });
});
