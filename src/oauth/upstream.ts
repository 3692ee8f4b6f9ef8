import { createHmac, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthStore } from '../auth/store';
import type { Logger } from '../observability/logger';
import { isLoopbackHost, type OAuthConfig, type UpstreamOidcConfig } from './config';

const COOKIE = 'dg_oidc';
const FLOW_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 60_000;

type Outcome = { ok: true; uid: string; ticket: string } | { ok: false; status: 400 | 403 | 502; message: string };

/**
 * Sign-in through the team's identity provider (Google Workspace, Entra ID,
 * Okta…), with openid-client (the maintained certified OIDC relying party
 * for Node): code flow with PKCE, state and nonce. The user is matched by
 * verified email; with DESKGATE_OIDC_AUTO_CREATE=user an unknown user of an
 * allowed domain is created with the `user` role. The browser's flow state
 * rides in a signed, short-lived cookie; the result goes back to the
 * interaction as a signed one-minute ticket bound to its uid.
 */
export function createUpstreamOidc(deps: { config: OAuthConfig; oidc: UpstreamOidcConfig; auth: AuthStore; log: Logger; signingKey: string }) {
  const { config, oidc: settings, auth, log } = deps;
  const redirectUri = `${config.publicUrl}/oauth/oidc/callback`;
  const secure = config.publicUrl.startsWith('https:');
  let discovered: Promise<oidc.Configuration> | undefined;

  const configuration = () =>
    (discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
      return oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
    })().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    }));

  const sign = (data: string) => createHmac('sha256', deps.signingKey).update(data).digest('base64url');
  const seal = (value: object) => {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${body}.${sign(body)}`;
  };
  const unseal = <T>(sealed: string | undefined): T | undefined => {
    if (!sealed) return undefined;
    const [body, mac] = sealed.split('.');
    if (!body || !mac) return undefined;
    const expected = Buffer.from(sign(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  };
  const cookieAttrs = `Path=/oauth/oidc; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  async function start(uid: string): Promise<{ url: string; cookie: string }> {
    const cfg = await configuration();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const cookie = `${COOKIE}=${seal({ uid, verifier, state, nonce, exp: Date.now() + FLOW_TTL_MS })}; ${cookieAttrs}; Max-Age=600`;
    return { url: url.href, cookie };
  }

  function cookieValue(header: string | undefined): string | undefined {
    for (const part of header?.split(';') ?? []) {
      const [name, ...rest] = part.trim().split('=');
      if (name === COOKIE) return rest.join('=');
    }
    return undefined;
  }

  async function userFor(email: string): Promise<{ id: string } | undefined> {
    const existing = await auth.findUserByEmail(email);
    if (existing) return existing;
    if (!settings.autoCreate) return undefined;
    const domain = email.split('@')[1] ?? '';
    if (settings.allowedDomains && !settings.allowedDomains.includes(domain)) return undefined;
    const { user } = await auth.ensureUser({ email, name: email.split('@')[0] ?? email, role: 'user' });
    log.info({ user: user.id }, 'user created on first identity-provider sign-in');
    return user;
  }

  /** Completes the code flow at the callback; the result is a ticket for the interaction. */
  async function finish(callbackUrl: URL, cookieHeader: string | undefined): Promise<Outcome> {
    const flow = unseal<{ uid: string; verifier: string; state: string; nonce: string; exp: number }>(cookieValue(cookieHeader));
    if (!flow || flow.exp < Date.now()) return { ok: false, status: 400, message: 'The sign-in took too long or was started in another browser. Connect again.' };
    let claims: Record<string, unknown> | undefined;
    try {
      const cfg = await configuration();
      const tokens = await oidc.authorizationCodeGrant(cfg, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      claims = idToken;
      // Providers that follow OIDC Core 5.4 strictly (Okta, oidc-provider) put email only in userinfo.
      if (idToken && typeof idToken.email !== 'string') claims = await oidc.fetchUserInfo(cfg, tokens.access_token, idToken.sub);
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'identity-provider sign-in failed');
      return { ok: false, status: 502, message: 'The identity provider did not confirm the sign-in. Try again.' };
    }
    const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
    if (!email || claims?.email_verified !== true) {
      return { ok: false, status: 403, message: 'Your identity provider did not confirm a verified email address.' };
    }
    const user = await userFor(email);
    if (!user) return { ok: false, status: 403, message: `No deskgate user has the email ${email}. Ask an admin to add you.` };
    return { ok: true, uid: flow.uid, ticket: seal({ uid: flow.uid, accountId: `u.${user.id}`, exp: Date.now() + TICKET_TTL_MS }) };
  }

  /** The account a ticket names, if it is genuine, fresh and for this interaction. */
  function redeem(uid: string, ticket: string | undefined): string | undefined {
    const value = unseal<{ uid: string; accountId: string; exp: number }>(ticket);
    if (!value || value.uid !== uid || value.exp < Date.now()) return undefined;
    return value.accountId;
  }

  return { start, finish, redeem, clearCookie: `${COOKIE}=; ${cookieAttrs}; Max-Age=0` };
}

export type UpstreamOidc = ReturnType<typeof createUpstreamOidc>;
