import Provider from 'oidc-provider';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { approvedCode, exchange } from './flows';
import { freePort, HAVE_CHROMIUM, launchChromium, startOAuthGateway, submit, type OAuthGateway } from './support';

const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];
const REDIRECT = 'https://client.example/oauth/callback';

/**
 * The team's identity provider, stood in for by a second oidc-provider with
 * its development login page: any login is accepted and becomes the email;
 * logins starting with "unverified" come back with email_verified false.
 */
async function startIdp(port: number, redirectUris: string[]) {
  const issuer = `http://127.0.0.1:${port}`;
  const idp = new Provider(issuer, {
    clients: [
      {
        client_id: 'deskgate',
        client_secret: 'deskgate-test-secret',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: !id.startsWith('unverified'), name: id.split('@')[0] }),
    }),
    pkce: { required: () => true },
  });
  const server: Server = await new Promise((resolve) => {
    const s = idp.listen(port, '127.0.0.1', () => resolve(s));
  });
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The IdP's own (development) pages: type a login, any password, continue. */
const idpSignIn = (login: string) => async (page: Page) => {
  await submit(page, () => page.getByRole('button', { name: /Sign in with Test IdP/ }).click());
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await submit(page, () => page.locator('button[type=submit]').click());
  if (await page.getByRole('button', { name: 'Continue' }).count()) {
    // The IdP's own consent; after it the browser is back at deskgate (its consent page, or an error).
    await submit(page, () => page.getByRole('button', { name: 'Continue' }).click());
  }
};

describe.skipIf(!HAVE_CHROMIUM)("sign-in with the team's identity provider (OIDC)", () => {
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let gw: OAuthGateway;
  let autoGw: OAuthGateway;
  let browser: Browser;
  beforeAll(async () => {
    const [idpPort, gwPort, autoPort] = [await freePort(), await freePort(), await freePort()];
    idp = await startIdp(idpPort, [gwPort, autoPort].map((p) => `http://127.0.0.1:${p}/oauth/oidc/callback`));
    const oidcEnv = {
      DESKGATE_OIDC_ISSUER: idp.issuer,
      DESKGATE_OIDC_CLIENT_ID: 'deskgate',
      DESKGATE_OIDC_CLIENT_SECRET: 'deskgate-test-secret',
      DESKGATE_OIDC_NAME: 'Test IdP',
    };
    gw = await startOAuthGateway({ catalog, port: gwPort, env: oidcEnv });
    autoGw = await startOAuthGateway({
      catalog,
      port: autoPort,
      env: { ...oidcEnv, DESKGATE_OIDC_AUTO_CREATE: 'user', DESKGATE_OIDC_ALLOWED_DOMAINS: 'example.com' },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await autoGw?.close();
    await idp?.close();
  });

  it('signs in a known user by verified email; the token acts as that user with their role', async () => {
    await gw.core.auth.ensureUser({ email: 'olga@example.com', name: 'Olga', role: 'staff' });
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, viaIdp: idpSignIn('Olga@Example.com') });
    expect(a.page).toContain('Signed in as olga@example.com');
    expect(a.page).toContain('role: staff');
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    const client = await connectClient('modern', gw.mcpUrl, tokens.access_token);
    const result = await client.callTool({ name: 'echo_get_message', arguments: { message: 'sso' } });
    await client.close();
    expect(result.structuredContent).toEqual({ echoed: 'sso', caller: 'olga@example.com' });
  });

  it('refuses an email no deskgate user has (auto-creation off)', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, viaIdp: idpSignIn('stranger@example.com') });
    expect(a.code).toBeNull();
    expect(a.page).toContain('No deskgate user has the email stranger@example.com');
    expect(await gw.core.auth.findUserByEmail('stranger@example.com')).toBeUndefined();
  });

  it('refuses an unverified email', async () => {
    await gw.core.auth.ensureUser({ email: 'unverified@example.com', name: 'U', role: 'admin' });
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, viaIdp: idpSignIn('unverified@example.com') });
    expect(a.code).toBeNull();
    expect(a.page).toContain('did not confirm a verified email');
  });

  it('with DESKGATE_OIDC_AUTO_CREATE=user, creates an unknown user of an allowed domain as a user, and no one else', async () => {
    const a = await approvedCode(autoGw, browser, { redirectUri: REDIRECT, viaIdp: idpSignIn('newbie@example.com') });
    expect(a.page).toContain('role: user');
    expect((await autoGw.core.auth.findUserByEmail('newbie@example.com'))?.role).toBe('user');
    const outsider = await approvedCode(autoGw, browser, { redirectUri: REDIRECT, viaIdp: idpSignIn('eve@elsewhere.example') });
    expect(outsider.code).toBeNull();
    expect(await autoGw.core.auth.findUserByEmail('eve@elsewhere.example')).toBeUndefined();
  });
});
