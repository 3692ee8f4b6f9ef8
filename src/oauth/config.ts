import type { Env } from '../config/config';
import { readInt } from '../config/read-env';

/** OAuth 2.1 sign-in settings; absent (OAuth off) unless DESKGATE_PUBLIC_URL is set. */
export interface OAuthConfig {
  /** The origin clients reach, e.g. https://mcp.example.com (no trailing slash, no path). */
  publicUrl: string;
  /** The protected resource: `${publicUrl}/mcp`. */
  resourceUrl: string;
  /** Redirect URI prefixes a client may register; undefined: any https or loopback URI. */
  redirectAllowlist: string[] | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Failed sign-ins allowed per address and minute. */
  failedSignInsPerMinute: number;
  /** Client registrations (RFC 7591) allowed per address and minute. */
  registrationsPerMinute: number;
  /** Client ID Metadata Document fetches started per client address and minute, and by everyone together. */
  metadataFetchesPerMinute: { perAddress: number; total: number };
  /** Registered clients nobody has approved yet that may exist at once; registration is refused beyond it. */
  maxUnclaimedClients: number;
  /** How long a registered client nobody approved is kept. */
  unclaimedClientTtlSeconds: number;
  oidc: UpstreamOidcConfig | undefined;
}

export interface UpstreamOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Create unknown users (of `allowedDomains`) as `user` on first sign-in. */
  autoCreate: boolean;
  /** Email domains accepted for auto-creation; undefined: any verified email. */
  allowedDomains: string[] | undefined;
  /** Button label on the sign-in page. */
  displayName: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackHost = (hostname: string) => LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);

function list(raw: string | undefined): string[] | undefined {
  const items = raw?.split(',').map((s) => s.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

/**
 * Reads the OAuth variables; problems are appended to `problems` (one line
 * per bad variable, like the rest of the configuration).
 */
export function readOAuthConfig(env: Env, problems: string[]): OAuthConfig | undefined {
  const raw = env.DESKGATE_PUBLIC_URL?.trim();
  const oidcIssuer = env.DESKGATE_OIDC_ISSUER?.trim();
  if (!raw) {
    if (oidcIssuer) problems.push('DESKGATE_OIDC_ISSUER: needs DESKGATE_PUBLIC_URL (OAuth sign-in is off without it)');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`DESKGATE_PUBLIC_URL: expected the address clients reach, like https://mcp.example.com, got "${raw}"`);
    return undefined;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    problems.push('DESKGATE_PUBLIC_URL: must be https (plain http only for localhost/127.0.0.1, for development)');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push(`DESKGATE_PUBLIC_URL: expected an origin without path, like https://mcp.example.com, got "${raw}"`);
  }
  const publicUrl = url.origin;

  const redirectAllowlist = list(env.DESKGATE_OAUTH_REDIRECT_ALLOWLIST);
  for (const entry of redirectAllowlist ?? []) {
    if (!URL.canParse(entry)) problems.push(`DESKGATE_OAUTH_REDIRECT_ALLOWLIST: "${entry}" is not a URL`);
  }

  let oidc: UpstreamOidcConfig | undefined;
  const clientId = env.DESKGATE_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.DESKGATE_OIDC_CLIENT_SECRET?.trim();
  if (oidcIssuer || clientId || clientSecret) {
    if (!oidcIssuer || !clientId || !clientSecret) {
      problems.push('DESKGATE_OIDC_ISSUER, DESKGATE_OIDC_CLIENT_ID, DESKGATE_OIDC_CLIENT_SECRET: set all three or none');
    } else if (!URL.canParse(oidcIssuer)) {
      problems.push(`DESKGATE_OIDC_ISSUER: expected the identity provider's issuer URL, got "${oidcIssuer}"`);
    } else {
      const autoCreate = env.DESKGATE_OIDC_AUTO_CREATE?.trim();
      if (autoCreate && autoCreate !== 'user' && autoCreate !== 'off') {
        problems.push(`DESKGATE_OIDC_AUTO_CREATE: expected "user" or "off", got "${autoCreate}"`);
      }
      oidc = {
        issuer: oidcIssuer,
        clientId,
        clientSecret,
        autoCreate: autoCreate === 'user',
        allowedDomains: list(env.DESKGATE_OIDC_ALLOWED_DOMAINS)?.map((d) => d.toLowerCase()),
        displayName: env.DESKGATE_OIDC_NAME?.trim() || 'your identity provider',
      };
    }
  }

  return {
    publicUrl,
    resourceUrl: `${publicUrl}/mcp`,
    redirectAllowlist,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 30 * 24 * 3600,
    failedSignInsPerMinute: 10,
    registrationsPerMinute: readInt(env, 'DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE', 20, 1, 10_000, problems),
    metadataFetchesPerMinute: { perAddress: 10, total: 60 },
    maxUnclaimedClients: readInt(env, 'DESKGATE_OAUTH_MAX_UNCLAIMED_CLIENTS', 1000, 1, 1_000_000, problems),
    unclaimedClientTtlSeconds: 24 * 3600,
    oidc,
  };
}
