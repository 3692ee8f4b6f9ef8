import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedLookup, isPublicAddress } from '../../src/oauth/metadata-fetch';
import { pkce } from '../oauth/flows';
import { startOAuthGateway, type OAuthGateway } from '../oauth/support';

/**
 * Issue 18, item 11: an https:// client_id (a Client ID Metadata Document)
 * made the gateway connect to any host, loopback and private ranges
 * included, as often as /oauth/authorize was asked. Now only public
 * addresses are fetched from (checked after resolving, on the connection
 * itself), and fetches are limited per client address and in all.
 */

const authorizeWith = (gw: OAuthGateway, clientId: string, headers: Record<string, string> = {}) => {
  const url = new URL(`${gw.baseUrl}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: 'https://app.example/cb',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    scope: 'mcp',
    resource: gw.mcpUrl,
  }).toString();
  return fetch(url, { redirect: 'manual', headers });
};

describe('which addresses a client metadata document may be fetched from', () => {
  it('refuses loopback, private, link-local, CGNAT, unique-local, multicast, unspecified and IPv4-mapped addresses', () => {
    const refused = [
      '127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '192.0.2.10', '198.18.0.1',
      '::', '::1', '[::1]', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:7f00:1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1',
      'ff02::1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1', '::ffff:169.254.169.254', '::ffff:c0a8:101', 'localhost', 'not an address',
    ];
    const allowed = ['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888'];
    expect(refused.filter((a) => isPublicAddress(a))).toEqual([]);
    expect(allowed.filter((a) => !isPublicAddress(a))).toEqual([]);
  });

  /** Calls the socket lookup the way net.connect does. */
  const lookupWith = (answers: LookupAddress[][], all: boolean) => {
    let calls = 0;
    const lookup = checkedLookup(async () => answers[Math.min(calls++, answers.length - 1)]!);
    return {
      calls: () => calls,
      run: () =>
        new Promise<{ error: Error | null; address: unknown }>((resolve) => lookup('client.example', { all }, (error, address) => resolve({ error, address }))),
    };
  };

  it('checks every address a name resolves to, and hands the connection exactly the ones it checked (no second resolution to rebind)', async () => {
    const publicOnly = lookupWith([[{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]], true);
    const ok = await publicOnly.run();
    expect(ok.error).toBeNull();
    expect(ok.address).toEqual([{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]);
    expect(publicOnly.calls()).toBe(1);

    const mixed = await lookupWith([[{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }]], false).run();
    expect(mixed.error?.message).toMatch(/10\.0\.0\.5, a private or special-use address/);

    // A name that answers public first, then loopback: each connection uses the answer it checked.
    const rebinding = lookupWith([[{ address: '93.184.216.34', family: 4 }], [{ address: '127.0.0.1', family: 4 }]], false);
    expect((await rebinding.run()).address).toBe('93.184.216.34');
    expect((await rebinding.run()).error?.message).toMatch(/127\.0\.0\.1/);
  });
});

describe('the gateway fetching client metadata documents', () => {
  let gw: OAuthGateway;
  let listener: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    // Something listening on the gateway's own host: the gateway must never connect to it.
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
    gw = await startOAuthGateway();
  });
  afterAll(async () => {
    await gw?.close();
    await new Promise((resolve) => listener?.close(resolve));
  });

  it('does not connect to a client_id on loopback, by name or by address, and refuses the authorization', async () => {
    for (const clientId of [`https://localhost:${port}/client.json`, `https://127.0.0.1:${port}/client.json`, `https://[::ffff:127.0.0.1]:${port}/client.json`]) {
      const response = await authorizeWith(gw, clientId);
      expect(response.status, clientId).toBe(400);
      expect(await response.text(), clientId).toMatch(/client_id metadata document fetch failed|invalid_client/);
    }
    expect(connections).toBe(0);
  });

  it('refuses private and link-local hosts (the cloud metadata service among them)', async () => {
    for (const host of ['10.0.0.1', '169.254.169.254', '192.168.0.1', '[fd00::1]']) {
      const response = await authorizeWith(gw, `https://${host}/client.json`);
      expect(response.status, host).toBe(400);
    }
  });
});

describe('how often the gateway fetches client metadata documents', () => {
  let gw: OAuthGateway;
  const fetched: string[] = [];
  beforeAll(async () => {
    gw = await startOAuthGateway({
      // Every document is missing, so nothing is cached and each authorize would fetch again.
      fetchClientMetadata: (async (input: string | URL) => {
        fetched.push(String(input));
        return new Response('not found', { status: 404 });
      }) as typeof fetch,
      env: { DESKGATE_TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('fetches at most 10 a minute for one client address, then refuses without fetching', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    let refused = '';
    for (let i = 0; i < 15; i++) {
      const response = await authorizeWith(gw, `https://app${i}.example/client.json`, from);
      expect(response.status).toBe(400);
      const page = await response.text();
      if (page.includes('Too many client metadata document fetches')) refused = page;
    }
    expect(fetched).toHaveLength(10);
    expect(refused).toMatch(/try again in \d+ seconds/);
    // Another address still gets its documents fetched.
    await authorizeWith(gw, 'https://other.example/client.json', { 'x-forwarded-for': '198.51.100.9' });
    expect(fetched.at(-1)).toBe('https://other.example/client.json');
  });

  it('fetches at most 60 a minute in all, whatever the addresses', async () => {
    expect(fetched.length).toBeLessThan(60);
    for (let i = 0; i < 80; i++) {
      await (await authorizeWith(gw, `https://spread${i}.example/client.json`, { 'x-forwarded-for': `192.0.2.${i + 1}` })).text();
    }
    expect(fetched).toHaveLength(60);
  });
});
