import pg from 'pg';
import type { Logger } from '../observability/logger';
import type { Db, Queryable, RunResult, SqlParam } from './types';
import { outerDbInsideTransaction, TransactionMarker, type ScriptRunner } from './internal';

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE_SQLSTATES = new Set(['40001' /* serialization_failure */, '40P01' /* deadlock_detected */]);
const MAX_TRANSACTION_ATTEMPTS = 40;

export interface PostgresOptions {
  url: string;
  /** Sets `search_path` for every pooled connection (the tests' per-file schemas use it). */
  searchPath?: string;
  poolSize?: number;
  log?: Logger;
}

/**
 * COUNT(*) and BIGINT come back from pg as strings (they may exceed 2^53);
 * our counts and ids never do, and SQLite returns numbers, so both engines
 * answer the same. NUMERIC (e.g. SUM over BIGINT) likewise becomes a number.
 */
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Rewrites `?` placeholders to `$1..$n`. It is a plain scan: a `?` inside a
 * SQL string literal or a comment would be rewritten too, so write such
 * literals as parameters instead (and PostgreSQL's JSONB `?` operators are
 * not usable; use `jsonb_exists()` or portable SQL).
 */
export function toPositional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** "postgres://host:5432/db": the URL without user, password or query string. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port || '5432';
    return `postgres://${parsed.hostname}:${port}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function bind(params: readonly SqlParam[] | undefined): unknown[] {
  if (!params) return [];
  // Booleans are stored as INTEGER 0/1 on both engines.
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : typeof p === 'bigint' ? p.toString() : p));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function openPostgres(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: typeParsers,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle pooled client losing its connection emits 'error'; unhandled, it would end the process.
  pool.on('error', (error) => options.log?.warn({ err: { message: error.message } }, 'idle PostgreSQL connection failed'));

  const positional = new Map<string, string>();
  const rewrite = (sql: string): string => {
    let text = positional.get(sql);
    if (text === undefined) {
      text = toPositional(sql);
      if (positional.size > 1000) positional.clear();
      positional.set(sql, text);
    }
    return text;
  };

  type Runner = Pick<pg.Pool, 'query'> | pg.PoolClient;
  const queryOn = (runner: Runner) => ({
    async all<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
      const result = await runner.query(rewrite(sql), bind(params));
      return result.rows as T[];
    },
    async get<T>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined> {
      const result = await runner.query(rewrite(sql), bind(params));
      return result.rows[0] as T | undefined;
    },
    async run(sql: string, params?: readonly SqlParam[]): Promise<RunResult> {
      const result = await runner.query(rewrite(sql), bind(params));
      return { changes: result.rowCount ?? 0 };
    },
  });

  const openTransaction = new TransactionMarker();
  const onPool = queryOn(pool);
  const outside = <T>(work: () => Promise<T>): Promise<T> =>
    openTransaction.inside() ? Promise.reject(outerDbInsideTransaction()) : work();

  /**
   * One attempt on a dedicated client. SERIALIZABLE gives the same answers
   * SQLite's single writer gives (read-then-write code does not lose
   * updates); the price is that PostgreSQL may abort a conflicting attempt,
   * which `transaction` then runs again.
   */
  async function attempt<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const state = { open: true };
    const runner = queryOn(client);
    const guard = <R>(work: () => Promise<R>): Promise<R> =>
      state.open ? work() : Promise.reject(new Error('This transaction has already finished; use it only inside its callback.'));
    const tx: Queryable & ScriptRunner = {
      engine: 'postgres',
      all: (sql, params) => guard(() => runner.all(sql, params)),
      get: (sql, params) => guard(() => runner.get(sql, params)),
      run: (sql, params) => guard(() => runner.run(sql, params)),
      // Without parameters pg uses the simple protocol, which accepts several statements.
      execScript: (sql) => guard(async () => void (await client.query(sql))),
    };
    // A client whose state we cannot vouch for is destroyed rather than returned to the pool.
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const result = await openTransaction.run(state, () => fn(tx));
      state.open = false;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      state.open = false;
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        unusable = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(unusable);
    }
  }

  return {
    engine: 'postgres',
    description: describePostgresUrl(options.url),
    all: (sql, params) => outside(() => onPool.all(sql, params)),
    get: (sql, params) => outside(() => onPool.get(sql, params)),
    run: (sql, params) => outside(() => onPool.run(sql, params)),

    /**
     * Runs `fn` again (up to 40 attempts, with jittered backoff) when
     * PostgreSQL aborts it for a serialization conflict or a deadlock, so
     * keep side effects other than SQL outside `fn`.
     */
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return outside(async () => {
        for (let attemptNumber = 1; ; attemptNumber++) {
          try {
            return await attempt(fn);
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if (typeof code !== 'string' || !RETRYABLE_SQLSTATES.has(code) || attemptNumber >= MAX_TRANSACTION_ATTEMPTS) throw error;
            await sleep(Math.random() * Math.min(50, 2 * attemptNumber));
          }
        }
      });
    },

    ping: () => outside(async () => void (await pool.query('SELECT 1'))),
    close: () => pool.end(),
  };
}
