import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startOAuthGateway, type OAuthGateway } from './support';

const tokensList = (url: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });

describe('without DESKGATE_PUBLIC_URL, OAuth is off and nothing changes', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('serves no OAuth endpoints and sends the plain challenge', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-authorization-server', '/oauth/authorize', '/oauth/register']) {
      expect((await fetch(`${gw.baseUrl}${path}`)).status).toBe(404);
    }
    const response = await tokensList(gw.url);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="deskgate"');
  });
});

describe('with DESKGATE_PUBLIC_URL, /mcp points clients at the metadata', () => {
  let gw: OAuthGateway;
  beforeAll(async () => {
    gw = await startOAuthGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers 401 with resource_metadata, and the metadata names this server as the authorization server', async () => {
    const response = await tokensList(gw.mcpUrl, 'not-a-token-and-not-a-key-000000000000');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="deskgate", resource_metadata="${gw.baseUrl}/.well-known/oauth-protected-resource/mcp", scope="mcp", error="invalid_token"`,
    );
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const metadata = (await (await fetch(`${gw.baseUrl}${path}`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({ resource: gw.mcpUrl, authorization_servers: [gw.baseUrl], scopes_supported: ['mcp', 'mcp:read'] });
    }
    const as = (await (await fetch(`${gw.baseUrl}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({
      issuer: gw.baseUrl,
      code_challenge_methods_supported: ['S256'],
      registration_endpoint: `${gw.baseUrl}/oauth/register`,
      client_id_metadata_document_supported: true,
    });
  });

  it('builds every URL from DESKGATE_PUBLIC_URL, whatever Host the request carries', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${gw.baseUrl}/.well-known/oauth-authorization-server`, { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).not.toContain('evil.example');
    expect(JSON.parse(body).token_endpoint).toBe(`${gw.baseUrl}/oauth/token`);
  });

  it('still takes API keys on /mcp', async () => {
    const response = await tokensList(gw.mcpUrl, gw.adminKey);
    expect(response.status).not.toBe(401);
  });
});
