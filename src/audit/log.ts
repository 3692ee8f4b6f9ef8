import { randomFillSync } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger } from '../observability/logger';
import type { Db, SqlParam } from '../storage/types';

/**
 * The audit trail: one record per tool call, REST write, admin action,
 * sign-in (success and failure), OAuth consent and revocation, API key and
 * vendor-credential change. `record()` only appends to a buffer (the call
 * path never waits for the database); the buffer is written in one batched
 * INSERT every `flushMs` and on close(), which the gateway's shutdown awaits,
 * so a clean stop (SIGTERM) loses nothing. Records older than the retention
 * are pruned at start and every hour. Optionally each record is also written
 * as a JSON line to stdout or a file (DESKGATE_AUDIT_STREAM), for a SIEM.
 */

export const AUDIT_KINDS = ['tool_call', 'rest', 'admin', 'sign_in', 'oauth_consent', 'oauth_revoke', 'key', 'credential'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditInput {
  kind: AuditKind;
  /** Tool name, `METHOD /route/:pattern`, or a CLI command such as `cli keys create`. */
  action: string;
  /** `ok`, or the error code from src/errors.ts (e.g. `unauthenticated`, `not_found`). */
  outcome: string;
  userId?: string | undefined;
  userEmail?: string | undefined;
  keyId?: string | undefined;
  /** The OAuth client, for calls made with an access token and for consents. */
  clientId?: string | undefined;
  connector?: string | undefined;
  /** Ids of the objects acted on. */
  targets?: Record<string, unknown> | undefined;
  /** The arguments the tool's audit policy keeps (src/audit/policy.ts). */
  args?: Record<string, unknown> | undefined;
  /** Whose vendor account the call acted on, as the tool's result says (`acted_as`). */
  actedAs?: unknown;
  durationMs?: number | undefined;
  /** The id the request's log lines carry (and the x-request-id answer header). */
  requestId?: string | undefined;
  /** The caller's network address (sign-ins). */
  address?: string | undefined;
  /** Defaults to now. */
  at?: Date;
}

/** A stored record, as the API, the CLI and the stream show it. */
export interface AuditRecord {
  id: string;
  at: string;
  kind: AuditKind;
  action: string;
  outcome: string;
  user_id: string | null;
  user_email: string | null;
  key_id: string | null;
  client_id: string | null;
  connector: string | null;
  targets: Record<string, unknown> | null;
  args: Record<string, unknown> | null;
  acted_as: unknown;
  duration_ms: number | null;
  request_id: string | null;
  address: string | null;
}

export interface AuditFilter {
  /** A user id or email (case-insensitive). */
  user?: string | undefined;
  /** An action: a tool name or a route (exact). */
  tool?: string | undefined;
  connector?: string | undefined;
  /** `ok`, `error` (anything else), or one error code. */
  outcome?: string | undefined;
  kind?: AuditKind | undefined;
  /** ISO timestamps, inclusive `since`, exclusive `until`. */
  since?: string | undefined;
  until?: string | undefined;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: string | null;
}

export interface AuditSink {
  record(input: AuditInput): void;
}

export interface AuditLog extends AuditSink {
  readonly enabled: boolean;
  /** Writes the buffered records now. */
  flush(): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter, page?: { limit?: number; cursor?: string }): Promise<AuditPage>;
  /** Deletes records older than the retention; returns how many. */
  prune(now?: Date): Promise<number>;
  /** Flushes, stops the timers, closes the stream. */
  close(): Promise<void>;
}

export interface AuditOptions {
  /** false: record() does nothing (DESKGATE_AUDIT=off). */
  enabled?: boolean;
  retentionDays: number;
  /** `stdout`, `file:/path`, or undefined (database only). */
  stream?: string | undefined;
  flushMs?: number;
  log: Logger;
  /** Prune at start and every this many ms (default one hour); 0: never on a timer. */
  pruneEveryMs?: number;
}

const COLUMNS = [
  'id', 'at', 'kind', 'action', 'outcome', 'user_id', 'user_email', 'key_id', 'client_id',
  'connector', 'targets', 'args', 'acted_as', 'duration_ms', 'request_id', 'address',
] as const;
/**
 * Rows per INSERT statement (16 parameters each), largest first: a flush
 * writes as many of the largest as fit, then the smaller ones, so only these
 * few statements are ever prepared (and stay in the engine's statement cache).
 */
const BATCH_SIZES = [200, 50, 10, 1] as const;
/** Past this many buffered records a flush starts at once instead of waiting for the timer. */
const EAGER_FLUSH = 1000;
const MAX_ACTED_AS_CHARS = 1000;

const clip = (value: string | undefined, max: number) => (value === undefined ? null : value.length > max ? value.slice(0, max) : value);

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Record ids: ULIDs (48-bit time, 80 random bits, Crockford base 32), so ids
 * sort by time and page by `id < cursor`. Monotonic within a process (a
 * second id in the same millisecond is the previous one plus one, so records
 * keep their order), and the randomness comes from a pooled buffer: the
 * `ulid` package's default generator asks the OS for one byte per character,
 * which cost more than the rest of the record together.
 */
export function auditIdFactory(): (now?: number) => string {
  const pool = Buffer.alloc(4096);
  let poolAt = pool.length;
  const random = new Uint8Array(16);
  let lastTime = -1;
  let timePart = '';
  return (now = Date.now()) => {
    if (now > lastTime) {
      lastTime = now;
      let t = now;
      timePart = '';
      for (let i = 0; i < 10; i++) {
        timePart = CROCKFORD[t % 32]! + timePart;
        t = Math.floor(t / 32);
      }
      if (poolAt + 16 > pool.length) {
        randomFillSync(pool);
        poolAt = 0;
      }
      for (let i = 0; i < 16; i++) random[i] = pool[poolAt++]! & 31;
    } else {
      // The same millisecond (or a clock that stepped back): the previous id plus one.
      let i = 15;
      while (i >= 0 && random[i] === 31) random[i--] = 0;
      if (i >= 0) random[i]!++;
    }
    let randomPart = '';
    for (let i = 0; i < 16; i++) randomPart += CROCKFORD[random[i]!]!;
    return timePart + randomPart;
  };
}

/** A buffered record: its INSERT parameters, in COLUMNS order (JSON columns already serialised). */
type PendingRow = SqlParam[];

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const nonEmpty = (value: Record<string, unknown> | undefined) => {
  if (!value) return undefined;
  for (const _ in value) return value;
  return undefined;
};

/** The row for one record, built from values the caller already has; the only new strings are the id, the time and the JSON columns. */
function toRow(input: AuditInput, id: string): PendingRow {
  let actedAs = json(input.actedAs);
  if (actedAs !== null && actedAs.length > MAX_ACTED_AS_CHARS) actedAs = '{"truncated":true}';
  return [
    id,
    (input.at ?? new Date()).toISOString(),
    input.kind,
    input.action.length > 200 ? input.action.slice(0, 200) : input.action,
    input.outcome.length > 64 ? input.outcome.slice(0, 64) : input.outcome,
    clip(input.userId, 64),
    clip(input.userEmail, 254),
    clip(input.keyId, 128),
    clip(input.clientId, 512),
    clip(input.connector, 64),
    json(nonEmpty(input.targets)),
    json(nonEmpty(input.args)),
    actedAs,
    input.durationMs === undefined ? null : Math.round(input.durationMs * 10) / 10,
    clip(input.requestId, 64),
    clip(input.address, 64),
  ];
}

/** A buffered row as the JSON line streamed for a SIEM (the same shape the API and the CLI show). */
function rowJson(row: PendingRow): string {
  const fields = COLUMNS.map((column, i) => {
    const value = row[i];
    // The JSON columns are already JSON text; the rest are strings, numbers or null.
    const text = i >= 10 && i <= 12 ? (value ?? 'null') : JSON.stringify(value ?? null);
    return `"${column}":${text as string}`;
  });
  return `{${fields.join(',')}}`;
}

interface Row {
  [column: string]: unknown;
}

function fromRow(row: Row): AuditRecord {
  const parse = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : null);
  return {
    id: String(row.id),
    at: String(row.at),
    kind: row.kind as AuditKind,
    action: String(row.action),
    outcome: String(row.outcome),
    user_id: (row.user_id as string | null) ?? null,
    user_email: (row.user_email as string | null) ?? null,
    key_id: (row.key_id as string | null) ?? null,
    client_id: (row.client_id as string | null) ?? null,
    connector: (row.connector as string | null) ?? null,
    targets: parse(row.targets) as Record<string, unknown> | null,
    args: parse(row.args) as Record<string, unknown> | null,
    acted_as: parse(row.acted_as),
    duration_ms: row.duration_ms === null || row.duration_ms === undefined ? null : Number(row.duration_ms),
    request_id: (row.request_id as string | null) ?? null,
    address: (row.address as string | null) ?? null,
  };
}

/** The WHERE clause and its parameters for a filter (and an optional cursor). */
export function auditWhere(filter: AuditFilter, cursor?: string): { sql: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  if (filter.user) {
    clauses.push('(user_id = ? OR LOWER(user_email) = ?)');
    params.push(filter.user, filter.user.toLowerCase());
  }
  if (filter.tool) {
    clauses.push('action = ?');
    params.push(filter.tool);
  }
  if (filter.connector) {
    clauses.push('connector = ?');
    params.push(filter.connector);
  }
  if (filter.kind) {
    clauses.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.outcome === 'error') clauses.push("outcome <> 'ok'");
  else if (filter.outcome) {
    clauses.push('outcome = ?');
    params.push(filter.outcome);
  }
  if (filter.since) {
    clauses.push('at >= ?');
    params.push(filter.since);
  }
  if (filter.until) {
    clauses.push('at < ?');
    params.push(filter.until);
  }
  if (cursor) {
    clauses.push('id < ?');
    params.push(cursor);
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export const AUDIT_MAX_PAGE = 500;

export function createAuditLog(db: Db, options: AuditOptions): AuditLog {
  const enabled = options.enabled ?? true;
  const flushMs = options.flushMs ?? 1000;
  const { log } = options;
  let buffer: PendingRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  /** A flush is queued behind `writing` and has not started: another would find nothing more to take. */
  let flushQueued = false;
  let closed = false;
  const nextId = auditIdFactory();
  let stream: WriteStream | NodeJS.WriteStream | undefined;
  if (enabled && options.stream === 'stdout') stream = process.stdout;
  else if (enabled && options.stream?.startsWith('file:')) {
    stream = createWriteStream(options.stream.slice('file:'.length), { flags: 'a', mode: 0o600 });
    stream.on('error', (err) => log.error({ err: { message: err.message } }, 'audit stream file cannot be written'));
  }

  const statements = new Map<number, string>();
  const insertSql = (rows: number) => {
    let sql = statements.get(rows);
    if (!sql) {
      const row = `(${COLUMNS.map(() => '?').join(', ')})`;
      sql = `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
      statements.set(rows, sql);
    }
    return sql;
  };

  /** The statements that write these rows: as many of the largest batch as fit, then the smaller ones. */
  const batches = (rows: PendingRow[]) => {
    const out: { sql: string; params: SqlParam[] }[] = [];
    let at = 0;
    for (const size of BATCH_SIZES) {
      for (; rows.length - at >= size; at += size) {
        const params: SqlParam[] = [];
        for (let i = at; i < at + size; i++) params.push(...rows[i]!);
        out.push({ sql: insertSql(size), params });
      }
    }
    return out;
  };

  /** All of a flush in one transaction: one commit (one WAL write on SQLite, one round trip per statement on PostgreSQL). */
  const insert = async (rows: PendingRow[]) => {
    const statements = batches(rows);
    if (statements.length === 1) {
      await db.run(statements[0]!.sql, statements[0]!.params);
      return;
    }
    await db.transaction(async (tx) => {
      for (const { sql, params } of statements) await tx.run(sql, params);
    });
  };

  /** Writes what is buffered now; flushes run one after another, never two at once, and never reject. */
  const flush = () => {
    if (flushQueued) return writing;
    flushQueued = true;
    writing = writing.then(async () => {
      flushQueued = false;
      if (!buffer.length) return;
      const rows = buffer;
      buffer = [];
      try {
        await insert(rows);
      } catch (err) {
        // Kept for the next flush rather than dropped (the database may be back by then).
        buffer = rows.concat(buffer);
        log.error({ err: { message: (err as Error).message }, records: rows.length }, 'audit records could not be written; kept for the next try');
      }
    });
    return writing;
  };

  const timer = enabled ? setInterval(() => void flush(), flushMs) : undefined;
  timer?.unref();

  const prune = async (now = new Date()) => {
    const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000).toISOString();
    const { changes } = await db.run('DELETE FROM audit_events WHERE at < ?', [cutoff]);
    if (changes) log.info({ pruned: changes, retentionDays: options.retentionDays }, 'old audit records pruned');
    return changes;
  };
  const pruneEvery = options.pruneEveryMs ?? 3_600_000;
  const pruneSafely = () => prune().catch((err: Error) => log.warn({ err: { message: err.message } }, 'audit pruning failed; trying again later'));
  let pruneTimer: NodeJS.Timeout | undefined;
  if (enabled && pruneEvery > 0) {
    void pruneSafely();
    pruneTimer = setInterval(() => void pruneSafely(), pruneEvery);
    pruneTimer.unref();
  }

  return {
    enabled,
    record(input) {
      if (!enabled || closed) return;
      const row = toRow(input, nextId());
      buffer.push(row);
      stream?.write(`${rowJson(row)}\n`);
      if (buffer.length >= EAGER_FLUSH) void flush();
    },
    async flush() {
      await flush();
    },
    async list(filter, page = {}) {
      await flush();
      const limit = Math.min(Math.max(page.limit ?? 100, 1), AUDIT_MAX_PAGE);
      const where = auditWhere(filter, page.cursor);
      const rows = await db.all<Row>(
        `SELECT ${COLUMNS.join(', ')} FROM audit_events${where.sql} ORDER BY id DESC LIMIT ?`,
        [...where.params, limit + 1],
      );
      const items = rows.slice(0, limit).map(fromRow);
      return { items, next_cursor: rows.length > limit ? items.at(-1)!.id : null };
    },
    prune,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      if (pruneTimer) clearInterval(pruneTimer);
      await flush();
      if (buffer.length) log.error({ records: buffer.length }, 'audit records lost at shutdown: the database did not take them');
      if (stream && stream !== process.stdout) await new Promise<void>((resolve) => (stream as WriteStream).end(resolve));
    },
  };
}
