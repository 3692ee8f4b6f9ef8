/**
 * Run a test suite on every database engine the gateway supports.
 *
 *   import { forEachEngine } from '../support/databases';
 *
 *   forEachEngine((engine) => {
 *     let db: Db;
 *     beforeEach(async () => { db = await engine.open(myMigrations); });
 *     afterEach(() => db.close());
 *     it('stores a ticket', async () => { ... });
 *   });
 *
 * Each `open()` gives a brand-new empty database with the core migrations
 * plus the ones passed in already applied:
 * - SQLite, always: a file in a fresh temp directory, deleted on close().
 * - PostgreSQL, when DESKGATE_TEST_POSTGRES_URL is set (scripts/ci/postgres.sh
 *   prints it): a fresh schema `test_<random>` that every pooled connection
 *   uses as its search_path, dropped on close(). Test files running in
 *   parallel therefore never see each other's rows.
 * When the variable is unset the PostgreSQL suite shows up as skipped, with
 * the reason in its name, rather than passing silently.
 * Databases a test forgets to close are closed after the suite.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { openDatabase, runMigrations } from '../../src/storage';
import { coreMigrations } from '../../src/storage/core-migrations';
import type { Db, Engine, Migration } from '../../src/storage/types';

export const POSTGRES_URL_VARIABLE = 'DESKGATE_TEST_POSTGRES_URL';

export interface TestEngine {
  engine: Engine;
  /** Why this engine is skipped here, or undefined when it runs. */
  skipReason: string | undefined;
  /** A fresh, empty, migrated database; close() deletes it. */
  open(migrations?: readonly Migration[]): Promise<Db>;
  /** Same, without any migration (not even the core ones). */
  openEmpty(): Promise<Db>;
}

const openDatabases = new Set<Db>();

function tracked(db: Db, cleanup: () => Promise<void> | void): Db {
  let closing: Promise<void> | undefined;
  const wrapped: Db = {
    engine: db.engine,
    description: db.description,
    all: (sql, params) => db.all(sql, params),
    get: (sql, params) => db.get(sql, params),
    run: (sql, params) => db.run(sql, params),
    transaction: (fn) => db.transaction(fn),
    ping: () => db.ping(),
    close: () =>
      (closing ??= (async () => {
        openDatabases.delete(wrapped);
        try {
          await db.close();
        } finally {
          await cleanup();
        }
      })()),
  };
  openDatabases.add(wrapped);
  return wrapped;
}

async function openSqliteForTest(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'deskgate-test-'));
  const db = await openDatabase(`sqlite:${join(dir, 'test.db')}`);
  return tracked(db, () => rmSync(dir, { recursive: true, force: true }));
}

async function openPostgresForTest(url: string): Promise<Db> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase(url, { searchPath: schema, poolSize: 8 });
  return tracked(db, async () => {
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    try {
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await dropper.end();
    }
  });
}

/** The engines to run a suite on, in a fixed order: SQLite, then PostgreSQL. */
export function testDatabases(): TestEngine[] {
  const postgresUrl = process.env[POSTGRES_URL_VARIABLE];
  const make = (engine: Engine, skipReason: string | undefined, openEmpty: () => Promise<Db>): TestEngine => ({
    engine,
    skipReason,
    openEmpty,
    async open(migrations = []) {
      const db = await openEmpty();
      try {
        // Passing coreMigrations again is harmless.
        const extra = migrations.filter((m) => !coreMigrations.some((core) => core.id === m.id));
        await runMigrations(db, [...coreMigrations, ...extra]);
      } catch (error) {
        await db.close();
        throw error;
      }
      return db;
    },
  });
  return [
    make('sqlite', undefined, openSqliteForTest),
    make(
      'postgres',
      postgresUrl ? undefined : `set ${POSTGRES_URL_VARIABLE} to run (scripts/ci/postgres.sh prints it)`,
      () => (postgresUrl ? openPostgresForTest(postgresUrl) : Promise.reject(new Error(`${POSTGRES_URL_VARIABLE} is not set`))),
    ),
  ];
}

/** Declares `suite` once per engine, as `describe('on sqlite')` / `describe('on postgres')`, skipping visibly. */
export function forEachEngine(suite: (engine: TestEngine) => void): void {
  for (const engine of testDatabases()) {
    const title = engine.skipReason ? `on ${engine.engine} (skipped: ${engine.skipReason})` : `on ${engine.engine}`;
    describe.skipIf(engine.skipReason !== undefined)(title, () => {
      suite(engine);
      afterAll(async () => {
        await Promise.all([...openDatabases].filter((db) => db.engine === engine.engine).map((db) => db.close()));
      });
    });
  }
}
