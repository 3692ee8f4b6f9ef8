import type { OAuthGateway } from '../oauth/support';
import { pkce } from '../oauth/flows';

/**
 * The OAuth sign-in as a browser does it, request by request over plain
 * HTTP (no Chromium needed): a cookie jar, GETs that stop at each redirect,
 * and the form posts the pages make. The security tests use it to stop at
 * any step (a sign-in page, a consent page) and send what an attacker would.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function registerClient(gw: OAuthGateway, redirectUris: string[], name = 'Security test client') {
  const response = await fetch(`${gw.baseUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: name,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }),
  });
  const body = (await response.json()) as { client_id?: string };
  if (response.status !== 201 || !body.client_id) throw new Error(`registration failed: ${response.status} ${JSON.stringify(body)}`);
  return body.client_id;
}

export function authorizeUrl(gw: OAuthGateway, clientId: string, redirectUri: string, challenge: string): string {
  const url = new URL(`${gw.baseUrl}/oauth/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'mcp',
    resource: gw.mcpUrl,
    state: 'st',
  }).toString();
  return url.href;
}

/** Where a run of redirects stopped: one of our pages (its path and HTML), or the client's redirect URI. */
export type Stop = { kind: 'page'; url: string; status: number; html: string } | { kind: 'redirect'; url: string };

/** GETs `url` and follows redirects inside the gateway; stops at a page, or at a redirect leaving it. */
export async function follow(gw: OAuthGateway, jar: CookieJar, start: string): Promise<Stop> {
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    if (!url.startsWith(gw.baseUrl)) return { kind: 'redirect', url };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.absorb(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    return { kind: 'page', url, status: response.status, html: await response.text() };
  }
  throw new Error(`too many redirects from ${start}`);
}

export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** Posts a form the way the page does; returns where the gateway's answer leads. */
export async function postForm(gw: OAuthGateway, jar: CookieJar, pageUrl: string, action: string, fields: Record<string, string>): Promise<Stop> {
  const target = new URL(action, pageUrl).href;
  const response = await fetch(target, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', origin: gw.baseUrl },
    body: new URLSearchParams(fields).toString(),
  });
  jar.absorb(response);
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) return follow(gw, jar, new URL(location, target).href);
  return { kind: 'page', url: target, status: response.status, html: await response.text() };
}

export const isConsentPage = (stop: Stop) => stop.kind === 'page' && /Allow .* to use deskgate\?/.test(stop.html);
export const isSignInPage = (stop: Stop) => stop.kind === 'page' && stop.html.includes('name="api_key"');

/** Signs in with an API key on the sign-in page `stop` shows; returns where that leads (usually the consent page). */
export async function signIn(gw: OAuthGateway, jar: CookieJar, stop: Stop, apiKey: string): Promise<Stop> {
  if (!isSignInPage(stop) || stop.kind !== 'page') throw new Error(`expected the sign-in page, got ${JSON.stringify(stop).slice(0, 300)}`);
  return postForm(gw, jar, stop.url, `${new URL(stop.url).pathname}/login`, { csrf: csrfOf(stop.html), api_key: apiKey });
}

/** Answers the consent page `stop` shows. */
export async function decide(gw: OAuthGateway, jar: CookieJar, stop: Stop, decision: 'approve' | 'deny'): Promise<Stop> {
  if (!isConsentPage(stop) || stop.kind !== 'page') throw new Error(`expected the consent page, got ${JSON.stringify(stop).slice(0, 300)}`);
  return postForm(gw, jar, stop.url, `${new URL(stop.url).pathname}/consent`, { csrf: csrfOf(stop.html), decision });
}

/** A fresh client, signed in and approved over HTTP: the code and what redeeming it needs. */
export async function approvedCodeOverHttp(gw: OAuthGateway, apiKey: string, redirectUri = 'https://client.example/cb') {
  const clientId = await registerClient(gw, [redirectUri]);
  const { verifier, challenge } = pkce();
  const jar = new CookieJar();
  const signInPage = await follow(gw, jar, authorizeUrl(gw, clientId, redirectUri, challenge));
  const end = await decide(gw, jar, await signIn(gw, jar, signInPage, apiKey), 'approve');
  if (end.kind !== 'redirect') throw new Error(`expected a redirect to the client, got ${JSON.stringify(end).slice(0, 300)}`);
  const code = new URL(end.url).searchParams.get('code');
  if (!code) throw new Error(`no code in ${end.url}`);
  return { clientId, code, verifier, redirectUri };
}
