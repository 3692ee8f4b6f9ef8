import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationUrl, pkce, register } from './flows';
import { HAVE_CHROMIUM, launchChromium, makeUser, startOAuthGateway, submit, type OAuthGateway } from './support';

const REDIRECT = 'https://client.example/oauth/callback';

describe.skipIf(!HAVE_CHROMIUM)('the sign-in page', () => {
  let gw: OAuthGateway;
  let browser: Browser;
  beforeAll(async () => {
    gw = await startOAuthGateway();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  async function openSignIn(options: { javaScriptEnabled?: boolean } = {}) {
    const { body: client } = await register(gw, REDIRECT, 'Claude');
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    const response = await page.goto(String(authorizationUrl(gw, { clientId: client.client_id!, redirectUri: REDIRECT, challenge: pkce().challenge })));
    return { context, page, response: response! };
  }

  it('is plain server-rendered HTML: no scripts, nothing from elsewhere, not frameable, works without JavaScript', async () => {
    const { context, page, response } = await openSignIn({ javaScriptEnabled: false });
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/i);
    expect(await page.getByRole('heading').innerText()).toBe('Sign in to deskgate');
    expect(await page.locator('body').innerText()).toContain('Claude wants to use your deskgate tools.');
    // Keyboard only: the key field has focus, Enter submits.
    const { secret } = await makeUser(gw, 'kai@example.com', 'user');
    await page.keyboard.type(secret);
    await submit(page, () => page.keyboard.press('Enter'));
    expect(await page.getByRole('heading').innerText()).toBe('Allow Claude to use deskgate?');
    // The audit trail has the sign-in: who, with which key, for which app.
    const signIns = (await gw.core.audit.list({ kind: 'sign_in', user: 'kai@example.com' })).items;
    expect(signIns).toHaveLength(1);
    expect(signIns[0]).toMatchObject({ action: 'oauth sign-in (API key)', outcome: 'ok', user_email: 'kai@example.com' });
    expect(signIns[0]!.client_id).toMatch(/\S/);
    await context.close();
  });

  it('refuses a sign-in post without the form token, or from another origin', async () => {
    const { context, page } = await openSignIn();
    const action = new URL((await page.locator('form').last().getAttribute('action'))!, gw.baseUrl).href;
    const { secret } = await makeUser(gw, 'lee@example.com', 'user');
    const noToken = await page.request.post(action, { form: { api_key: secret } });
    expect(noToken.status()).toBe(403);
    const csrf = (await page.locator('input[name=csrf]').last().getAttribute('value'))!;
    const foreign = await page.request.post(action, { form: { api_key: secret, csrf }, headers: { origin: 'https://evil.example' } });
    expect(foreign.status()).toBe(403);
    await context.close();
  });

  // Last: it leaves this address limited for a minute.
  it('limits failed sign-ins per address: after ten a minute even the right key waits', async () => {
    const { context, page } = await openSignIn();
    for (let i = 0; i < 10; i++) {
      await page.getByLabel('API key').fill(`dg_wrong-key-${i}-0000000000000000000000`);
      await submit(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
      expect(await page.getByRole('alert').innerText()).toContain('That API key is not valid');
    }
    const { secret } = await makeUser(gw, 'max@example.com', 'user');
    await page.getByLabel('API key').fill(secret);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
    expect(await page.getByRole('alert').innerText()).toMatch(/Too many failed sign-ins/);
    // Each wrong key is a failed sign-in in the audit trail, with the address and never the key.
    const failed = (await gw.core.audit.list({ kind: 'sign_in', outcome: 'unauthenticated', tool: 'oauth sign-in (API key)' })).items;
    expect(failed).toHaveLength(10);
    expect(failed.every((r) => r.user_id === null && /127\.0\.0\.1/.test(r.address ?? ''))).toBe(true);
    expect(JSON.stringify(failed)).not.toContain('dg_wrong-key');
    await context.close();
  });
});
