import { serve, type ServerType } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuditLog, type AuditLog } from './audit/log';
import { createAuthStore, type AuthStore } from './auth/store';
import { createAuthVersion } from './auth/version';
import { createCredentialStore, type CredentialStore } from './credentials/store';
import { loadConfig, type Env, type GatewayConfig } from './config/config';
import { createApp } from './http/app';
import { CallLimits } from './http/limits';
import { limitStoreFor, type LimitStore } from './limits/index';
import { createDbRecentCreates } from './vendor-http/unknown-outcome';
import { createMcpEndpoint, SERVER_INFO } from './mcp/endpoint';
import type { OAuthServer } from './oauth/index';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics, type Metrics } from './observability/metrics';
import { startTracing, stopTracing, tracingConfigOf } from './observability/tracing';
import { ToolRegistry } from './registry/registry';
import type { ConnectorManifest, ConnectorServices, GatewayView } from './registry/types';
import { createVendorClientPool } from './vendor-http/pool';
import { coreMigrations } from './storage/core-migrations';
import { openDatabase, runMigrations } from './storage/index';
import type { Db } from './storage/types';
import { createVendorHttpClient } from './vendor-http/client';
import type { VendorTransportKind } from './vendor-http/transport';

export interface GatewayCore {
  config: GatewayConfig;
  db: Db;
  auth: AuthStore;
  log: Logger;
  metrics: Metrics;
  registry: ToolRegistry;
  /** Started connector runtimes by id. */
  runtimes: Map<string, unknown>;
  /** Personal vendor keys (encrypted with DESKGATE_SECRET_KEY). */
  credentials: CredentialStore;
  /** The audit trail; close() writes what it still buffers. */
  audit: AuditLog;
  /** Where limits count: PostgreSQL (shared by every worker and replica) or this process's memory (SQLite). */
  limitStore: LimitStore;
  /** Migration ids this open applied (empty when the database was already up to date). */
  migrationsApplied: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  env: Env;
  /** Connectors the gateway knows (src/registry/catalog.ts in production; test connectors in tests). */
  catalog: ConnectorManifest<unknown, unknown>[];
  log?: Logger;
  /** How vendor clients send (default undici's request API); tests that fake vendors with msw pass `fetch`. */
  vendorTransport?: VendorTransportKind;
  /** A serving gateway: the audit trail also streams (DESKGATE_AUDIT_STREAM) and prunes; CLI commands only record. */
  serving?: boolean;
}

/**
 * Everything but the listening socket: config, database and migrations,
 * the key store, connectors started, the tool table built. The CLI commands
 * (keys, tools, doctor) use this too, so they see exactly what `serve` sees.
 */
export async function openGateway(options: OpenOptions): Promise<GatewayCore> {
  const config = loadConfig(options.env, options.catalog);
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const db = await openDatabase(config.databaseUrl, { log });
  const runtimes = new Map<string, unknown>();
  // Connector stop errors never keep the rest of the gateway from closing.
  const stopConnectors = async () => {
    for (const { manifest } of config.connectors) {
      const runtime = runtimes.get(manifest.id);
      if (runtime !== undefined) await manifest.stop?.(runtime).catch(() => undefined);
    }
  };
  try {
    const { applied: migrationsApplied } = await runMigrations(db, [...coreMigrations, ...config.connectors.flatMap((c) => c.manifest.migrations ?? [])]);
    const version = createAuthVersion(db);
    const auth = createAuthStore(db, { cacheTtlMs: config.keyCacheTtlMs, log, version });
    const credentials = createCredentialStore(db, { secretKey: config.secretKey, version, log });
    const limitStore = limitStoreFor(db, { log });
    // Filled once the tool table is built; connectors read it from their handlers.
    const ready: { view?: GatewayView } = {};
    const gateway = (): GatewayView => {
      if (!ready.view) throw new Error('the gateway is still starting: services.gateway() is for tool handlers, not for start()');
      return ready.view;
    };
    for (const { manifest, config: connectorConfig, common } of config.connectors) {
      const connectorLog = log.child({ connector: manifest.id });
      const createHttpClient: ConnectorServices['createHttpClient'] = (opts) =>
        createVendorHttpClient({ ...opts, connector: manifest.id }, { log: connectorLog, metrics, transport: options.vendorTransport });
      const services: ConnectorServices = {
        db,
        log: connectorLog,
        users: auth,
        createHttpClient,
        vendorClients: (opts) => createVendorClientPool({ ...opts, connector: manifest.id }, createHttpClient),
        limits: limitStore,
        recentCreates: createDbRecentCreates(db, manifest.id, { log: connectorLog }),
        gateway,
      };
      runtimes.set(manifest.id, await manifest.start(connectorConfig, common, services));
    }
    const registry = new ToolRegistry(config.connectors, config.readOnly);
    const audit = createAuditLog(db, {
      enabled: config.audit.enabled,
      retentionDays: config.audit.retentionDays,
      flushMs: config.audit.flushMs,
      stream: options.serving ? config.audit.stream : undefined,
      pruneEveryMs: options.serving ? undefined : 0,
      log,
    });
    ready.view = {
      connectors: config.connectors,
      runtimes,
      registry,
      credentialFor: async (userId, connector) => {
        const common = config.connectors.find((c) => c.manifest.id === connector)?.common;
        return common ? credentials.forCall(userId, connector, common.credentials) : undefined;
      },
    };
    return {
      config,
      db,
      auth,
      log,
      metrics,
      registry,
      runtimes,
      credentials,
      migrationsApplied,
      audit,
      limitStore,
      async close() {
        await stopConnectors();
        await audit.close();
        await auth.flushUsage();
        await db.close();
      },
    };
  } catch (error) {
    await stopConnectors();
    await db.close().catch(() => undefined);
    throw error;
  }
}

export interface BootstrapResult {
  /** Set only when this start created the first admin key. */
  firstAdminKey?: string;
}

/**
 * First-start duties: honour DESKGATE_ADMIN_KEY, and when no active key
 * exists at all, create an admin user and key so a fresh install is usable.
 */
export async function bootstrapKeys(core: GatewayCore): Promise<BootstrapResult> {
  const { auth, config } = core;
  if (config.adminKey) {
    await auth.ensureKey(config.adminKey, {
      email: 'admin@localhost',
      name: 'Administrator',
      role: 'admin',
      keyName: 'DESKGATE_ADMIN_KEY',
    });
  }
  if ((await auth.countActiveKeys()) > 0) return {};
  const { user } = await auth.ensureUser({ email: 'admin@localhost', name: 'Administrator', role: 'admin' });
  const { secret } = await auth.createKey({ userId: user.id, name: 'first-start admin key' });
  return { firstAdminKey: secret };
}

export function firstKeyBanner(url: string, key: string): string {
  return [
    '',
    '  deskgate created the first admin API key. It is shown only this once: store it now.',
    '',
    `    ${key}`,
    '',
    '  Claude Code:',
    `    claude mcp add --transport http deskgate ${url} --header "Authorization: Bearer ${key}"`,
    '',
    '  Cursor (~/.cursor/mcp.json) / any client that takes JSON config:',
    `    { "mcpServers": { "deskgate": { "url": "${url}", "headers": { "Authorization": "Bearer ${key}" } } } }`,
    '',
    '  More keys: npx deskgate keys create --email you@example.com --role user --name my-laptop',
    '',
  ].join('\n');
}

export interface RunningGateway {
  core: GatewayCore;
  url: string;
  port: number;
  firstAdminKey: string | undefined;
  /** Graceful stop: refuse new work, finish in-flight calls, close pools and the database. */
  close(): Promise<void>;
}

export interface StartOptions extends OpenOptions {
  onFirstKey?: (banner: string, key: string) => void;
  /** Cluster workers: the primary already ran the first-start duties. */
  skipBootstrap?: boolean;
  /** Cluster workers: /metrics answers with every worker's figures, gathered by the primary. */
  metricsText?: () => Promise<string>;
  /** Test hook: how the OAuth server fetches Client ID Metadata Documents. */
  fetchClientMetadata?: typeof fetch;
  /** Test hook: false sends every /mcp request through the SDK's per-request Server (src/mcp/direct-call.ts says why there is another path). */
  directToolCalls?: boolean;
}

export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  // Before anything logs or opens the database: the logger's trace ids and the database's spans need it on.
  await startTracing(options.env, SERVER_INFO.version);
  let core: GatewayCore;
  try {
    core = await openGateway({ ...options, serving: true });
  } catch (error) {
    await stopTracing();
    throw error;
  }
  const { config, log } = core;
  const tracing = tracingConfigOf(options.env);
  if (tracing) {
    log.info({ traces: endpointForLog(tracing.url), serviceName: tracing.serviceName }, 'OpenTelemetry traces on');
    if (tracing.protocolIgnored) log.warn({ protocol: tracing.protocolIgnored }, 'OTEL_EXPORTER_OTLP_PROTOCOL asks for another protocol: deskgate exports OTLP/HTTP with JSON bodies (http/json)');
  }
  let bootstrap: BootstrapResult = {};
  let oauth: OAuthServer | undefined;
  try {
    if (!options.skipBootstrap) bootstrap = await bootstrapKeys(core);
    if (config.oauth) {
      // Loaded only when OAuth is on: oidc-provider warns on stderr at import on Node 20, and nothing else needs it.
      const { createOAuthServer } = await import('./oauth/index');
      oauth = await createOAuthServer({
        config: config.oauth,
        db: core.db,
        auth: core.auth,
        log,
        connectorIds: config.connectors.filter((c) => !c.manifest.core).map((c) => c.manifest.id),
        trustProxy: config.trustProxy,
        fetchClientMetadata: options.fetchClientMetadata,
        audit: core.audit,
        limits: core.limitStore,
      });
    }
  } catch (error) {
    await core.close();
    await stopTracing();
    throw error;
  }
  let shuttingDown = false;
  const limits = new CallLimits(
    { rate: config.keyRate, concurrency: config.keyConcurrency },
    Date.now,
    (reason) => core.metrics.limited.inc({ reason }),
    { store: core.limitStore, callTimeoutMs: config.callTimeoutMs },
  );
  // With the trail off (DESKGATE_AUDIT=off) the call path neither picks a call's audited arguments nor runs the audit middleware;
  // GET /api/admin/audit still reads what was recorded before.
  const recording = core.audit.enabled ? core.audit : undefined;
  const mcp = createMcpEndpoint({
    registry: core.registry,
    runtimes: core.runtimes,
    credentials: core.credentials,
    log,
    metrics: core.metrics,
    limits,
    direct: options.directToolCalls,
    callTimeoutMs: config.callTimeoutMs,
    audit: recording,
  });
  const app = createApp({
    mcp,
    auth: core.auth,
    db: core.db,
    metrics: core.metrics,
    log,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    metricsToken: config.metricsToken,
    limits,
    trustProxy: config.trustProxy,
    connectorIds: config.connectors.filter((c) => !c.manifest.core).map((c) => c.manifest.id),
    routes: config.connectors.flatMap(({ manifest }) => {
      const { routes } = manifest;
      if (!routes) return [];
      const runtime = core.runtimes.get(manifest.id);
      return [(depsFor) => ({ id: manifest.id, app: routes(runtime, depsFor(manifest.id)) })];
    }),
    registry: core.registry,
    admin: {
      auth: core.auth,
      credentials: core.credentials,
      log,
      maxBodyBytes: config.maxBodyBytes,
      catalog: options.catalog,
      vendorConnectors: config.connectors.filter((c) => c.manifest.defaultBaseUrl !== undefined).map((c) => c.manifest.id),
      grants: oauth?.grants,
      audit: core.audit,
    },
    metricsText: options.metricsText,
    isShuttingDown: () => shuttingDown,
    oauth,
    audit: recording,
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${hostForUrl}:${port}/mcp`;
  log.info({ url, connectors: config.connectors.map((c) => c.manifest.id), tools: core.registry.tools.length }, 'deskgate listening');
  if (bootstrap.firstAdminKey) options.onFirstKey?.(firstKeyBanner(url, bootstrap.firstAdminKey), bootstrap.firstAdminKey);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shuttingDown = true;
      const httpServer = server as HttpServer;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections?.();
      const grace = setTimeout(() => httpServer.closeAllConnections?.(), config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await mcp.close();
      await oauth?.close();
      await core.close();
      // The spans of the last calls (and of the shutdown) are exported before the process ends.
      await stopTracing().catch((error: unknown) => log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'could not export the last traces'));
      log.info('deskgate stopped');
      log.flush?.();
    })());

  return { core, url, port, firstAdminKey: bootstrap.firstAdminKey, close };
}

/** The collector's URL for the start-up line: no user info, query or fragment (they may hold a token). */
function endpointForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
