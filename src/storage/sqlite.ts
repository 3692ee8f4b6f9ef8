import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, Queryable, RunResult, SqlParam } from './types';
import { outerDbInsideTransaction, TransactionMarker, type ScriptRunner } from './internal';

/** How long a write waits for another process (e.g. the CLI) holding the file lock. */
const BUSY_TIMEOUT_MS = 5_000;
/** Prepared statements kept per connection; preparing is the costly part of a small query. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A FIFO async mutex. better-sqlite3 runs every statement synchronously on
 * one connection, so a transaction that awaits between statements would let
 * any other caller's statement slip into it (and be committed or rolled back
 * with it). The transaction holds this lock for its whole duration and every
 * other call waits for it.
 */
class AsyncLock {
  private tail: Promise<void> = Promise.resolve();
  private holders = 0;

  get idle(): boolean {
    return this.holders === 0;
  }

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.holders++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    return previous.then(fn).finally(() => {
      this.holders--;
      release();
    });
  }
}

/** better-sqlite3 takes no booleans; the PostgreSQL side stores them as INTEGER 0/1 too. */
function bind(params: readonly SqlParam[] | undefined): unknown[] {
  if (!params) return [];
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export interface SqliteOptions {
  /** `:memory:` or a file path; the parent directory is created. */
  path: string;
}

export function openSqlite(options: SqliteOptions): Db {
  const memory = options.path === ':memory:';
  const file = memory ? ':memory:' : resolve(options.path);
  if (!memory) mkdirSync(dirname(file), { recursive: true });

  const connection = new Database(file);
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!memory) connection.pragma('journal_mode = WAL');
  // WAL + NORMAL is durable against application crashes and only risks the
  // last transactions on power loss, which is the usual trade for a gateway.
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
    }
    return statement;
  };

  const direct = {
    all<T>(sql: string, params?: readonly SqlParam[]): T[] {
      return prepare(sql).all(...bind(params)) as T[];
    },
    get<T>(sql: string, params?: readonly SqlParam[]): T | undefined {
      return prepare(sql).get(...bind(params)) as T | undefined;
    },
    run(sql: string, params?: readonly SqlParam[]): RunResult {
      return { changes: prepare(sql).run(...bind(params)).changes };
    },
  };

  const lock = new AsyncLock();
  /** Marks the async context of an open transaction, so misuse fails loudly instead of waiting for itself forever. */
  const openTransaction = new TransactionMarker();
  let closed = false;

  const outside = <T>(work: () => T): Promise<T> => {
    if (openTransaction.inside()) return Promise.reject(outerDbInsideTransaction());
    if (closed) return Promise.reject(new Error('The database is closed.'));
    // Fast path: nobody holds the lock, so the synchronous statement cannot interleave with anything.
    if (lock.idle) {
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return lock.run(work);
  };

  const db: Db = {
    engine: 'sqlite',
    description: memory ? 'sqlite::memory:' : `sqlite:${options.path}`,
    all: (sql, params) => outside(() => direct.all(sql, params)),
    get: (sql, params) => outside(() => direct.get(sql, params)),
    run: (sql, params) => outside(() => direct.run(sql, params)),

    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      if (openTransaction.inside()) throw outerDbInsideTransaction();
      if (closed) throw new Error('The database is closed.');
      return lock.run(async () => {
        const state = { open: true };
        const guard = <R>(work: () => R): Promise<R> => {
          if (!state.open) return Promise.reject(new Error('This transaction has already finished; use it only inside its callback.'));
          try {
            return Promise.resolve(work());
          } catch (error) {
            return Promise.reject(error);
          }
        };
        const tx: Queryable & ScriptRunner = {
          engine: 'sqlite',
          all: (sql, params) => guard(() => direct.all(sql, params)),
          get: (sql, params) => guard(() => direct.get(sql, params)),
          run: (sql, params) => guard(() => direct.run(sql, params)),
          execScript: (sql) => guard(() => void connection.exec(sql)),
        };
        connection.exec('BEGIN IMMEDIATE');
        try {
          const result = await openTransaction.run(state, () => fn(tx));
          state.open = false;
          connection.exec('COMMIT');
          return result;
        } catch (error) {
          state.open = false;
          // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
          if (connection.inTransaction) connection.exec('ROLLBACK');
          throw error;
        }
      });
    },

    ping: () => outside(() => void direct.get('SELECT 1 AS ok')),

    async close(): Promise<void> {
      if (closed) return;
      await lock.run(() => {
        closed = true;
        statements.clear();
        connection.close();
      });
    },
  };
  return db;
}
