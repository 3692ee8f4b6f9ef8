import { invalidArgument } from '../errors';
import type { Logger } from '../observability/logger';
import { tracer } from '../observability/tracing';
import { canRunScripts, splitStatements } from './internal';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import { tracedDb } from './traced';
import type { Db, Migration, Queryable } from './types';

export type { Db, Engine, Migration, Queryable, RunResult, SqlParam } from './types';
export { isUniqueViolation } from './errors';

export interface OpenDatabaseOptions {
  log?: Logger;
  /** PostgreSQL only: `search_path` for every connection. */
  searchPath?: string;
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
}

const ACCEPTED_FORMS =
  'sqlite:<path> (e.g. sqlite:./data/deskgate.db), sqlite::memory:, or postgres://user:password@host:5432/dbname (postgresql:// also works)';

/**
 * Opens the database a URL names. The URL may hold a password, so no error
 * here repeats it: only its scheme. With tracing on, each query and
 * transaction is a span (./traced.ts).
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Db> {
  const db = await openUntraced(url, options);
  const active = tracer();
  return active ? tracedDb(db, active) : db;
}

async function openUntraced(url: string, options: OpenDatabaseOptions): Promise<Db> {
  const trimmed = url.trim();
  if (trimmed === 'sqlite::memory:') return openSqlite({ path: ':memory:' });
  if (trimmed.startsWith('sqlite:')) {
    // "sqlite:///abs/path" (the SQLAlchemy habit) means "/abs/path".
    let path = trimmed.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (!path) throw badUrl('sqlite: needs a file path after it');
    return openSqlite({ path });
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    return openPostgres({ url: trimmed, ...options });
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw badUrl(scheme ? `the scheme "${scheme}:" is not supported` : 'it has no recognised scheme');
}

function badUrl(reason: string) {
  return invalidArgument(`The database URL is not usable: ${reason}.`, {
    connector: 'core',
    hint: `Set it to one of: ${ACCEPTED_FORMS}.`,
  });
}

const MIGRATION_ID = /^[a-z][a-z0-9_-]*\/[A-Za-z0-9_.-]+$/;

/** Any fixed number: PostgreSQL advisory locks are keyed by a bigint the whole database shares. */
const MIGRATION_LOCK_KEY = 7_245_190_331;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in the
 * order given (core first, then each connector's). Each one runs in its own
 * transaction together with its record, so a failure leaves it unapplied and
 * the next start tries again. On PostgreSQL every migration transaction
 * first takes a transaction-scoped advisory lock and re-checks the record, so
 * two replicas starting at once never apply the same migration twice; on
 * SQLite BEGIN IMMEDIATE already serialises writers across processes.
 */
export async function runMigrations(db: Db, migrations: readonly Migration[]): Promise<{ applied: string[] }> {
  const seen = new Set<string>();
  for (const migration of migrations) {
    if (!MIGRATION_ID.test(migration.id)) {
      throw new Error(`Migration id "${migration.id}" must be namespaced as "<owner>/<name>", e.g. "core/001_users".`);
    }
    if (seen.has(migration.id)) throw new Error(`Migration id "${migration.id}" is listed twice.`);
    seen.add(migration.id);
  }

  const lockIfShared = async (tx: Queryable) => {
    if (tx.engine !== 'postgres') return;
    // Transactions are SERIALIZABLE, whose snapshot is taken before the lock
    // wait ends and would hide the other replica's record; READ COMMITTED
    // takes a fresh snapshot per statement, so the re-check after the lock sees it.
    await tx.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await tx.get('SELECT pg_advisory_xact_lock(?) AS locked', [MIGRATION_LOCK_KEY]);
  };

  // Concurrent CREATE TABLE IF NOT EXISTS can still collide on PostgreSQL's catalog, hence the lock.
  await db.transaction(async (tx) => {
    await lockIfShared(tx);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  });

  const alreadyApplied = new Set(
    (await db.all<{ id: string }>('SELECT id FROM schema_migrations')).map((row) => row.id),
  );
  const applied: string[] = [];
  for (const migration of migrations) {
    if (alreadyApplied.has(migration.id)) continue;
    const ran = await db.transaction(async (tx) => {
      await lockIfShared(tx);
      if (await tx.get('SELECT id FROM schema_migrations WHERE id = ?', [migration.id])) return false;
      const script = typeof migration.sql === 'string' ? migration.sql : migration.sql[tx.engine];
      if (canRunScripts(tx)) {
        await tx.execScript(script);
      } else {
        for (const statement of splitStatements(script)) await tx.run(statement);
      }
      await tx.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', [migration.id, new Date().toISOString()]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return { applied };
}
