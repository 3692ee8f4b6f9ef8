import { failSpan, SpanKind, type Attributes, type Tracer } from '../observability/tracing';
import { canRunScripts } from './internal';
import type { Db, Queryable, SqlParam } from './types';

/**
 * The database with a span per query and per transaction (queries inside a
 * transaction are its children), used only when tracing is on (see
 * openDatabase). A span names the operation and the table and carries the
 * SQL as written, with its `?` placeholders: never a parameter value.
 */
export function tracedDb(db: Db, tracer: Tracer): Db {
  const system = db.engine === 'postgres' ? 'postgresql' : 'sqlite';
  /** Span name and attributes per statement text, worked out once (the statements are constants). */
  const described = new Map<string, Described>();
  const traced = <T>(sql: string, work: () => Promise<T>): Promise<T> => {
    let found = described.get(sql);
    if (!found) {
      found = describe(sql, system);
      if (described.size >= MAX_DESCRIBED) described.clear();
      described.set(sql, found);
    }
    const { name, attributes } = found;
    return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        return await work();
      } catch (error) {
        failSpan(span, sqlStateOf(error));
        throw error;
      } finally {
        span.end();
      }
    });
  };
  const queries = (q: Queryable) => ({
    all: <T>(sql: string, params?: readonly SqlParam[]) => traced(sql, () => q.all<T>(sql, params)),
    get: <T>(sql: string, params?: readonly SqlParam[]) => traced(sql, () => q.get<T>(sql, params)),
    run: (sql: string, params?: readonly SqlParam[]) => traced(sql, () => q.run(sql, params)),
  });
  const wrapTx = (tx: Queryable): Queryable => {
    const wrapped: Queryable = { engine: tx.engine, ...queries(tx) };
    // Migrations run whole scripts on a transaction that can: keep that ability, traced as one span.
    if (canRunScripts(tx)) return Object.assign(wrapped, { execScript: (sql: string) => traced('SCRIPT migration', () => tx.execScript(sql)) });
    return wrapped;
  };
  return {
    engine: db.engine,
    description: db.description,
    ...queries(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      tracer.startActiveSpan('transaction', { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system } }, async (span) => {
        try {
          return await db.transaction((tx) => fn(wrapTx(tx)));
        } catch (error) {
          failSpan(span, sqlStateOf(error));
          throw error;
        } finally {
          span.end();
        }
      }),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

interface Described {
  name: string;
  attributes: Attributes;
}
const MAX_DESCRIBED = 1000;
const MAX_QUERY_TEXT = 2000;

/** Span name and attributes for a statement. */
function describe(sql: string, system: string): Described {
  const operation = /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'QUERY';
  const table = /\b(?:FROM|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+"?([A-Za-z_][\w.]*)/i.exec(sql)?.[1];
  const attributes: Attributes = {
    'db.system.name': system,
    'db.operation.name': operation,
    'db.query.text': sql.length > MAX_QUERY_TEXT ? `${sql.slice(0, MAX_QUERY_TEXT)}…` : sql,
  };
  if (table) attributes['db.collection.name'] = table;
  return { name: table ? `${operation} ${table}` : operation, attributes };
}

/** PostgreSQL's SQLSTATE or SQLite's error code; never the message (it may quote a value). */
function sqlStateOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'db_error';
}
