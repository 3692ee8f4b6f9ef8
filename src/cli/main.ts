import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AUDIT_KINDS, AUDIT_MAX_PAGE, type AuditKind } from '../audit/log';
import { ROLES, type Role } from '../auth/types';
import { isClusterWorker, runPrimary, runWorker } from '../cluster';
import { ConfigError, loadConfig, type Env } from '../config/config';
import { runAssumptions, type AssumptionRow } from '../doctor/assumptions';
import { createLogger } from '../observability/logger';
import { bootstrapKeys, firstKeyBanner, openGateway, startGateway, type GatewayCore } from '../gateway';
import { createGrantStore } from '../oauth/grants';
import { connectorCatalog } from '../registry/catalog';
import { o200kTokenizer, surfaceBudget } from '../registry/budget';
import { ToolRegistry } from '../registry/registry';
import { CliUsageError, credentialsCommand, secretCommand } from './credentials';
import { budgetMarkdown, budgetTable, renderTable, toolsetLines, toolTableMarkdown, toolTableRows } from './tables';

const USAGE = `deskgate — one MCP URL for your help desk and time-tracking tools

Usage: deskgate <command> [options]     (from the project: npx deskgate … or npm run deskgate -- …)

  serve                          Start the gateway (default: http://127.0.0.1:8787/mcp)
  migrate                        Bring the database schema up to date and create the first admin key if none exists,
                                 then exit (a release step before replicas start; serve does the same at start)
  keys create --email E --role user|staff|admin --name N [--connectors a,b] [--toolsets c:t,c2] [--read-only]
                                 Create an API key (and the user if new); the key is the last line of stdout
  keys list                      List API keys (never their secrets)
  keys revoke ID                 Revoke a key (every worker and replica within 1 s)
  audit [--user U] [--tool T] [--connector C] [--outcome ok|error|CODE] [--kind K] [--since T] [--until T] [--limit N] [--json]
                                 The audit trail, newest first (T: ISO date/time or 30m, 24h, 7d ago); --json: JSON lines
  grants list [--email E]        List OAuth grants (apps a user signed in to, e.g. Claude, ChatGPT)
  grants revoke ID               Revoke a grant: the app's tokens stop working on its next call
  tools [--all] [--markdown]     Print the enabled tool table and toolsets (--all: every connector, as in the README)
  tools --budget [--markdown]    Tools and model-visible tokens per connector and toolset, enabled and with everything on
                                 (--markdown: the README's summary; run it with every connector's key set)
  tools --as EMAIL|KEY_ID        What that caller sees, and why each other tool is hidden
  credentials set C --email E    Link a user's own vendor key for connector C (read from stdin or a prompt)
  credentials list [--email E]   Linked vendor keys (connector, created, last used, last 4 characters)
  credentials remove C --email E Unlink it;  credentials test C --email E  checks it against the vendor
  secret generate                Print a new DESKGATE_SECRET_KEY (encrypts personal vendor keys)
  doctor                         Check configuration, database and each enabled connector's credentials
  doctor --deep [connector]      Check every vendor assumption live (read-only; --write-check, --json)
  <connector> <command>          Connector commands, e.g. "helpdesk seed-demo"

Configuration comes from the environment (and ./.env if present); see .env.example.`;

const UsageError = CliUsageError;

function print(line = '') {
  process.stdout.write(`${line}\n`);
}

async function withCore<T>(env: Env, fn: (core: GatewayCore) => Promise<T>): Promise<T> {
  const core = await openGateway({ env, catalog: connectorCatalog });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function serveCommand(env: Env) {
  if (isClusterWorker()) return runWorker({ env, catalog: connectorCatalog });
  const config = loadConfig(env, connectorCatalog);
  if (config.workers > 1) {
    return runPrimary({
      env,
      catalog: connectorCatalog,
      workers: config.workers,
      log: createLogger(config.logLevel),
      onFirstKey: (banner) => process.stderr.write(`${banner}\n`),
    });
  }
  const gateway = await startGateway({
    env,
    catalog: connectorCatalog,
    onFirstKey: (banner) => process.stderr.write(`${banner}\n`),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.core.log.info({ signal }, 'shutting down: finishing in-flight calls');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.core.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * `deskgate migrate`: what `serve` does before it listens (migrations, the
 * first admin key), once, then exit. A deployment runs it as a release step
 * (Kubernetes init container, compose one-shot service) so replicas start on
 * an up-to-date schema; two of them at once are safe (migrations take a
 * PostgreSQL advisory lock, see runMigrations).
 */
async function migrateCommand(env: Env) {
  await withCore(env, async (core) => {
    const applied = core.migrationsApplied;
    print(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}.` : 'The database schema is up to date.');
    const { firstAdminKey } = await bootstrapKeys(core);
    if (firstAdminKey) {
      const { config } = core;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
      const base = config.oauth?.publicUrl ?? `http://${host}:${config.port}`;
      process.stderr.write(`${firstKeyBanner(`${base}/mcp`, firstAdminKey)}\n`);
    }
  });
}

/** `2026-12-01`, `2026-12-01T09:00:00Z`, or an age such as `30m`, `24h`, `7d` → an ISO instant. */
export function parseWhen(value: string, option: string, now = Date.now()): string {
  const age = /^(\d+)([mhd])$/.exec(value.trim());
  if (age) return new Date(now - Number(age[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 'm' | 'h' | 'd']).toISOString();
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new UsageError(`${option}: expected an ISO date or time (2026-12-01, 2026-12-01T09:00:00Z) or an age (30m, 24h, 7d), got "${value}"`);
  return new Date(parsed).toISOString();
}

async function auditCommand(env: Env, argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' },
      tool: { type: 'string' },
      connector: { type: 'string' },
      outcome: { type: 'string' },
      kind: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError('--limit: expected a whole number from 1 to 100000');
  if (values.kind !== undefined && !(AUDIT_KINDS as readonly string[]).includes(values.kind)) {
    throw new UsageError(`--kind: expected one of ${AUDIT_KINDS.join(', ')}`);
  }
  const filter = {
    user: values.user,
    tool: values.tool,
    connector: values.connector,
    outcome: values.outcome,
    kind: values.kind as AuditKind | undefined,
    since: values.since === undefined ? undefined : parseWhen(values.since, '--since'),
    until: values.until === undefined ? undefined : parseWhen(values.until, '--until'),
  };
  await withCore(env, async (core) => {
    const records = [];
    let cursor: string | undefined;
    while (records.length < limit) {
      const page = await core.audit.list(filter, { limit: Math.min(AUDIT_MAX_PAGE, limit - records.length), cursor });
      records.push(...page.items);
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    if (values.json) {
      for (const record of records) print(JSON.stringify(record));
      return;
    }
    if (!records.length) {
      print('No audit records match.');
      return;
    }
    const brief = (v: Record<string, unknown> | null) => (v ? Object.entries(v).map(([k, x]) => `${k}=${Array.isArray(x) ? x.join(',') : String(x)}`).join(' ') : '-');
    print(
      renderTable(
        ['at', 'kind', 'user', 'key', 'action', 'connector', 'outcome', 'ms', 'targets', 'request'],
        records.map((r) => [
          r.at,
          r.kind,
          r.user_email ?? r.user_id ?? r.address ?? '-',
          r.key_id ?? r.client_id ?? '-',
          r.action,
          r.connector ?? '-',
          r.outcome,
          r.duration_ms === null ? '-' : String(Math.round(r.duration_ms)),
          brief(r.targets),
          r.request_id ?? '-',
        ]),
      ),
    );
  });
}

async function keysCommand(env: Env, argv: string[]) {
  const [sub, ...rest] = argv;
  if (sub === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        connectors: { type: 'string' },
        toolsets: { type: 'string' },
        'read-only': { type: 'boolean', default: false },
      },
      strict: true,
    });
    const problems: string[] = [];
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) problems.push('--email: expected an email address');
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) problems.push(`--role: expected one of ${ROLES.join(', ')}`);
    if (!values.name?.trim()) problems.push('--name: expected a name for the key, e.g. "alice-laptop"');
    const connectors = values.connectors?.split(',').map((s) => s.trim()).filter(Boolean);
    const known = connectorCatalog.map((m) => m.id);
    for (const id of connectors ?? []) if (!known.includes(id)) problems.push(`--connectors: unknown connector "${id}"; known: ${known.join(', ')}`);
    const toolsets = values.toolsets?.split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of toolsets ?? []) {
      const [connectorId, toolset] = entry.split(':');
      const manifest = connectorCatalog.find((m) => m.id === connectorId);
      if (!manifest) problems.push(`--toolsets: "${entry}" names no connector; known: ${known.join(', ')}`);
      else if (toolset !== undefined && !manifest.toolsets.some((t) => t.id === toolset)) {
        problems.push(`--toolsets: ${connectorId} has no toolset "${toolset}"; it has ${manifest.toolsets.map((t) => t.id).join(', ')}`);
      }
    }
    if (problems.length) throw new UsageError(problems.join('\n'));
    await withCore(env, async (core) => {
      const { user, created, roleChanged } = await core.auth.ensureUser({
        email: values.email!,
        name: values.email!.split('@')[0]!,
        role: values.role as Role,
      });
      if (created) print(`Created user ${user.email} (${user.role}).`);
      else if (roleChanged) print(`User ${user.email} now has role ${user.role}.`);
      const { key, secret } = await core.auth.createKey({
        userId: user.id,
        name: values.name!.trim(),
        connectors,
        toolsets,
        readOnly: values['read-only'],
      });
      const limits = [connectors && `connectors: ${connectors.join(', ')}`, toolsets && `toolsets: ${toolsets.join(', ')}`, values['read-only'] && 'read-only']
        .filter(Boolean)
        .join('; ');
      core.audit.record({ kind: 'key', action: 'cli keys create', outcome: 'ok', connector: 'core', targets: { key_id: key.id, user_id: user.id } });
      print(`Created key ${key.id} "${key.name}" for ${user.email}${limits ? ` (${limits})` : ''}. It is shown only once:`);
      print(secret);
    });
    return;
  }
  if (sub === 'list') {
    await withCore(env, async (core) => {
      const keys = await core.auth.listKeys();
      print(
        renderTable(
          ['id', 'name', 'prefix', 'user', 'role', 'connectors', 'toolsets', 'read-only', 'created', 'last used', 'revoked'],
          keys.map((k) => [
            k.id,
            k.name,
            k.prefix,
            k.user.email,
            k.user.role,
            k.connectors?.join(',') ?? 'all',
            k.toolsets?.join(',') ?? 'all',
            k.readOnly ? 'yes' : 'no',
            k.createdAt,
            k.lastUsedAt ?? '-',
            k.revokedAt ?? '-',
          ]),
        ),
      );
    });
    return;
  }
  if (sub === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('keys revoke: give the key id (see `deskgate keys list`)');
    await withCore(env, async (core) => {
      const revoked = await core.auth.revokeKey(id);
      core.audit.record({ kind: 'key', action: 'cli keys revoke', outcome: revoked ? 'ok' : 'not_found', connector: 'core', targets: { key_id: id } });
      if (revoked) print(`Revoked key ${id}: refused on every worker and replica sharing this database within 1 s.`);
      else throw new UsageError(`No active key with id ${id} (see \`deskgate keys list\`).`);
    });
    return;
  }
  throw new UsageError('keys: expected create, list or revoke');
}

async function grantsCommand(env: Env, argv: string[]) {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } }, strict: true });
    await withCore(env, async (core) => {
      const grants = await createGrantStore(core.db).list({ email: values.email });
      print(
        renderTable(
          ['id', 'user', 'client', 'scopes', 'created', 'last used'],
          grants.map((g) => [g.id, g.userEmail, g.clientName, g.scopes.join(' '), g.createdAt, g.lastUsedAt ?? '-']),
        ),
      );
    });
    return;
  }
  if (sub === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('grants revoke: give the grant id (see `deskgate grants list`)');
    await withCore(env, async (core) => {
      const revoked = await createGrantStore(core.db).revoke(id);
      core.audit.record({ kind: 'oauth_revoke', action: 'cli grants revoke', outcome: revoked ? 'ok' : 'not_found', connector: 'core', targets: { grant_id: id } });
      if (revoked) print(`Revoked grant ${id}: its tokens are refused from the next call on.`);
      else throw new UsageError(`No active grant with id ${id} (see \`deskgate grants list\`).`);
    });
    return;
  }
  throw new UsageError('grants: expected list or revoke');
}

async function toolsCommand(env: Env, argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { all: { type: 'boolean' }, markdown: { type: 'boolean' }, budget: { type: 'boolean' }, as: { type: 'string' } },
  });
  if (values.as !== undefined) return toolsAsCommand(env, values.as);
  if (values.all && !values.budget) {
    print(values.markdown ? toolTableMarkdown(connectorCatalog) : renderTable(['tool', 'access', 'toolset'], toolTableRows(connectorCatalog)));
    return;
  }
  // What `serve` would list: the same configuration and registry, no database needed.
  const config = loadConfig(env, connectorCatalog);
  const registry = new ToolRegistry(config.connectors, config.readOnly);
  if (values.budget) {
    const budget = surfaceBudget(await o200kTokenizer(), connectorCatalog, registry);
    print(values.markdown ? budgetMarkdown(budget) : budgetTable(budget));
    return;
  }
  const rows = registry.tools.map((t) => [t.name, t.access, `${t.connector}/${t.toolset}`]);
  print(renderTable(['tool', 'access', 'toolset'], rows));
  print(`\n${rows.length} tools from ${config.connectors.map((c) => c.manifest.id).join(', ')}.`);
  for (const line of toolsetLines(config.connectors)) print(line);
}

/** `deskgate tools --as`: what one caller sees through the policy, and why each other tool is hidden. */
async function toolsAsCommand(env: Env, who: string) {
  await withCore(env, async (core) => {
    const keys = await core.auth.listKeys();
    const key = keys.find((k) => k.id === who) ?? keys.find((k) => !k.revokedAt && k.user.email === who.trim().toLowerCase());
    if (!key) throw new UsageError(`No key with id ${who} and no user ${who} with an active key (see \`deskgate keys list\`).`);
    const principal = {
      user: key.user,
      key: { id: key.id, name: key.name, connectors: key.connectors, toolsets: key.toolsets, readOnly: key.readOnly },
    };
    const rows = core.registry.explain(principal).map((t) => [t.name, t.hidden ? 'hidden' : 'visible', `${t.connector}/${t.toolset}`, t.minRole, t.hidden ? `${t.hidden.kind}: ${t.hidden.detail}` : '']);
    print(`As ${key.user.email} (${key.user.role}) with key ${key.id} "${key.name}"${key.revokedAt ? ' (REVOKED: every call is refused)' : ''}:`);
    print(renderTable(['tool', 'status', 'toolset', 'min role', 'why hidden'], rows));
    print(`\n${rows.filter((r) => r[1] === 'visible').length} of ${rows.length} tools visible.`);
  });
}

/**
 * `doctor --deep [connector] [--json] [--write-check]`: every vendor
 * assumption of each enabled connector, checked live with its shared key.
 * Exit 1 when one that a default toolset relies on differs.
 */
async function deepDoctorCommand(env: Env, argv: string[]) {
  const json = argv.includes('--json');
  const writeCheck = argv.includes('--write-check');
  const only = argv.find((a) => !a.startsWith('--'));
  await withCore(env, async (core) => {
    const enabled = core.config.connectors.filter(({ manifest }) => manifest.assumptions?.length && (!only || manifest.id === only));
    if (only && !enabled.length) throw new UsageError(`${only} is not an enabled connector with vendor assumptions (enabled: ${core.config.connectors.map((c) => c.manifest.id).join(', ')}).`);
    const rows: AssumptionRow[] = [];
    for (const { manifest } of enabled) {
      const defaults = new Set(manifest.tools.filter((t) => manifest.toolsets.find((ts) => ts.id === t.toolset)?.default).map((t) => t.name));
      rows.push(...(await runAssumptions(manifest.id, manifest.assumptions!, core.runtimes.get(manifest.id), { log: core.log, writeCheck, defaultTools: defaults })));
    }
    if (json) {
      for (const row of rows) print(JSON.stringify(row));
    } else {
      for (const { manifest } of enabled) {
        const own = rows.filter((r) => r.connector === manifest.id);
        print(`\n${manifest.title}: ${own.filter((r) => r.outcome === 'holds').length} hold, ${own.filter((r) => r.outcome === 'differs').length} differ, ${own.filter((r) => r.outcome === 'could_not_check').length} could not be checked`);
        print(renderTable(['assumption', 'confidence', 'result', 'evidence', 'tools affected'], own.map((r) => [r.id, r.confidence, r.outcome === 'differs' && r.affectsDefaults ? 'DIFFERS' : r.outcome, r.evidence, r.tools.join(', ') || '(none: informational)'])));
      }
      print('\nSend this table (or --json) to the gateway maintainers: it holds no keys and no personal data.');
    }
    if (rows.some((r) => r.outcome === 'differs' && r.affectsDefaults)) process.exitCode = 1;
  });
}

async function doctorCommand(env: Env, argv: string[] = []) {
  if (argv.includes('--deep')) return deepDoctorCommand(env, argv.filter((a) => a !== '--deep'));
  const rows: string[][] = [];
  let failed = false;
  let core: GatewayCore | undefined;
  try {
    core = await openGateway({ env, catalog: connectorCatalog });
    rows.push(['configuration', 'ok', `${core.config.connectors.length} connectors, ${core.registry.tools.length} tools`]);
    await core.db.ping();
    rows.push(['database', 'ok', core.db.description]);
    for (const { manifest } of core.config.connectors) {
      const result = await manifest.healthCheck(core.runtimes.get(manifest.id)).catch((error: unknown) => ({
        ok: false,
        detail: error instanceof Error && error.name === 'GatewayError' ? error.message : 'health check failed unexpectedly',
      }));
      if (!result.ok) failed = true;
      rows.push([`connector ${manifest.id}`, result.ok ? 'ok' : 'FAIL', result.detail]);
    }
  } catch (error) {
    failed = true;
    if (error instanceof ConfigError) rows.push(['configuration', 'FAIL', error.problems.join('; ')]);
    else rows.push(['startup', 'FAIL', error instanceof Error ? error.message : String(error)]);
  } finally {
    await core?.close();
  }
  print(renderTable(['check', 'status', 'detail'], rows));
  if (failed) process.exitCode = 1;
}

async function connectorCommand(env: Env, id: string, argv: string[]) {
  const manifest = connectorCatalog.find((m) => m.id === id)!;
  const [name, ...rest] = argv;
  const command = name ? manifest.commands?.[name] : undefined;
  if (!command) {
    const available = Object.entries(manifest.commands ?? {}).map(([n, c]) => `  ${id} ${n}  ${c.description}`);
    throw new UsageError(available.length ? `Commands for ${id}:\n${available.join('\n')}` : `${id} has no commands.`);
  }
  await withCore(env, async (core) => {
    if (!core.runtimes.has(id)) throw new UsageError(`Connector ${id} is not enabled (DESKGATE_CONNECTORS).`);
    await command.run(core.runtimes.get(id), rest, print);
  });
}

export async function main(argv: string[], env: Env): Promise<void> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(env);
    case 'migrate':
      return migrateCommand(env);
    case 'keys':
      return keysCommand(env, rest);
    case 'grants':
      return grantsCommand(env, rest);
    case 'audit':
      return auditCommand(env, rest);
    case 'tools':
      return toolsCommand(env, rest);
    case 'doctor':
      return doctorCommand(env, rest);
    case 'credentials':
      return credentialsCommand(rest, (fn) => withCore(env, fn), print);
    case 'secret':
      return secretCommand(rest, print);
    case 'help':
    case '--help':
    case '-h':
      print(USAGE);
      return;
    default:
      if (connectorCatalog.some((m) => m.id === command)) return connectorCommand(env, command, rest);
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

function loadDotEnv() {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

// main.ts through tsx, main.js from the build (dist/src/cli/main.js), or the bin script.
const isEntry = process.argv[1] && /(cli[/\\]main\.(ts|js)|bin[/\\]deskgate(\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  loadDotEnv();
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`deskgate: cannot start, the configuration is invalid:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
    } else if (error instanceof UsageError || (error instanceof Error && error.name === 'TypeError' && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`deskgate: ${error.message}\n`);
    } else {
      process.stderr.write(`deskgate: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(error instanceof ConfigError || error instanceof UsageError ? 2 : 1);
  });
}
