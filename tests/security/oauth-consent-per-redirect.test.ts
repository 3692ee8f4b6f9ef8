import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, mcpStatus, pkce } from '../oauth/flows';
import { makeUser, startOAuthGateway, type OAuthGateway } from '../oauth/support';
import { authorizeUrl, CookieJar, decide, follow, isConsentPage, registerClient, signIn, type Stop } from './oauth-http';

/**
 * Issue 18, item 4: approving an app once approved every redirect URI it
 * registered. A client registered with a loopback redirect and
 * https://evil.example/cb was shown as returning to 127.0.0.1; after Allow,
 * an authorize with the other redirect got a code at evil.example with no
 * page shown. Consent is now bound to the redirect URI it was shown for.
 */
describe('consent is bound to the redirect URI it was shown for', () => {
  let gw: OAuthGateway;
  let key: string;
  const SHOWN = 'http://127.0.0.1:9/cb';
  const OTHER = 'https://evil.example/cb';
  beforeAll(async () => {
    gw = await startOAuthGateway();
    key = (await makeUser(gw, 'sam@example.com', 'staff')).secret;
  });
  afterAll(async () => {
    await gw?.close();
  });

  const codeOf = (stop: Stop, redirect: string) => {
    if (stop.kind !== 'redirect' || !stop.url.startsWith(redirect)) return null;
    return new URL(stop.url).searchParams.get('code');
  };

  it('asks again, naming the new host, before a code goes to another registered redirect; approved ones need no new page', async () => {
    const clientId = await registerClient(gw, [SHOWN, OTHER], 'Two-faced app');
    const jar = new CookieJar();
    // The user signs in and allows the app, shown as returning to 127.0.0.1:9.
    const consent = await signIn(gw, jar, await follow(gw, jar, authorizeUrl(gw, clientId, SHOWN, pkce().challenge)), key);
    expect(isConsentPage(consent)).toBe(true);
    expect(consent.kind === 'page' && consent.html).toContain('returning to <strong>127.0.0.1:9</strong>');
    expect(codeOf(await decide(gw, jar, consent, 'approve'), SHOWN)).toEqual(expect.any(String));

    // The same browser session, the same app, the other redirect: a consent page naming evil.example, no code.
    const { verifier, challenge } = pkce();
    const second = await follow(gw, jar, authorizeUrl(gw, clientId, OTHER, challenge));
    expect(second.kind).toBe('page');
    expect(codeOf(second, OTHER)).toBeNull();
    expect(isConsentPage(second)).toBe(true);
    expect(second.kind === 'page' && second.html).toContain('returning to <strong>evil.example</strong>');
    expect(second.kind === 'page' && second.html).toMatch(/You allowed Two-faced app before, returning to another address\. It now wants to return to <strong>evil\.example<\/strong>/);

    // Denied there: still no code, and nothing approved for it.
    const denied = await decide(gw, jar, second, 'deny');
    expect(codeOf(denied, OTHER)).toBeNull();
    expect(denied.kind === 'redirect' && new URL(denied.url).searchParams.get('error')).toBe('access_denied');
    const again = await follow(gw, jar, authorizeUrl(gw, clientId, OTHER, challenge));
    expect(isConsentPage(again)).toBe(true);

    // Allowed there: the code is issued for that redirect and redeems; from then on both go through without a page.
    const code = codeOf(await decide(gw, jar, again, 'approve'), OTHER);
    expect(code).toEqual(expect.any(String));
    const tokens = await exchange(gw, { clientId, code: code!, verifier, redirectUri: OTHER });
    expect(tokens.status).toBe(200);
    expect((await mcpStatus(gw, tokens.body.access_token!)).status).toBe(200);
    expect(codeOf(await follow(gw, jar, authorizeUrl(gw, clientId, SHOWN, pkce().challenge)), SHOWN)).toEqual(expect.any(String));
    expect(codeOf(await follow(gw, jar, authorizeUrl(gw, clientId, OTHER, pkce().challenge)), OTHER)).toEqual(expect.any(String));
  });

  it('does not carry an approval over to another app with the same redirect', async () => {
    const first = await registerClient(gw, [SHOWN], 'App one');
    const second = await registerClient(gw, [SHOWN], 'App two');
    const jar = new CookieJar();
    const consent = await signIn(gw, jar, await follow(gw, jar, authorizeUrl(gw, first, SHOWN, pkce().challenge)), key);
    expect(codeOf(await decide(gw, jar, consent, 'approve'), SHOWN)).toEqual(expect.any(String));
    const other = await follow(gw, jar, authorizeUrl(gw, second, SHOWN, pkce().challenge));
    expect(isConsentPage(other)).toBe(true);
    expect(other.kind === 'page' && other.html).not.toContain('You allowed');
  });
});
