import { createHash, randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { inBrowser, type BrowserStep, type OAuthGateway } from './support';

/** Raw OAuth steps for the negative tests: each request is spelled out, so each refusal is visible. */

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function register(gw: OAuthGateway, redirectUri: string, name = 'Test client') {
  const response = await fetch(`${gw.baseUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export function authorizationUrl(
  gw: OAuthGateway,
  p: { clientId: string; redirectUri: string; challenge: string; scope?: string; resource?: string; state?: string },
) {
  const url = new URL(`${gw.baseUrl}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    scope: p.scope ?? 'mcp',
    resource: p.resource ?? gw.mcpUrl,
    state: p.state ?? randomBytes(8).toString('hex'),
  }).toString();
  return url;
}

/** Registers a client, signs in and approves in Chromium; returns what the client needs for the token request. */
export async function approvedCode(
  gw: OAuthGateway,
  browser: Browser,
  p: { redirectUri: string; key?: string; scope?: string; name?: string } & Partial<BrowserStep>,
) {
  const { body: client } = await register(gw, p.redirectUri, p.name);
  const { verifier, challenge } = pkce();
  const url = authorizationUrl(gw, { clientId: client.client_id!, redirectUri: p.redirectUri, challenge, scope: p.scope });
  const { callback, page } = await inBrowser(browser, url, p.redirectUri, { key: p.key, decision: p.decision, viaIdp: p.viaIdp });
  const params = callback ? new URL(callback).searchParams : new URLSearchParams();
  return { clientId: client.client_id!, verifier, code: params.get('code'), params, page };
}

export async function tokenRequest(gw: OAuthGateway, form: Record<string, string>) {
  const response = await fetch(`${gw.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export async function exchange(gw: OAuthGateway, p: { clientId: string; code: string; verifier: string; redirectUri: string }) {
  return tokenRequest(gw, {
    grant_type: 'authorization_code',
    client_id: p.clientId,
    code: p.code,
    code_verifier: p.verifier,
    redirect_uri: p.redirectUri,
    resource: gw.mcpUrl,
  });
}

export async function refresh(gw: OAuthGateway, p: { clientId: string; refreshToken: string }) {
  return tokenRequest(gw, { grant_type: 'refresh_token', client_id: p.clientId, refresh_token: p.refreshToken });
}

/** A raw JSON-RPC request on /mcp with a bearer token (2025 era): the status, the challenge and the body a client sees. */
async function mcpPost(gw: OAuthGateway, token: string, method: string, params: Record<string, unknown>) {
  const response = await fetch(gw.mcpUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An event stream (the 2025 era's answer) stays text.
  }
  return { status: response.status, challenge: response.headers.get('www-authenticate') ?? '', body };
}

/** A raw tools/list: what a client sees of a token. */
export async function mcpStatus(gw: OAuthGateway, token: string) {
  return mcpPost(gw, token, 'tools/list', {});
}

/** A raw tools/call. */
export async function mcpToolCall(gw: OAuthGateway, token: string, name: string, args: Record<string, unknown>) {
  return mcpPost(gw, token, 'tools/call', { name, arguments: args });
}
