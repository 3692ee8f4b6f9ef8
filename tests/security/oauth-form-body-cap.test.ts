import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_MAX_BYTES, FORM_MAX_BYTES } from '../../src/oauth/http';
import { pkce } from '../oauth/flows';
import { makeUser, startOAuthGateway, type OAuthGateway } from '../oauth/support';
import { authorizeUrl, CookieJar, follow, isConsentPage, isSignInPage, registerClient, signIn, type Stop } from './oauth-http';

/**
 * Issue 18, item 2: one anonymous request could exhaust the gateway's
 * memory through the OAuth sign-in, consent and identity-provider forms
 * (the whole body was read before any check; 200 MB urlencoded took the
 * process to 1.1 GB, 1.5 GB multipart to 6.1 GB). Now every body under
 * /oauth is capped before it is read: the gateway answers 413 or 415 while
 * the client is still uploading, and closes the connection, so the rest is
 * never read.
 */

/** Declared size of the "huge" uploads; the client gives up long before (UPLOAD_BOUND). */
const HUGE = 200 * 1024 * 1024;
/** The most a test uploads before concluding the gateway is reading it all. */
const UPLOAD_BOUND = 16 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

interface UploadOutcome {
  /** The gateway's status, when it answered before the client stopped. */
  status: number | undefined;
  body: string;
  /** Bytes the client had handed to the socket when the answer came (or when it gave up). */
  sent: number;
  /** The gateway ended the connection (the client did not). */
  closedByServer: boolean;
}

/**
 * Streams a body of up to UPLOAD_BOUND bytes in 64 KB writes, waiting for
 * the socket to take each one, and stops as soon as the gateway answers or
 * closes. Without a cap the gateway keeps reading and never answers: the
 * client stops at the bound with no status.
 */
function upload(url: string, headers: Record<string, string>): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | undefined;
    let body = '';
    let closedByServer = false;
    let giveUp = false;
    let wake: (() => void) | undefined;
    const poke = () => {
      wake?.();
      wake = undefined;
    };
    const req = request(url, { method: 'POST', headers, agent: false });
    req.on('response', (res) => {
      status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', poke);
      poke();
    });
    req.on('error', () => {
      closedByServer = !giveUp;
      poke();
    });
    req.on('close', () => {
      closedByServer ||= !giveUp;
      poke();
    });
    void (async () => {
      while (sent < UPLOAD_BOUND && status === undefined && !closedByServer) {
        const flushed = req.write(CHUNK);
        sent += CHUNK.length;
        if (!flushed) await new Promise<void>((r) => ((wake = r), req.once('drain', poke)));
      }
      if (status === undefined && !closedByServer) {
        // The gateway is still reading: it would take the whole upload.
        giveUp = true;
        req.destroy();
        resolve({ status, body, sent, closedByServer });
        return;
      }
      // Answered (or cut off): wait for the gateway to end the connection.
      while (!closedByServer) await new Promise<void>((r) => (wake = r));
      resolve({ status, body, sent, closedByServer });
    })();
  });
}

describe('bodies under /oauth are capped before they are read', () => {
  let gw: OAuthGateway;
  let key: string;
  beforeAll(async () => {
    gw = await startOAuthGateway({
      // Identity-provider sign-in on, so its form (the button on the sign-in page) is there too; it is never reached.
      env: { DESKGATE_OIDC_ISSUER: 'http://127.0.0.1:9/idp', DESKGATE_OIDC_CLIENT_ID: 'deskgate', DESKGATE_OIDC_CLIENT_SECRET: 'not-used' },
    });
    key = (await makeUser(gw, 'sam@example.com', 'staff')).secret;
  });
  afterAll(async () => {
    await gw?.close();
  });

  /** What the issue's attacker needs: one open client registration and one GET /oauth/authorize. */
  async function signInPage(): Promise<{ jar: CookieJar; stop: Stop & { kind: 'page' } }> {
    const redirect = 'https://client.example/cb';
    const clientId = await registerClient(gw, [redirect]);
    const jar = new CookieJar();
    const stop = await follow(gw, jar, authorizeUrl(gw, clientId, redirect, pkce().challenge));
    if (stop.kind !== 'page' || !isSignInPage(stop)) throw new Error('expected the sign-in page');
    return { jar, stop };
  }

  async function consentPage(): Promise<{ jar: CookieJar; stop: Stop & { kind: 'page' } }> {
    const { jar, stop } = await signInPage();
    const consent = await signIn(gw, jar, stop, key);
    if (consent.kind !== 'page' || !isConsentPage(consent)) throw new Error('expected the consent page');
    return { jar, stop: consent };
  }

  const formHeaders = (jar: CookieJar, extra: Record<string, string>) => ({ cookie: jar.header(), origin: gw.baseUrl, ...extra });

  it('refuses a 200 MB urlencoded sign-in post with 413 as soon as it is announced, and closes the connection', async () => {
    const { jar, stop } = await signInPage();
    const outcome = await upload(
      `${stop.url}/login`,
      formHeaders(jar, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(HUGE) }),
    );
    expect(outcome.status).toBe(413);
    expect(outcome.body).toContain('Request too large');
    expect(outcome.sent).toBeLessThan(UPLOAD_BOUND);
    expect(outcome.closedByServer).toBe(true);
  });

  it('cuts off a chunked sign-in post (no Content-Length) a few KB in, with 413', async () => {
    const { jar, stop } = await signInPage();
    const outcome = await upload(`${stop.url}/login`, formHeaders(jar, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(outcome.status).toBe(413);
    expect(outcome.body).toContain(`larger than ${FORM_MAX_BYTES} bytes`);
    expect(outcome.sent).toBeLessThan(UPLOAD_BOUND);
    expect(outcome.closedByServer).toBe(true);
  });

  it('refuses a multipart consent post with 415 before reading it', async () => {
    const { jar, stop } = await consentPage();
    const outcome = await upload(`${stop.url}/consent`, formHeaders(jar, { 'content-type': 'multipart/form-data; boundary=xyz' }));
    expect(outcome.status).toBe(415);
    expect(outcome.sent).toBeLessThan(UPLOAD_BOUND);
    expect(outcome.closedByServer).toBe(true);
  });

  it('cuts off a chunked urlencoded consent post with 413, and the approval did not happen', async () => {
    const { jar, stop } = await consentPage();
    const outcome = await upload(`${stop.url}/consent`, formHeaders(jar, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(outcome.status).toBe(413);
    expect(outcome.closedByServer).toBe(true);
    expect(outcome.sent).toBeLessThan(UPLOAD_BOUND);
    expect(Number((await gw.core.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM oauth_grants'))!.n)).toBe(0);
  });

  it('caps the identity-provider button form the same way (multipart 415, chunked 413)', async () => {
    const { jar, stop } = await signInPage();
    expect(stop.html).toContain(`${new URL(stop.url).pathname}/oidc`);
    const multipart = await upload(`${stop.url}/oidc`, formHeaders(jar, { 'content-type': 'multipart/form-data; boundary=xyz' }));
    expect(multipart.status).toBe(415);
    expect(multipart.closedByServer).toBe(true);
    const chunked = await upload(`${stop.url}/oidc`, formHeaders(jar, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(chunked.status).toBe(413);
    expect(chunked.sent).toBeLessThan(UPLOAD_BOUND);
    expect(chunked.closedByServer).toBe(true);
  });

  it("caps oidc-provider's own endpoints: a huge declared body 413, multipart 415, a chunked one cut off", async () => {
    const token = await upload(`${gw.baseUrl}/oauth/token`, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(HUGE) });
    expect(token.status).toBe(413);
    expect(JSON.parse(token.body)).toMatchObject({ error: 'invalid_request', error_description: `Request body larger than ${ENDPOINT_MAX_BYTES} bytes.` });
    expect(token.closedByServer).toBe(true);

    const register = await upload(`${gw.baseUrl}/oauth/register`, { 'content-type': 'multipart/form-data; boundary=xyz' });
    expect(register.status).toBe(415);
    expect(register.closedByServer).toBe(true);

    // Chunked: oidc-provider reads up to its limit, then answers 400 invalid_request; the connection ends with it.
    for (const path of ['/oauth/token', '/oauth/register', '/oauth/revoke']) {
      const type = path === '/oauth/register' ? 'application/json' : 'application/x-www-form-urlencoded';
      const chunked = await upload(`${gw.baseUrl}${path}`, { 'content-type': type });
      expect(chunked.status, path).toBe(400);
      expect(JSON.parse(chunked.body), path).toMatchObject({ error: 'invalid_request' });
      expect(chunked.sent, path).toBeLessThan(UPLOAD_BOUND);
      expect(chunked.closedByServer, path).toBe(true);
    }
  });

  it('still signs in with an ordinary form post', async () => {
    const { jar, stop } = await signInPage();
    expect(isConsentPage(await signIn(gw, jar, stop, key))).toBe(true);
  });
});
