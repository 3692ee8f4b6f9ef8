import { afterEach, describe, expect, it } from 'vitest';
import { connectorCatalog } from '../../src/registry/catalog';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startOAuthGateway, type OAuthGateway } from '../oauth/support';

/**
 * Issue 18, finding 3: after ten 401s from an address, every request from it
 * got 429, valid keys and admins included; behind a same-host proxy every
 * caller shares that address, and every OAuth client's first call to /mcp
 * is an expected 401. Only presented, failing credentials count, per client
 * address as a trusted proxy (DESKGATE_TRUST_PROXY) forwards it.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

function ping(gw: TestGateway, authorization: string | undefined, forwardedFor?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  if (authorization !== undefined) headers.authorization = authorization;
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  return fetch(gw.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) });
}

const guess = (i: number | string) => `Bearer dg_guess-${i}-000000000000000000000`;

async function failTenTimes(gw: TestGateway, forwardedFor?: string) {
  for (let i = 0; i < 10; i++) expect((await ping(gw, guess(i), forwardedFor)).status).toBe(401);
}

describe('the failed-authentication slow-down', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('never stops a valid key: after ten wrong keys from an address, its admin still gets through on /mcp and /api, while wrong keys get 429', async () => {
    gw = await startTestGateway({ catalog: [...catalog, ...connectorCatalog], env: { DESKGATE_CONNECTORS: 'echo,helpdesk' } });
    await failTenTimes(gw);
    const slowed = await ping(gw, guess('next'));
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await slowed.json()).error).toMatchObject({ code: 'rate_limited' });

    const admin = await ping(gw, `Bearer ${gw.adminKey}`);
    expect(admin.status).toBe(200);
    const rest = await fetch(`${gw.baseUrl}/api/helpdesk/tickets`, { headers: { authorization: `Bearer ${gw.adminKey}` } });
    expect(rest.status).toBe(200);
    // A wrong key on the REST API from the same address is slowed too.
    expect((await fetch(`${gw.baseUrl}/api/helpdesk/tickets`, { headers: { authorization: guess('rest') } })).status).toBe(429);
  });

  it('does not count requests without credentials (an OAuth client’s first call): they keep their 401 challenge', async () => {
    gw = await startTestGateway({ catalog });
    for (let i = 0; i < 25; i++) {
      const challenged = await ping(gw, undefined);
      expect(challenged.status).toBe(401);
      expect(challenged.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    // Nothing was counted: a wrong key is still a plain 401, nine more times.
    for (let i = 0; i < 10; i++) expect((await ping(gw, guess(i))).status).toBe(401);
    expect((await ping(gw, guess('eleventh'))).status).toBe(429);
  });

  it('ignores X-Forwarded-For by default: a client cannot escape the count by writing another address', async () => {
    gw = await startTestGateway({ catalog });
    for (let i = 0; i < 10; i++) expect((await ping(gw, guess(i), `198.51.100.${i}`)).status).toBe(401);
    expect((await ping(gw, guess('next'), '198.51.100.200')).status).toBe(429);
  });

  it('with DESKGATE_TRUST_PROXY=loopback, counts each client the proxy forwards on its own, read right to left', async () => {
    gw = await startTestGateway({ catalog, env: { DESKGATE_TRUST_PROXY: 'loopback' } });
    // The same-host proxy appends the address it saw; the client wrote whatever is left of it.
    await failTenTimes(gw, 'spoofed-by-client, 203.0.113.7');
    expect((await ping(gw, guess('next'), '203.0.113.7')).status).toBe(429);
    // Writing another address in front does not help: the rightmost untrusted hop is the client.
    expect((await ping(gw, guess('next'), '198.51.100.1, 203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy is not affected.
    expect((await ping(gw, guess('other'), '203.0.113.8')).status).toBe(401);
    // Nor is a colleague with a valid key behind the same proxy and address.
    expect((await ping(gw, `Bearer ${gw.adminKey}`, '203.0.113.7')).status).toBe(200);
    // A chain of trusted proxies is skipped: 127.0.0.2 is a loopback hop, 203.0.113.7 the client.
    expect((await ping(gw, guess('chain'), '203.0.113.7, 127.0.0.2')).status).toBe(429);
  });

  it('with DESKGATE_TRUST_PROXY=1 (one proxy of unknown address, as in deploy/), counts the address that proxy appended', async () => {
    gw = await startTestGateway({ catalog, env: { DESKGATE_TRUST_PROXY: '1' } });
    await failTenTimes(gw, '198.51.100.1, 203.0.113.7');
    expect((await ping(gw, guess('next'), '203.0.113.7')).status).toBe(429);
    expect((await ping(gw, guess('other'), '203.0.113.7, 203.0.113.8')).status).toBe(401);
  });

  it('refuses a start with a DESKGATE_TRUST_PROXY it cannot read, naming the variable', async () => {
    await expect(startTestGateway({ catalog, env: { DESKGATE_TRUST_PROXY: 'loopback, my-proxy.example' } })).rejects.toThrow(
      /DESKGATE_TRUST_PROXY: .*"my-proxy\.example"/,
    );
  });
});

describe('the OAuth registration and sign-in limits share DESKGATE_TRUST_PROXY', () => {
  let gw: OAuthGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  const register = (oauth: OAuthGateway, forwardedFor: string) =>
    fetch(`${oauth.baseUrl}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ client_name: 'limited', redirect_uris: ['http://127.0.0.1:9/cb'], token_endpoint_auth_method: 'none' }),
    });

  it('by default counts the socket peer, whatever X-Forwarded-For says', async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '2' } });
    expect((await register(gw, '198.51.100.1')).status).toBe(201);
    expect((await register(gw, '198.51.100.2')).status).toBe(201);
    expect((await register(gw, '198.51.100.3')).status).toBe(429);
  });

  it('with a trusted proxy, counts the address it forwards', async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '2', DESKGATE_TRUST_PROXY: '127.0.0.0/8' } });
    expect((await register(gw, '198.51.100.1')).status).toBe(201);
    expect((await register(gw, 'x, 198.51.100.1')).status).toBe(201);
    expect((await register(gw, '198.51.100.1')).status).toBe(429);
    expect((await register(gw, '198.51.100.2')).status).toBe(201);
  });
});
