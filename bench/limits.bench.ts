/**
 * The per-call cost of the per-key limits (src/http/limits.ts) on each
 * LimitStore: what a tool call spends in them (a token for the request and
 * an in-flight slot, decided together; the slot given back), in this process's memory
 * (SQLite, one process) and shared through PostgreSQL (every worker and
 * replica). Run alone with `npm run bench -- --limits-only`; part of
 * `npm run bench` otherwise.
 *
 *   DESKGATE_TEST_POSTGRES_URL=... adds PostgreSQL
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { CallLimits } from '../src/http/limits';
import { createMemoryLimitStore, createPostgresLimitStore, type LimitStore } from '../src/limits/index';
import { coreMigrations } from '../src/storage/core-migrations';
import { openDatabase, runMigrations } from '../src/storage/index';

const CALLS = Number(process.env.LIMITS_BENCH_CALLS ?? 3000);
const KEYS = 50;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Figures {
  p50: number;
  p99: number;
  /** Calls/s through the limits alone, 10 in flight. */
  tenRps: number;
}

async function measure(store: LimitStore | (() => Promise<unknown>)): Promise<Figures> {
  const one = typeof store === 'function' ? store : perCall(store);
  for (let i = 0; i < 200; i++) await one(i); // warm-up: connections, JIT
  const latencies: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await one(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < CALLS) await one(next++);
    }),
  );
  const tenRps = CALLS / ((performance.now() - began) / 1000);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), tenRps };
}

function perCall(store: LimitStore) {
  // The default concurrency (20 per key) and a rate high enough that every call is admitted: what is measured is the decision itself.
  const limits = new CallLimits({ rate: { calls: 1_000_000, periodMs: 60_000 }, concurrency: 20 }, Date.now, undefined, { store });
  // As a tool call is admitted (src/mcp/endpoint.ts): the token and the slot in one decision, then the slot given back.
  return async (i: number) => {
    const admitted = await limits.admitCall(`bench-${i % KEYS}`);
    await admitted.release?.();
  };
}

export async function run(): Promise<string> {
  const url = process.env.DESKGATE_TEST_POSTGRES_URL;
  const memory = await measure(createMemoryLimitStore());
  let shared: Figures | undefined;
  let roundTrip: Figures | undefined;
  if (url) {
    const schema = `bench_limits_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = await openDatabase(url, { searchPath: schema });
    try {
      await runMigrations(db, coreMigrations);
      shared = await measure(createPostgresLimitStore(db));
      roundTrip = await measure(() => db.get('SELECT 1 AS one'));
    } finally {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.end();
    }
  }
  const fmt = (n: number, digits = 3) => n.toFixed(digits);
  const row = (name: string, f: Figures) => `| ${name} | ${fmt(f.p50)} | ${fmt(f.p99)} | ${Math.round(f.tenRps)} |`;
  return [
    '### Per-key limits: in memory and shared through PostgreSQL',
    '',
    `What one tool call spends in the per-key limits (src/http/limits.ts): a token from the key's rate bucket and an in-flight slot (one decision), the slot given back; ${CALLS} calls over ${KEYS} keys, in-process, DESKGATE_KEY_CONCURRENCY at its default (20) and a rate high enough that every call is admitted. In memory: SQLite, one process. Shared: the PostgreSQL store (src/limits/postgres.ts), two statements per call on the local server (the admission, token and slot in one, and the release), which is what every worker and replica on one database pay. Node ${process.version}. Latency in ms.`,
    '',
    '| Store | sequential p50 | sequential p99 | calls/s through the limits, 10 in flight |',
    '|---|---:|---:|---:|',
    row('in memory (SQLite, one process)', memory),
    shared ? row('shared through PostgreSQL', shared) : '| shared through PostgreSQL | skipped (set DESKGATE_TEST_POSTGRES_URL) | | |',
    ...(roundTrip ? [row('for scale: one PostgreSQL round trip (SELECT 1), same pool', roundTrip)] : []),
    ...(shared && roundTrip
      ? ['', `Shared limits add ${fmt(shared.p50 - memory.p50)} ms to a call at p50 (${fmt(shared.p50 / roundTrip.p50, 1)} × a bare SELECT 1 on the same pool: two writing statements under row locks). Load average when this section began: ${loadavg().map((x) => x.toFixed(1)).join(' / ')}.`]
      : []),
  ].join('\n');
}
