/**
 * One query layer over two real engines. SQL is written once with `?`
 * placeholders and portable types (TEXT, INTEGER, BIGINT, REAL); the
 * PostgreSQL driver rewrites placeholders to $1..$n. Where the dialects
 * really differ a migration gives both texts.
 */
export type Engine = 'sqlite' | 'postgres';

export type SqlParam = string | number | bigint | boolean | null;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Queryable {
  readonly engine: Engine;
  /** All rows. Column names come back as written in the SELECT (use snake_case aliases). */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** First row or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** INSERT/UPDATE/DELETE. */
  run(sql: string, params?: readonly SqlParam[]): Promise<RunResult>;
}

export interface Db extends Queryable {
  /**
   * Runs `fn` in one transaction (BEGIN IMMEDIATE on SQLite, a dedicated
   * pooled client on PostgreSQL). It commits when `fn` resolves and rolls
   * back when it throws. Use the `tx` handed in, never the outer Db, inside.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Human description without credentials, e.g. "sqlite:./data/deskgate.db" or "postgres://host:5432/db". */
  readonly description: string;
}

/**
 * A schema change. `id` is global and sorts in application order within its
 * owner ("core", or a connector id); applied ids are recorded in
 * `schema_migrations` and never run twice.
 */
export interface Migration {
  id: string;
  /** Statements separated by `;` at line ends, or one text per engine. */
  sql: string | { sqlite: string; postgres: string };
}
