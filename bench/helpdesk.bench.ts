import { connectorServices } from '../tests/support/connector-kit';
/**
 * helpdesk_list_tickets at 100,000 tickets: filters, `q` and each role's
 * scope, through the same wrapper MCP dispatch uses. Seeds with batched
 * multi-row INSERTs in transactions (the service's one-ticket path would take
 * minutes), then times many calls per scenario. Figures are recorded, never
 * asserted. Targets: p95 <= 10 ms on SQLite, <= 20 ms on PostgreSQL.
 *
 *   npx tsx bench/helpdesk.bench.ts            prints the markdown section
 *   DESKGATE_TEST_POSTGRES_URL=... adds PostgreSQL
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { createAuthStore } from '../src/auth/store';
import type { AuthUser, Principal } from '../src/auth/types';
import { executeTool } from '../src/mcp/execute';
import { openDatabase, runMigrations } from '../src/storage';
import { coreMigrations } from '../src/storage/core-migrations';
import type { Db, SqlParam } from '../src/storage/types';
import { helpdeskManifest } from '../connectors/helpdesk/index';
import type { HelpdeskRuntime } from '../connectors/helpdesk/runtime';
import { newId } from '../connectors/helpdesk/service/common';
import { seededRandom } from '../connectors/helpdesk/seeded-random';

const TICKETS = Number(process.env.HELPDESK_BENCH_TICKETS ?? 100_000);
const ITERATIONS = Number(process.env.HELPDESK_BENCH_ITERATIONS ?? 300);
const BATCH = 500;
const silent = pino({ level: 'silent' });

const SUBJECTS = [
  'Laptop battery drains fast', 'Printer jams on every job', 'VPN disconnects', 'Outlook asks for password',
  'Second monitor not detected', 'Cannot open spreadsheet', 'Account locked', 'Need access to finance share',
  'Heating off on floor 3', 'Projector broken in meeting room', 'Keyboard keys stuck', 'Phone mail not syncing',
];
const WORDS = (
  'the a my our since after before when during please urgent again still broken slow crash error screen battery ' +
  'charger cable dock network wifi password login account printer toner paper scanner driver update install license ' +
  'meeting room projector heating light desk chair office floor kitchen badge door parking invoice finance report ' +
  'spreadsheet email calendar phone mobile sync vpn token certificate server backup restore folder share access'
).split(' ');


interface World {
  runtime: HelpdeskRuntime;
  admin: AuthUser;
  staff: AuthUser;
  user: AuthUser;
}

async function seed(db: Db): Promise<World> {
  const store = createAuthStore(db, { cacheTtlMs: 0, log: silent });
  const runtime = await helpdeskManifest.start(
    {},
    { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 10_000, minRole: 'user', credentials: 'shared' },
    connectorServices('helpdesk', { db, log: silent, users: store }),
  );
  const service = runtime.service;
  const ensure = async (email: string, role: AuthUser['role']) => (await store.ensureUser({ email, name: email.split('@')[0]!, role })).user;
  const admin = await ensure('admin@bench.test', 'admin');
  const staff = await ensure('staff@bench.test', 'staff');
  const staffOthers = [staff, await ensure('staff2@bench.test', 'staff'), await ensure('staff3@bench.test', 'staff')];
  const submitters: AuthUser[] = [];
  for (let i = 0; i < 200; i++) submitters.push(await ensure(`user${i}@bench.test`, 'user'));
  const user = submitters[0]!;

  const categories: { id: string; types: string[] }[] = [];
  for (const name of ['Hardware', 'Software', 'Access', 'Facilities', 'Finance', 'HR']) {
    const c = await service.catalog.createCategory(admin, { name });
    const types: string[] = [];
    for (const t of ['General', 'Laptop', 'Printer', 'Network']) {
      types.push((await service.catalog.createCategory(admin, { name: `${name} ${t}`, parent_id: c.id })).id);
    }
    categories.push({ id: c.id, types });
  }
  const group = await service.groups.create(admin, { name: 'Bench IT' });
  await service.groups.setMembers(admin, group.id, [staff.id]);
  await service.groups.addScope(admin, group.id, { category_id: categories[0]!.id });
  await service.groups.addScope(admin, group.id, { category_id: categories[1]!.id, type_id: categories[1]!.types[1]! });

  const statuses = await service.catalog.listStatuses();
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const year = new Date().getUTCFullYear();
  const start = Date.now() - 365 * 24 * 3600 * 1000;
  const columns =
    '(id, tracking_number, subject, description, category_id, type_id, item_id, priority, status_id, assignee_id, group_id, submitter_id, created_at, updated_at, resolved_at, closed_at)';
  for (let done = 0; done < TICKETS; done += BATCH) {
    const rows = Math.min(BATCH, TICKETS - done);
    const params: SqlParam[] = [];
    for (let i = 0; i < rows; i++) {
      const n = done + i + 1;
      const category = pick(categories);
      const at = new Date(start + (n / TICKETS) * 365 * 24 * 3600 * 1000).toISOString();
      const words = Array.from({ length: 20 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ');
      const assigned = random() < 0.3 ? pick(staffOthers).id : null;
      params.push(
        newId(), `HD-${year}-${String(n).padStart(6, '0')}`, `${pick(SUBJECTS)} ${pick(WORDS)}`, words,
        category.id, random() < 0.8 ? pick(category.types) : null, null,
        pick(['Critical', 'High', 'Medium', 'Medium', 'Low']), pick(statuses).id,
        assigned, random() < 0.2 ? group.id : null, pick(submitters).id, at, at, null, null,
      );
    }
    const values = Array.from({ length: rows }, () => `(${Array.from({ length: 16 }, () => '?').join(', ')})`).join(', ');
    await db.transaction((tx) => tx.run(`INSERT INTO helpdesk_tickets ${columns} VALUES ${values}`, params));
  }
  await db.run('INSERT INTO helpdesk_counters (name, value) VALUES (?, ?)', [`tracking:${year}`, TICKETS]);
  // Fresh statistics, as a database that has been running a while would have.
  await db.run('ANALYZE');
  return { runtime, admin, staff, user };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Row {
  scenario: string;
  p50: number;
  p95: number;
  p99: number;
  items: number;
}

async function measure(world: World): Promise<Row[]> {
  const tool = helpdeskManifest.tools.find((t) => t.name === 'helpdesk_list_tickets')!;
  const principal = (user: AuthUser): Principal => ({ user, key: { id: 'bench', name: 'bench', connectors: undefined, readOnly: false } });
  const scenarios: [string, AuthUser, Record<string, unknown>][] = [
    ['admin, no filter', world.admin, {}],
    ['admin, status + priority', world.admin, { status: 'In Progress', priority: 'High' }],
    ['admin, category "Software"', world.admin, { category: 'software' }],
    ['admin, q "printer"', world.admin, { q: 'printer' }],
    ['admin, q "vpn token" + status', world.admin, { q: 'vpn token', status: 'New' }],
    ['admin, q three words "certificate restore backup"', world.admin, { q: 'certificate restore backup' }],
    ['staff (group scope), q "battery"', world.staff, { q: 'battery' }],
    ['staff (group scope), status Pending, limit 100', world.staff, { status: 'Pending', limit: 100 }],
    ['user (own tickets), q "login"', world.user, { q: 'login' }],
    ['admin, q no match "zebra"', world.admin, { q: 'zebra' }],
  ];
  const rows: Row[] = [];
  for (const [scenario, who, args] of scenarios) {
    const ctx = { principal: principal(who), runtime: world.runtime, log: silent, requestId: 'bench', signal: new AbortController().signal };
    let items = 0;
    for (let i = 0; i < 20; i++) await executeTool(tool, 'helpdesk', args, ctx); // warm caches and prepared statements
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      const { result, error } = await executeTool(tool, 'helpdesk', args, ctx);
      times.push(performance.now() - started);
      if (error) throw new Error(`${scenario}: ${error.message}`);
      items = (result.structuredContent!.items as unknown[]).length;
    }
    times.sort((a, b) => a - b);
    rows.push({ scenario, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), items });
  }
  return rows;
}

async function onEngine(engine: 'sqlite' | 'postgres', url: string | undefined): Promise<string> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'deskgate-bench-'));
    db = await openDatabase(`sqlite:${join(dir, 'bench.db')}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = await openDatabase(url!, { searchPath: schema });
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    };
  }
  try {
    await runMigrations(db, [...coreMigrations, ...(helpdeskManifest.migrations ?? [])]);
    const seedStarted = performance.now();
    const world = await seed(db);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const rows = await measure(world);
    const target = engine === 'sqlite' ? 10 : 20;
    const worst = Math.max(...rows.map((r) => r.p95));
    const lines = [
      `#### ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (seeded ${TICKETS.toLocaleString('en')} tickets in ${seedSeconds.toFixed(1)} s; ${ITERATIONS} calls per scenario)`,
      '',
      '| scenario | items | p50 ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.scenario} | ${r.items} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`),
      '',
      `Worst p95 ${worst.toFixed(2)} ms against a target of ${target} ms: ${worst <= target ? 'met' : 'NOT met'}.`,
      '',
    ];
    return lines.join('\n');
  } finally {
    await db.close();
    await cleanup();
  }
}

export async function run(): Promise<string> {
  const url = process.env.DESKGATE_TEST_POSTGRES_URL;
  const sections = [
    '### Help desk: helpdesk_list_tickets at 100,000 tickets',
    '',
    `Measured in-process through the tool wrapper (argument validation, scope, query, name joins, output). Node ${process.version}.`,
    '',
    await onEngine('sqlite', undefined),
  ];
  sections.push(url ? await onEngine('postgres', url) : 'PostgreSQL: skipped (set DESKGATE_TEST_POSTGRES_URL).\n');
  return sections.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (section) => console.log(section),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
