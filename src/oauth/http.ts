import type { AuditSink } from '../audit/log';
import type { HttpBindings } from '@hono/node-server';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, Hono } from 'hono';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { AuthStore } from '../auth/store';
import { readFormBody } from '../http/body';
import type { Logger } from '../observability/logger';
import type { Queryable } from '../storage/types';
import { countUnclaimedClients, evictUnclaimedClients } from './adapter';
import { clientAddressOf, TRUST_NONE, type TrustProxy } from '../http/client-address';
import type { LimitStore } from '../limits/store';
import { createAddressLimiter } from './address-limiter';
import type { OAuthConfig } from './config';
import type { GrantStore } from './grants';
import { consentPage, errorPage, loginPage, PAGE_HEADERS } from './pages';
import { MCP_SCOPES, resolveAccount, ROUTES } from './provider';
import type { ResourceServer } from './resource';
import type { UpstreamOidc } from './upstream';

type Env = { Bindings: HttpBindings };

/** An unapproved client younger than this is never evicted to make room: its user may be signing in right now. */
const UNCLAIMED_MIN_AGE_MS = 15 * 60_000;

/** Our sign-in, consent and identity-provider forms carry a CSRF token, an API key and a decision: a few hundred bytes. */
export const FORM_MAX_BYTES = 4 * 1024;
/** oidc-provider's endpoints (token, register, revoke): its own limit, which it applies while reading; we refuse a larger Content-Length before. */
export const ENDPOINT_MAX_BYTES = 56 * 1024;

export interface OAuthHttpDeps {
  config: OAuthConfig;
  provider: Provider;
  resource: ResourceServer;
  auth: AuthStore;
  grants: GrantStore;
  /** The database oidc-provider stores in (to count the clients nobody approved yet). */
  db: Queryable;
  log: Logger;
  /** Keys for the CSRF tokens on our forms. */
  csrfKey: string;
  /** Connector ids enabled on this gateway (the consent page names them). */
  connectorIds: string[];
  upstream: UpstreamOidc | undefined;
  /** DESKGATE_TRUST_PROXY, shared with the /mcp limits (src/http/client-address.ts); default: the socket's peer. */
  trustProxy?: TrustProxy;
  /** The audit trail: sign-ins (success and failure) and consents. */
  audit?: AuditSink | undefined;
  /** Where failed sign-ins and registrations per address count (shared on PostgreSQL); default this process. */
  limits?: LimitStore;
}

/**
 * The answer for a request oidc-provider already wrote to the socket: the
 * marker @hono/node-server skips. Built per call, and read once, because
 * after the server replaces the global Response its lightweight stand-in
 * would otherwise take a cached path that ignores the marker (and write
 * headers twice); the shared RESPONSE_ALREADY_SENT constant has that
 * problem when this module loads after the server started.
 */
function alreadySent(): Response {
  const response = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
  void response.statusText;
  return response;
}

function nodeOf(c: Context<Env>): { req: IncomingMessage; res: ServerResponse } {
  const req = c.env?.incoming;
  const res = c.env?.outgoing;
  if (!req || !res) throw new Error('OAuth routes need the Node HTTP server (@hono/node-server).');
  return { req, res: res as ServerResponse };
}

export function mountOAuth(app: Hono<Env>, deps: OAuthHttpDeps): void {
  const { config, provider, resource, auth, grants, log, audit } = deps;
  const clientIdOf = (interaction: { params: Record<string, unknown> }) => {
    const id = interaction.params.client_id;
    return typeof id === 'string' ? id : undefined;
  };
  const publicUrl = new URL(config.publicUrl);
  const callback = provider.callback();
  const limiter = createAddressLimiter('signin', config.failedSignInsPerMinute, 60_000, deps.limits);
  const registrations = createAddressLimiter('register', config.registrationsPerMinute, 60_000, deps.limits);
  const addressOf = (req: IncomingMessage) => clientAddressOf(req, deps.trustProxy ?? TRUST_NONE);

  /** Every URL oidc-provider builds comes from DESKGATE_PUBLIC_URL, whatever Host the request carried. */
  const asPublic = (req: IncomingMessage) => {
    req.headers.host = publicUrl.host;
    req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
    delete req.headers['x-forwarded-host'];
    delete req.headers.forwarded;
  };

  const toProvider = (c: Context<Env>, url?: string) => {
    const { req, res } = nodeOf(c);
    asPublic(req);
    if (url) req.url = url;
    return new Promise<Response>((resolve) => {
      res.once('close', () => resolve(alreadySent()));
      void callback(req, res);
    });
  };

  const csrfFor = (uid: string) => createHmac('sha256', deps.csrfKey).update(`csrf:${uid}`).digest('base64url');
  const csrfOk = (uid: string, given: unknown) => {
    if (typeof given !== 'string') return false;
    const expected = Buffer.from(csrfFor(uid));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  };
  /** A browser sends Origin on form posts; one from elsewhere is a cross-site forgery. */
  const sameOrigin = (c: Context<Env>) => {
    const origin = c.req.header('origin');
    return !origin || origin === 'null' || origin === publicUrl.origin;
  };

  const page = (c: Context<Env>, html: string, status = 200, headers: Record<string, string> = {}) =>
    c.body(html, status as 200, { ...PAGE_HEADERS, ...headers });

  /**
   * Bodies under /oauth are small and of two types: refused before reading
   * when the declared length is over the cap or the type is neither JSON nor
   * a urlencoded form (multipart included). A refusal closes the connection,
   * so nothing more of the upload is read.
   */
  const refuseBody = (c: Context<Env>, status: 413 | 415, message: string) => {
    const headers = { connection: 'close', 'cache-control': 'no-store' };
    if (c.req.path.startsWith('/oauth/interaction/')) {
      return page(c, errorPage(status === 413 ? 'Request too large' : 'Request refused', message), status, headers);
    }
    return c.json({ error: 'invalid_request', error_description: message }, status, headers);
  };
  app.use('/oauth/*', async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (!(declared > 0) && !chunked) return next();
    if (declared > ENDPOINT_MAX_BYTES) return refuseBody(c, 413, `Request body larger than ${ENDPOINT_MAX_BYTES} bytes.`);
    if (!/^application\/(json|x-www-form-urlencoded)\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
      return refuseBody(c, 415, 'Unsupported Media Type: OAuth requests are application/x-www-form-urlencoded or application/json.');
    }
    // oidc-provider stops reading a chunked body at its limit and answers 400: end the connection with that answer.
    if (chunked) nodeOf(c).res.setHeader('connection', 'close');
    return next();
  });

  /** Our forms' fields, read under FORM_MAX_BYTES; or the refusal to send. */
  const readForm = async (c: Context<Env>): Promise<Record<string, string> | Response> => {
    const form = await readFormBody(c.req.raw, FORM_MAX_BYTES, nodeOf(c).req);
    return form.ok ? form.value : refuseBody(c, form.status, form.message);
  };

  async function details(c: Context<Env>): Promise<Interaction | undefined> {
    const { req, res } = nodeOf(c);
    asPublic(req);
    try {
      const interaction = await provider.interactionDetails(req, res);
      return interaction.uid === c.req.param('uid') ? interaction : undefined;
    } catch {
      return undefined;
    }
  }

  const expired = (c: Context<Env>) =>
    page(c, errorPage('Sign-in expired', 'This sign-in page is no longer valid (it expired, or was opened in another browser).'), 400);

  async function clientNameOf(clientId: string): Promise<string> {
    const client = await provider.Client.find(clientId).catch(() => undefined);
    const name = client?.clientName;
    if (typeof name === 'string' && name.trim()) return name.trim().slice(0, 80);
    return clientId.startsWith('https://') ? new URL(clientId).host : 'An application';
  }

  async function renderInteraction(c: Context<Env>, interaction: Interaction, error?: string, status = 200) {
    const uid = interaction.uid;
    const clientId = String(interaction.params.client_id);
    const clientName = await clientNameOf(clientId);
    if (interaction.prompt.name === 'login') {
      return page(
        c,
        loginPage({
          action: `/oauth/interaction/${uid}/login`,
          csrf: csrfFor(uid),
          clientName,
          error,
          oidc: deps.upstream ? { action: `/oauth/interaction/${uid}/oidc`, label: config.oidc!.displayName } : undefined,
        }),
        status,
      );
    }
    const account = interaction.session?.accountId ? await resolveAccount(auth, interaction.session.accountId) : undefined;
    if (!account) return page(c, errorPage('Signed out', 'Your sign-in is no longer valid. Connect again.'), 400);
    const requested = requestedScopes(interaction);
    const connectors = account.key?.connectors ?? deps.connectorIds;
    return page(
      c,
      consentPage({
        action: `/oauth/interaction/${uid}/consent`,
        csrf: csrfFor(uid),
        clientName,
        returnHost: new URL(String(interaction.params.redirect_uri)).host,
        userEmail: account.user.email,
        role: account.user.role,
        connectors: connectors.length ? connectors.join(', ') : 'none',
        readOnly: !requested.includes('mcp') || (account.key?.readOnly ?? false),
        keyName: account.key?.name,
        // Asked again only because this redirect URI is new for an approved app (provider.ts).
        newReturnHost: Boolean(interaction.grantId) && interaction.prompt.reasons.length === 1 && interaction.prompt.reasons[0] === 'redirect_uri_not_approved',
      }),
    );
  }

  app.get('/.well-known/oauth-protected-resource', (c) => c.json(resource.metadata, 200, { 'access-control-allow-origin': '*' }));
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(resource.metadata, 200, { 'access-control-allow-origin': '*' }));
  // RFC 8414 metadata at its own well-known name; oidc-provider serves the same document as OpenID discovery.
  app.get('/.well-known/oauth-authorization-server', (c) => toProvider(c, '/.well-known/openid-configuration'));
  app.get('/.well-known/openid-configuration', (c) => toProvider(c));

  app.get('/oauth/interaction/:uid', async (c) => {
    const interaction = await details(c);
    if (!interaction) return expired(c);
    return renderInteraction(c, interaction);
  });

  app.post('/oauth/interaction/:uid/login', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const interaction = await details(c);
    if (!interaction || interaction.prompt.name !== 'login') return expired(c);
    if (!sameOrigin(c) || !csrfOk(interaction.uid, form.csrf)) {
      return page(c, errorPage('Request refused', 'The form did not come from this sign-in page. Start again from the application.'), 403);
    }
    const { req, res } = nodeOf(c);
    const address = addressOf(req);
    const wait = await limiter.retryAfter(address);
    if (wait > 0) {
      return renderInteraction(c, interaction, `Too many failed sign-ins from your address. Try again in ${wait} seconds.`, 429).then((r) => {
        r.headers.set('retry-after', String(wait));
        return r;
      });
    }
    const key = typeof form.api_key === 'string' ? form.api_key.trim() : '';
    const principal = key ? await auth.authenticate(key) : undefined;
    if (!principal) {
      await limiter.record(address);
      audit?.record({ kind: 'sign_in', action: 'oauth sign-in (API key)', outcome: 'unauthenticated', clientId: clientIdOf(interaction), address });
      log.info({ address }, 'oauth sign-in failed: unknown or revoked API key');
      return renderInteraction(c, interaction, 'That API key is not valid (unknown or revoked).', 401);
    }
    audit?.record({
      kind: 'sign_in',
      action: 'oauth sign-in (API key)',
      outcome: 'ok',
      userId: principal.user.id,
      userEmail: principal.user.email,
      keyId: principal.key.id,
      clientId: clientIdOf(interaction),
      address,
    });
    const redirectTo = await provider.interactionResult(req, res, { login: { accountId: `k.${principal.key.id}`, remember: false } }, { mergeWithLastSubmission: false });
    return c.redirect(redirectTo, 303);
  });

  app.post('/oauth/interaction/:uid/consent', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const interaction = await details(c);
    if (!interaction || interaction.prompt.name !== 'consent') return expired(c);
    if (!sameOrigin(c) || !csrfOk(interaction.uid, form.csrf)) {
      return page(c, errorPage('Request refused', 'The form did not come from this consent page. Start again from the application.'), 403);
    }
    const { req, res } = nodeOf(c);
    if (form.decision !== 'approve') {
      audit?.record({ kind: 'oauth_consent', action: 'oauth consent', outcome: 'denied', clientId: clientIdOf(interaction) });
      const redirectTo = await provider.interactionResult(req, res, { error: 'access_denied', error_description: 'The user did not allow access.' }, { mergeWithLastSubmission: false });
      return c.redirect(redirectTo, 303);
    }
    const accountId = interaction.session?.accountId;
    const account = accountId ? await resolveAccount(auth, accountId) : undefined;
    if (!accountId || !account) return page(c, errorPage('Signed out', 'Your sign-in is no longer valid. Connect again.'), 400);
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId });
    const detail = interaction.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (detail.missingOIDCScope?.length) grant.addOIDCScope(detail.missingOIDCScope.join(' '));
    if (detail.missingOIDCClaims?.length) grant.addOIDCClaims(detail.missingOIDCClaims);
    const scopes = requestedScopes(interaction);
    grant.addResourceScope(config.resourceUrl, scopes.join(' '));
    const grantId = await grant.save();
    const redirectUri = String(interaction.params.redirect_uri);
    await grants.record({ id: grantId, userId: account.user.id, keyId: account.key?.id, clientId, clientName: await clientNameOf(clientId), scopes, redirectUri });
    log.info({ grantId, user: account.user.id, clientId, scopes, redirectHost: new URL(redirectUri).host }, 'oauth grant approved');
    audit?.record({
      kind: 'oauth_consent',
      action: 'oauth consent',
      outcome: 'ok',
      userId: account.user.id,
      userEmail: account.user.email,
      keyId: account.key?.id,
      clientId,
      targets: { grant_id: grantId },
      args: { scopes },
    });
    const redirectTo = await provider.interactionResult(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return c.redirect(redirectTo, 303);
  });

  if (deps.upstream) {
    const upstream = deps.upstream;
    app.post('/oauth/interaction/:uid/oidc', async (c) => {
      const form = await readForm(c);
      if (form instanceof Response) return form;
      const interaction = await details(c);
      if (!interaction || interaction.prompt.name !== 'login') return expired(c);
      if (!sameOrigin(c) || !csrfOk(interaction.uid, form.csrf)) {
        return page(c, errorPage('Request refused', 'The form did not come from this sign-in page. Start again from the application.'), 403);
      }
      try {
        const { url, cookie } = await upstream.start(interaction.uid);
        return new Response(null, { status: 303, headers: { location: url, 'set-cookie': cookie, 'cache-control': 'no-store' } });
      } catch (error) {
        log.warn({ err: { message: (error as Error).message } }, 'identity provider unreachable');
        return page(c, errorPage('Identity provider unreachable', 'Sign-in with your identity provider is not available right now. Try again, or use an API key.'), 502);
      }
    });
    app.get('/oauth/oidc/callback', async (c) => {
      const outcome = await upstream.finish(new URL(c.req.url.replace(/^[^/]*\/\/[^/]*/, ''), config.publicUrl), c.req.header('cookie'));
      if (!outcome.ok) {
        audit?.record({ kind: 'sign_in', action: 'oauth sign-in (identity provider)', outcome: outcome.status >= 500 ? 'unavailable' : 'permission_denied', address: addressOf(nodeOf(c).req) });
        return page(c, errorPage('Cannot sign in', outcome.message), outcome.status, { 'set-cookie': upstream.clearCookie });
      }
      // oidc-provider's interaction cookie is scoped to /oauth/interaction/<uid>: finish there.
      const location = `/oauth/interaction/${encodeURIComponent(outcome.uid)}/oidc-done?ticket=${encodeURIComponent(outcome.ticket)}`;
      return new Response(null, { status: 303, headers: { location, 'set-cookie': upstream.clearCookie, 'cache-control': 'no-store' } });
    });
    app.get('/oauth/interaction/:uid/oidc-done', async (c) => {
      const interaction = await details(c);
      if (!interaction || interaction.prompt.name !== 'login') return expired(c);
      const accountId = upstream.redeem(interaction.uid, c.req.query('ticket'));
      if (!accountId) return expired(c);
      const account = await resolveAccount(auth, accountId);
      audit?.record({
        kind: 'sign_in',
        action: 'oauth sign-in (identity provider)',
        outcome: 'ok',
        userId: account?.user.id,
        userEmail: account?.user.email,
        clientId: clientIdOf(interaction),
        address: addressOf(nodeOf(c).req),
      });
      const { req, res } = nodeOf(c);
      const redirectTo = await provider.interactionResult(req, res, { login: { accountId, remember: false } }, { mergeWithLastSubmission: false });
      return c.redirect(redirectTo, 303);
    });
  }

  /**
   * Open registration (RFC 7591) is open to anyone, so it is bounded: so
   * many a minute per address, and so many registered clients nobody has
   * approved yet (those expire after a day). A refusal is an OAuth error
   * body with Retry-After, before oidc-provider sees the request.
   */
  const guardRegistration = async (c: Context<Env>): Promise<Response | undefined> => {
    const address = addressOf(nodeOf(c).req);
    const refuse = (status: 429 | 503, wait: number, description: string) => {
      log.warn({ address, status }, 'oauth client registration refused');
      return c.json({ error: 'temporarily_unavailable', error_description: description }, status, { 'retry-after': String(wait), 'cache-control': 'no-store' });
    };
    const wait = await registrations.retryAfter(address);
    if (wait > 0) return refuse(429, wait, `Too many client registrations from this address; try again in ${wait} seconds.`);
    const over = (await countUnclaimedClients(deps.db)) - config.maxUnclaimedClients + 1;
    // At the cap, the oldest unapproved clients make room, unless all are fresh (a flood): then refuse.
    if (over > 0 && (await evictUnclaimedClients(deps.db, over, { ttlMs: config.unclaimedClientTtlSeconds * 1000, minAgeMs: UNCLAIMED_MIN_AGE_MS })) < over) {
      return refuse(503, 900, 'This server holds as many unapproved client registrations as it allows; try again in a few minutes, or ask its operator.');
    }
    await registrations.record(address);
    return undefined;
  };

  // Everything else under /oauth is oidc-provider's (authorize, token, register, revoke, jwks).
  app.all('/oauth/*', async (c) => {
    // oidc-provider matches paths case-insensitively and with a trailing slash: so must the registration guard.
    if (c.req.method === 'POST' && c.req.path.toLowerCase().replace(/\/+$/, '') === ROUTES.registration) {
      const refused = await guardRegistration(c);
      if (refused) return refused;
    }
    return toProvider(c);
  });
}

/** The MCP scopes the client asked for; a client that asked for none gets `mcp` (the consent page says what that means). */
function requestedScopes(interaction: Interaction): string[] {
  const asked = String(interaction.params.scope ?? '').split(' ');
  const known = MCP_SCOPES.filter((s) => asked.includes(s));
  return known.length ? [...known] : ['mcp'];
}
