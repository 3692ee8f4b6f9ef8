import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AuthStore } from '../auth/store';
import { clientAddressOf, TRUST_NONE, type TrustProxy } from '../http/client-address';
import type { AuthUser } from '../auth/types';
import type { Logger } from '../observability/logger';
import type { Db } from '../storage/types';
import { DbAdapter } from './adapter';
import type { LimitStore } from '../limits/store';
import { createAddressLimiter } from './address-limiter';
import { isLoopbackHost, type OAuthConfig } from './config';
import type { GrantStore } from './grants';
import { createMetadataFetch } from './metadata-fetch';
import { errorPage, PAGE_HEADERS } from './pages';
import type { OAuthSecrets } from './secrets';

/** The two scopes a client may ask for; anything an MCP client needs maps onto these. */
export const MCP_SCOPES = ['mcp', 'mcp:read'] as const;

/** Where our own pages and oidc-provider's endpoints live (all under /oauth, same origin as /mcp). */
export const ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

/**
 * Who an OAuth account id stands for. API-key sign-in: `k.<key id>` (the
 * grant carries that key's role and limits); identity-provider sign-in:
 * `u.<user id>`.
 */
export type AccountRef = { kind: 'key'; keyId: string } | { kind: 'user'; userId: string };

export function parseAccountId(id: string): AccountRef | undefined {
  if (id.startsWith('k.')) return { kind: 'key', keyId: id.slice(2) };
  if (id.startsWith('u.')) return { kind: 'user', userId: id.slice(2) };
  return undefined;
}

export interface ResolvedAccount {
  user: AuthUser;
  key: { id: string; name: string; connectors: string[] | undefined; toolsets: string[] | undefined; readOnly: boolean } | undefined;
}

/** The user (and key) behind an account id, or undefined when the key is revoked or the user gone. */
export async function resolveAccount(auth: AuthStore, id: string): Promise<ResolvedAccount | undefined> {
  const ref = parseAccountId(id);
  if (!ref) return undefined;
  if (ref.kind === 'user') {
    const user = await auth.getUser(ref.userId);
    return user && { user, key: undefined };
  }
  const key = await auth.getKey(ref.keyId);
  if (!key || key.revokedAt) return undefined;
  const user = await auth.getUser(key.userId);
  if (!user) return undefined;
  return { user, key: { id: key.id, name: key.name, connectors: key.connectors, toolsets: key.toolsets, readOnly: key.readOnly } };
}

/** RFC 8252 loopback: the port is free, the rest must match. */
function withoutLoopbackPort(uri: URL): URL {
  const copy = new URL(uri.href);
  if (copy.protocol === 'http:' && isLoopbackHost(copy.hostname)) copy.port = '';
  return copy;
}

/** Same scheme, host and port (loopback ports aside), and the path starts with the entry's path. */
function allowedBy(uri: URL, entry: string): boolean {
  const a = withoutLoopbackPort(uri);
  const b = withoutLoopbackPort(new URL(entry));
  return a.origin === b.origin && a.pathname.startsWith(b.pathname);
}

/**
 * Redirect URIs: https, or http on a loopback address (desktop and CLI
 * clients, RFC 8252). DESKGATE_OAUTH_REDIRECT_ALLOWLIST narrows them to
 * URIs starting with one of its entries (loopback ports ignored).
 */
export function redirectUriProblem(raw: string, allowlist: string[] | undefined): string | undefined {
  let uri: URL;
  try {
    uri = new URL(raw);
  } catch {
    return `redirect_uri "${raw}" is not a URL`;
  }
  const loopback = uri.protocol === 'http:' && isLoopbackHost(uri.hostname);
  if (uri.protocol !== 'https:' && !loopback) return `redirect_uri "${raw}" must use https (or http on a loopback address)`;
  if (allowlist && !allowlist.some((entry) => allowedBy(uri, entry))) {
    return `redirect_uri "${raw}" is not allowed on this gateway (DESKGATE_OAUTH_REDIRECT_ALLOWLIST)`;
  }
  return undefined;
}

/**
 * oidc-provider's prompts, with consent bound to the redirect URI: an app
 * approved for one of its registered redirect URIs is asked again, on the
 * consent page naming the new host, before a code goes to another (oidc-provider
 * alone would send codes to every URI the app registered once any was approved).
 */
function interactionsPolicy(grants: GrantStore): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  policy.get('consent')!.checks.add(
    new interactionPolicy.Check('redirect_uri_not_approved', 'the user has not approved this redirect_uri', async (ctx) => {
      // The grant oidc-provider loaded for this request (the session's for this client, or the one consent just made).
      const grantId = ctx.oidc.grant?.jti;
      const redirectUri = ctx.oidc.params?.redirect_uri;
      if (!grantId || typeof redirectUri !== 'string') return interactionPolicy.Check.REQUEST_PROMPT;
      return !(await grants.approvedFor(grantId, redirectUri));
    }),
  );
  return policy;
}

export interface ProviderDeps {
  config: OAuthConfig;
  db: Db;
  auth: AuthStore;
  grants: GrantStore;
  secrets: OAuthSecrets;
  log: Logger;
  /**
   * Test hook: how Client ID Metadata Documents are fetched, instead of the
   * network (the public-address check is the network fetch's; the rate limit applies to both).
   */
  fetchClientMetadata?: typeof fetch;
  /** Where the metadata fetch limits count (shared on PostgreSQL); default this process. */
  limits?: LimitStore;
  /** DESKGATE_TRUST_PROXY: whose X-Forwarded-For names the client, for the metadata fetch limit. */
  trustProxy?: TrustProxy;
}

/**
 * The embedded authorization server: oidc-provider (OpenID Certified, the
 * reference OAuth 2.x implementation for Node), configured for MCP clients:
 * code flow only, PKCE S256 required for every client, refresh tokens
 * rotated on each use (a reused one revokes the whole grant), opaque access
 * tokens stored in our database and bound to the one resource `<public>/mcp`
 * (RFC 8707), open Dynamic Client Registration (RFC 7591) and Client ID
 * Metadata Documents, revocation (RFC 7009). Issuer and every URL come from
 * DESKGATE_PUBLIC_URL, never from the request.
 */
export function createProvider(deps: ProviderDeps): Provider {
  const { config, db, auth, grants, secrets, log } = deps;
  const resource = config.resourceUrl;
  const metadataFetch = deps.fetchClientMetadata ?? createMetadataFetch({ onRefused: (host) => log.warn({ host }, 'client metadata document not fetched: the host is a private or special-use address') });
  const fetchesPerAddress = createAddressLimiter('cimd', config.metadataFetchesPerMinute.perAddress, 60_000, deps.limits);
  const fetchesInAll = createAddressLimiter('cimd-all', config.metadataFetchesPerMinute.total, 60_000, deps.limits);

  const configuration: Configuration = {
    adapter: (name: string) => new DbAdapter(db, name, { unclaimedClientTtlMs: config.unclaimedClientTtlSeconds * 1000 }),
    clients: [],
    jwks: { keys: [secrets.signingKey] },
    cookies: {
      keys: secrets.cookieKeys,
      names: { session: 'dg_oauth_session', interaction: 'dg_oauth_interaction', resume: 'dg_oauth_resume' },
    },
    scopes: ['openid', 'offline_access', ...MCP_SCOPES],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    responseTypes: ['code'],
    routes: ROUTES,
    async findAccount(_ctx, id) {
      const account = await resolveAccount(auth, id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.user.email, email_verified: true }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/oauth/interaction/${interaction.uid}`, policy: interactionsPolicy(grants) },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator.replace(/\/$/, '') !== resource) {
            throw new errors.InvalidTarget(`this server issues tokens only for ${resource}`);
          }
          return {
            scope: MCP_SCOPES.join(' '),
            audience: resource,
            accessTokenTTL: config.accessTokenTtlSeconds,
            accessTokenFormat: 'opaque',
          };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        ack: 'draft-02',
        /**
         * A client_id URL makes us fetch it (a failed fetch is not cached),
         * so fetches are limited per client address and in all; over
         * either, the authorization request is refused without a fetch.
         */
        async allowFetch(ctx: KoaContextWithOIDC | undefined) {
          const address = ctx?.req ? clientAddressOf(ctx.req, deps.trustProxy ?? TRUST_NONE) : 'gateway';
          const wait = Math.max(await fetchesPerAddress.retryAfter(address), await fetchesInAll.retryAfter('all'));
          if (wait > 0) {
            log.warn({ address, wait }, 'client metadata document fetch refused: too many');
            throw new errors.InvalidClient(`Too many client metadata document fetches; try again in ${wait} seconds.`);
          }
          await fetchesPerAddress.record(address);
          await fetchesInAll.record('all');
          return true;
        },
      },
    } as Configuration['features'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: {
      properties: ['deskgate_redirect_policy'],
      validator(_ctx, key, _value, metadata) {
        if (key !== 'deskgate_redirect_policy') return;
        for (const uri of (metadata.redirect_uris as string[] | undefined) ?? []) {
          const problem = redirectUriProblem(uri, config.redirectAllowlist);
          if (problem) throw new errors.InvalidRedirectUri(problem);
        }
        if (metadata.grant_types && (metadata.grant_types as string[]).some((g) => g !== 'authorization_code' && g !== 'refresh_token')) {
          throw new errors.InvalidClientMetadata('only the authorization_code and refresh_token grant types are offered');
        }
      },
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The sign-in session is the browser's, for the consent pages only (a day): the app's tokens outlive it,
    // with or without offline_access (oidc-provider's default would end them with it unless the client asked for that scope).
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    ttl: {
      AccessToken: config.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      RefreshToken: config.refreshTokenTtlSeconds,
      Grant: config.refreshTokenTtlSeconds,
      Session: 24 * 3600,
      Interaction: 3600,
      IdToken: 3600,
    },
    clientBasedCORS: () => true,
    enableHttpPostMethods: false,
    // Every outgoing fetch of oidc-provider (metadata documents, a client's jwks_uri) reaches public addresses only.
    fetch: metadataFetch as unknown as Configuration['fetch'],
    renderError(ctx: KoaContextWithOIDC, out) {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) ctx.set(name, value);
      ctx.type = 'html';
      ctx.body = errorPage('Cannot sign in', String(out.error_description ?? out.error ?? 'The request was not valid.'));
    },
  };

  const provider = new Provider(config.publicUrl, configuration);
  // Host and scheme are rewritten to DESKGATE_PUBLIC_URL before a request reaches the provider (see mount.ts).
  provider.proxy = true;
  provider.on('server_error', (_ctx, error) => log.error({ err: error }, 'oauth server error'));
  // Refresh-token reuse and token revocation revoke the whole grant: mirror it in our record.
  provider.on('grant.revoked', (_ctx, grantId) => {
    grants.revoke(grantId).catch((error: unknown) => log.warn({ err: error }, 'could not mark an OAuth grant revoked'));
  });
  return provider;
}
