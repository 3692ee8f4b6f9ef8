import { z } from 'zod';
import { ROLES } from '../auth/types';
import { parseSecretKey } from '../credentials/crypto';
import { parseTrustProxy, TRUST_NONE, type TrustProxy } from '../http/client-address';
import { parseKeyRate, type KeyRate } from '../http/limits';
import { readOAuthConfig, type OAuthConfig } from '../oauth/config';
import { readBool, readInt } from './read-env';
import { CREDENTIAL_MODES, SHARED_WRITES, type AccessLevel, type CommonConnectorConfig, type ConnectorManifest } from '../registry/types';

/**
 * Environment → typed, validated configuration. Every problem is collected
 * (not just the first) and reported as one line per bad variable, naming it
 * and saying what is expected; start-up prints them and exits without a
 * stack trace.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ACCESS_LEVELS = ['read', 'write', 'full'] as const;

export interface GatewayConfig {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  readOnly: boolean;
  /** Hostnames accepted in Host (DNS-rebinding protection on /mcp). */
  allowedHosts: string[];
  /** Origin hostnames accepted on /mcp (absent Origin is always fine). */
  allowedOrigins: string[];
  adminKey: string | undefined;
  /** DESKGATE_SECRET_KEY: encrypts personal vendor keys at rest; without it none can be stored. */
  secretKey: Buffer | undefined;
  /** Bearer token that opens /metrics and /readyz to non-loopback callers; undefined: loopback only. */
  metricsToken: string | undefined;
  maxBodyBytes: number;
  keyCacheTtlMs: number;
  shutdownGraceMs: number;
  /**
   * DESKGATE_CALL_TIMEOUT_MS: the most one tool call may take, queueing,
   * retries and every vendor request included; past it, upstream_timeout.
   */
  callTimeoutMs: number;
  /** Calls per API key (token bucket, DESKGATE_KEY_RATE); undefined: unlimited. */
  keyRate: KeyRate | undefined;
  /** Tool calls in flight per API key (DESKGATE_KEY_CONCURRENCY); 0: unlimited. */
  keyConcurrency: number;
  /** Worker processes serving /mcp (node:cluster); 1 means no cluster. */
  workers: number;
  /**
   * DESKGATE_TRUST_PROXY: proxies whose X-Forwarded-For is believed, for every
   * per-address limit (failed authentication, OAuth sign-in and registration);
   * default none (the socket's peer is the client).
   */
  trustProxy: TrustProxy;
  /** Enabled connectors in catalog order, with their parsed configs. */
  connectors: EnabledConnector[];
  /** OAuth 2.1 sign-in (src/oauth/); undefined (off) unless DESKGATE_PUBLIC_URL is set. */
  oauth: OAuthConfig | undefined;
  /** The audit trail (src/audit/): DESKGATE_AUDIT, DESKGATE_AUDIT_RETENTION_DAYS, DESKGATE_AUDIT_STREAM. */
  audit: { enabled: boolean; retentionDays: number; stream: string | undefined; flushMs: number };
}

export interface EnabledConnector {
  manifest: ConnectorManifest<unknown, unknown>;
  config: unknown;
  common: CommonConnectorConfig;
  /**
   * Where `common.toolsets` came from: the connector's default toolsets
   * (`<ID>_TOOLSETS` unset), `all`, or the operator's list. Optional so code
   * that builds connectors by hand (tests, benches) needs not say.
   */
  toolsetsFrom?: ToolsetSource;
}

export type ToolsetSource = 'default' | 'all' | 'list';

type Problems = string[];

/**
 * `<ID>_TOOLSETS` → the toolsets to expose (undefined: all of them).
 * Unset: the connector's default toolsets, or all when it marks none (so a
 * connector without defaults behaves as before). `all`: every toolset. A
 * comma list: exactly those; unknown names are problems naming the valid ones.
 */
export function resolveToolsets(
  env: Env,
  manifest: Pick<ConnectorManifest<unknown, unknown>, 'id' | 'toolsets'>,
  problems: Problems,
): { toolsets: string[] | undefined; from: ToolsetSource } {
  const name = `${envPrefix(manifest.id)}_TOOLSETS`;
  const requested = readList(env, name);
  const knownSets = manifest.toolsets.map((t) => t.id);
  if (requested === undefined) {
    const defaults = manifest.toolsets.filter((t) => t.default).map((t) => t.id);
    return defaults.length ? { toolsets: defaults, from: 'default' } : { toolsets: undefined, from: 'all' };
  }
  if (requested.length === 1 && requested[0]!.toLowerCase() === 'all') return { toolsets: undefined, from: 'all' };
  for (const t of requested) {
    if (!knownSets.includes(t)) problems.push(`${name}: unknown toolset "${t}"; ${manifest.id} has: ${knownSets.join(', ')} (or "all")`);
  }
  return { toolsets: requested, from: 'list' };
}

function readEnum<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: Problems,
): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${raw}"`);
  return fallback;
}

export function readList(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readUrl(env: Env, name: string, problems: Problems): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${name}: expected an http(s) URL such as https://api.example.com/v1, got "${raw}"`);
    return undefined;
  }
}

export function envPrefix(connectorId: string): string {
  return connectorId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Parses the environment. `catalog` is every connector the gateway knows, in
 * the stable order tools are listed in.
 */
export function loadConfig(env: Env, catalog: ConnectorManifest<unknown, unknown>[]): GatewayConfig {
  const problems: Problems = [];
  const port = readInt(env, 'PORT', 8787, 0, 65535, problems);
  const host = env.HOST?.trim() || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/deskgate.db';
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL: expected sqlite:<path> or postgres://user:pass@host:5432/db, got "${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);
  }
  const logLevel = readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info', problems);
  const readOnly = readBool(env, 'DESKGATE_READ_ONLY', false, problems);
  const extraHosts = readList(env, 'DESKGATE_ALLOWED_HOSTS') ?? [];
  const allowedOrigins = readList(env, 'DESKGATE_ALLOWED_ORIGINS') ?? [];
  const adminKey = env.DESKGATE_ADMIN_KEY?.trim() || undefined;
  if (adminKey !== undefined && adminKey.length < 24) {
    problems.push('DESKGATE_ADMIN_KEY: expected a random secret of at least 24 characters (e.g. `openssl rand -base64 32`)');
  }
  const secretKeyHex = env.DESKGATE_SECRET_KEY?.trim() || undefined;
  let secretKey: Buffer | undefined;
  if (secretKeyHex !== undefined) {
    try {
      secretKey = parseSecretKey(secretKeyHex);
    } catch {
      problems.push('DESKGATE_SECRET_KEY: expected 64 hex characters (32 random bytes); `deskgate secret generate` prints one');
    }
  }
  const metricsToken = env.DESKGATE_METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    problems.push('DESKGATE_METRICS_TOKEN: expected a random secret of at least 16 characters without spaces (e.g. `openssl rand -hex 24`)');
  }
  const maxBodyBytes = readInt(env, 'DESKGATE_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024, problems);
  const keyCacheTtlMs = readInt(env, 'DESKGATE_KEY_CACHE_TTL_MS', 10_000, 0, 3_600_000, problems);
  const shutdownGraceMs = readInt(env, 'DESKGATE_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000, problems);
  const callTimeoutMs = readInt(env, 'DESKGATE_CALL_TIMEOUT_MS', 30_000, 100, 600_000, problems);
  const workers = readInt(env, 'DESKGATE_WORKERS', 1, 1, 64, problems);
  const rawRate = env.DESKGATE_KEY_RATE?.trim() || '600/min';
  const parsedRate = parseKeyRate(rawRate);
  if (parsedRate === undefined) {
    problems.push(`DESKGATE_KEY_RATE: expected calls per period such as 600/min, 20/s or 10000/h (or off), got "${rawRate}"`);
  }
  const keyRate = parsedRate === 'off' ? undefined : (parsedRate ?? undefined);
  const keyConcurrency = readInt(env, 'DESKGATE_KEY_CONCURRENCY', 20, 0, 10_000, problems);
  const parsedTrust = parseTrustProxy(env.DESKGATE_TRUST_PROXY);
  if ('problem' in parsedTrust) problems.push(`DESKGATE_TRUST_PROXY: ${parsedTrust.problem}`);
  const trustProxy = 'problem' in parsedTrust ? TRUST_NONE : parsedTrust;
  const oauth = readOAuthConfig(env, problems);
  const auditEnabled = readBool(env, 'DESKGATE_AUDIT', true, problems);
  const auditRetentionDays = readInt(env, 'DESKGATE_AUDIT_RETENTION_DAYS', 90, 1, 36_500, problems);
  const auditFlushMs = readInt(env, 'DESKGATE_AUDIT_FLUSH_MS', 1000, 10, 3_600_000, problems);
  const auditStream = env.DESKGATE_AUDIT_STREAM?.trim() || undefined;
  if (auditStream !== undefined && auditStream !== 'stdout' && !/^file:.+/.test(auditStream)) {
    problems.push(`DESKGATE_AUDIT_STREAM: expected stdout or file:/path/to/audit.jsonl, got "${auditStream}"`);
  }

  const known = new Map(catalog.filter((m) => !m.core).map((m) => [m.id, m]));
  const requested = readList(env, 'DESKGATE_CONNECTORS');
  for (const id of requested ?? []) {
    if (!known.has(id)) problems.push(`DESKGATE_CONNECTORS: unknown connector "${id}"; known: ${[...known.keys()].join(', ')}`);
  }
  const enabledIds = new Set(
    requested ?? catalog.filter((m) => !m.spans && (m.id === 'helpdesk' || m.isConfigured(env))).map((m) => m.id),
  );
  // Connectors built on others (the time toolset) follow them.
  for (const manifest of catalog) {
    if (!manifest.spans || manifest.core) continue;
    const { connectors: spanned, atLeast } = manifest.spans;
    const on = spanned.filter((id) => enabledIds.has(id));
    if (requested === undefined) {
      if (on.length >= atLeast) enabledIds.add(manifest.id);
    } else if (enabledIds.has(manifest.id) && on.length < atLeast) {
      problems.push(`DESKGATE_CONNECTORS: "${manifest.id}" needs at least ${atLeast} of ${spanned.join(', ')} enabled beside it; listed: ${on.join(', ') || 'none'}`);
    }
  }

  const connectors: EnabledConnector[] = [];
  for (const manifest of catalog) {
    if (manifest.core) {
      // The gateway's own tools: always on, for every role, no <ID>_* variables.
      connectors.push({ manifest, config: {}, common: { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 15_000, minRole: 'user', credentials: 'shared' } });
      continue;
    }
    if (!enabledIds.has(manifest.id)) continue;
    const prefix = envPrefix(manifest.id);
    const access: AccessLevel = readEnum(env, `${prefix}_ACCESS`, ACCESS_LEVELS, 'full', problems);
    const { toolsets, from: toolsetsFrom } = resolveToolsets(env, manifest, problems);
    const baseUrl = readUrl(env, `${prefix}_BASE_URL`, problems) ?? manifest.defaultBaseUrl;
    const timeoutMs = readInt(env, `${prefix}_TIMEOUT_MS`, 15_000, 100, 300_000, problems);
    const minRole = readEnum(env, `${prefix}_MIN_ROLE`, ROLES, manifest.minRole ?? 'staff', problems);
    // Only connectors that call a vendor have credentials to choose between.
    const vendorBacked = manifest.defaultBaseUrl !== undefined;
    const credentials = vendorBacked
      ? readEnum(env, `${prefix}_CREDENTIALS`, CREDENTIAL_MODES, 'personal_or_shared', problems)
      : 'shared';
    const sharedWrites = vendorBacked ? readEnum(env, `${prefix}_SHARED_WRITES`, SHARED_WRITES, 'refuse', problems) : 'refuse';
    const parsed = manifest.configSchema.safeParse(env);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = issue.path.join('.') || prefix;
        problems.push(`${name}: ${issue.message} (needed because connector "${manifest.id}" is enabled)`);
      }
      continue;
    }
    connectors.push({ manifest, config: parsed.data, common: { access, toolsets, baseUrl, timeoutMs, minRole, credentials, sharedWrites }, toolsetsFrom });
  }

  if (problems.length) throw new ConfigError(problems);
  // Loopback names stay allowed on any bind so local health checks and
  // port-forwards work; a public name must be listed explicitly.
  // The public name (DESKGATE_PUBLIC_URL) is the one clients use, so it is allowed too.
  const publicHost = oauth ? [new URL(oauth.publicUrl).hostname] : [];
  const allowedHosts = [...LOOPBACK_HOSTS, ...extraHosts, ...publicHost];
  return {
    port,
    host,
    databaseUrl,
    logLevel,
    readOnly,
    allowedHosts,
    allowedOrigins: [...LOOPBACK_HOSTS, ...allowedOrigins],
    adminKey,
    secretKey,
    metricsToken,
    maxBodyBytes,
    keyCacheTtlMs,
    shutdownGraceMs,
    callTimeoutMs,
    keyRate,
    keyConcurrency,
    workers,
    trustProxy,
    connectors,
    oauth,
    audit: { enabled: auditEnabled, retentionDays: auditRetentionDays, stream: auditStream, flushMs: auditFlushMs },
  };
}

/** Zod helper for connectors' own env schemas: a required, non-empty secret. */
export const requiredSecret = (name: string, where: string) =>
  z.string({ error: `expected your ${name} (${where})` }).trim().min(1, { error: `expected your ${name} (${where})` });
