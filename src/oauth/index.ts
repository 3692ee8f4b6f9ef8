import type { AuditSink } from '../audit/log';
import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AuthStore } from '../auth/store';
import type { Principal } from '../auth/types';
import type { LimitStore } from '../limits/store';
import type { Logger } from '../observability/logger';
import type { Db } from '../storage/types';
import { sweepExpired } from './adapter';
import type { OAuthConfig } from './config';
import { createGrantStore, type GrantStore } from './grants';
import type { TrustProxy } from '../http/client-address';
import { mountOAuth } from './http';
import { createProvider } from './provider';
import { createResourceServer } from './resource';
import { loadSecrets } from './secrets';
import { createUpstreamOidc } from './upstream';

export type { OAuthConfig } from './config';
export { createGrantStore, type GrantStore, type GrantListing } from './grants';

export interface OAuthDeps {
  config: OAuthConfig;
  db: Db;
  auth: AuthStore;
  log: Logger;
  connectorIds: string[];
  /** DESKGATE_TRUST_PROXY: whose X-Forwarded-For names the client for the per-address limits; default none. */
  trustProxy?: TrustProxy;
  /** Test hook: how Client ID Metadata Documents are fetched. */
  fetchClientMetadata?: typeof fetch;
  /** The audit trail: sign-ins (success and failure) and consents. */
  audit?: AuditSink;
  /** Where the per-address limits count: shared by every replica on PostgreSQL (src/limits/). */
  limits?: LimitStore;
}

export interface OAuthServer {
  /** Adds /.well-known/* metadata, the sign-in pages and the authorization server under /oauth. */
  mount(app: Hono<{ Bindings: HttpBindings }>): void;
  /** The principal an access token acts as, or undefined when it is not a valid token for /mcp. */
  authenticate(token: string): Promise<Principal | undefined>;
  /** RFC 9728 metadata URL, for the WWW-Authenticate challenge on /mcp. */
  resourceMetadataUrl: string;
  grants: GrantStore;
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * OAuth 2.1 sign-in for clients that only take a URL (claude.ai, Claude
 * Desktop and mobile, ChatGPT): an embedded authorization server on the
 * same origin as /mcp, and /mcp accepting its access tokens beside API keys.
 * On only when DESKGATE_PUBLIC_URL is set.
 */
export async function createOAuthServer(deps: OAuthDeps): Promise<OAuthServer> {
  const { config, db, auth, log } = deps;
  const secrets = await loadSecrets(db);
  const grants = createGrantStore(db);
  const provider = createProvider({
    config,
    db,
    auth,
    grants,
    secrets,
    log: log.child({ component: 'oauth' }),
    fetchClientMetadata: deps.fetchClientMetadata,
    trustProxy: deps.trustProxy,
    limits: deps.limits,
  });
  const resource = createResourceServer({ config, provider, auth, grants });
  const upstream = config.oidc
    ? createUpstreamOidc({ config, oidc: config.oidc, auth, log, signingKey: secrets.cookieKeys[0]! })
    : undefined;
  const sweep = setInterval(() => {
    sweepExpired(db).catch((error: unknown) => log.warn({ err: { message: (error as Error).message } }, 'could not sweep expired OAuth artefacts'));
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    mount(app) {
      mountOAuth(app, {
        config,
        provider,
        resource,
        auth,
        grants,
        db,
        log,
        csrfKey: secrets.cookieKeys[0]!,
        connectorIds: deps.connectorIds,
        upstream,
        trustProxy: deps.trustProxy,
        audit: deps.audit,
        limits: deps.limits,
      });
    },
    authenticate: (token) => resource.authenticate(token),
    resourceMetadataUrl: resource.resourceMetadataUrl,
    grants,
    async close() {
      clearInterval(sweep);
    },
  };
}
