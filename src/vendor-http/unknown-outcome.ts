import { createHash } from 'node:crypto';
import { GatewayError } from '../errors';
import type { Logger } from '../observability/logger';
import type { Db } from '../storage/types';

/**
 * Never double-book after an unknown outcome (issue #19 item 4). A create
 * whose answer never reached the caller (a timeout or 5xx after sending, a
 * dropped connection: GatewayError.outcomeUnknown; or, for a local store, a
 * caller gone or out of time after the commit) may have been saved. The
 * next identical create within 10 minutes first asks whether it exists and
 * returns it (duplicate_of_recent: true) instead of creating another.
 * Used by Clockify time entries, OneDesk worklogs and help desk tickets.
 *
 * The marks live in the gateway's database (table recent_creates, both
 * engines), so the retry is checked whichever worker or replica it reaches:
 * the model's retry after a 504 on one replica, sent to another, finds the
 * mark there. A mark is a one-way hash of (who acts at the vendor, which
 * create, the normalised fields that make it the same record), its state
 * and the record's id: never the body's text, never a secret.
 */

export const RECENT_CREATE_TTL_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
/** A database that does not answer is logged at most this often. */
const WARN_EVERY_MS = 10_000;

/**
 * `unknown`: a create whose outcome is unknown; `created`: a create that
 * succeeded (the 10-minute duplicate guard), `ref` its record's id.
 */
export interface CreateMark {
  state: 'unknown' | 'created';
  ref: string | null;
}

/** A row's state: a create's mark, or a remembered value. */
type StoredState = CreateMark['state'] | 'value';

/** The marks of one connector's recent creates, for 10 minutes. */
export interface RecentCreates {
  /** `database`: shared by every process on the gateway's database; `memory`: this process (unit tests). */
  readonly kind: 'database' | 'memory';
  /** The live mark under this key. When the database does not answer: an `unknown` mark, so the caller asks the vendor first. */
  get(key: string): Promise<CreateMark | undefined>;
  /** Sets (or replaces) the mark, for 10 minutes from now. */
  mark(key: string, state: CreateMark['state'], ref?: string | null): Promise<void>;
  /** The caller has seen the record: a later identical create is a new one. */
  clear(key: string): Promise<void>;
  /** The record was deleted or edited: a later identical create is a new one. */
  forgetRef(ref: string): Promise<void>;
  /**
   * A small value kept for 10 minutes under a key, for what makes a repeat
   * the same create (e.g. the interval "45m" was read as): instants or ids,
   * never free text. Undefined when unknown or the database does not answer.
   */
  recall(key: string): Promise<string | undefined>;
  remember(key: string, value: string): Promise<void>;
}

/**
 * The key of "the same create": a SHA-256 of the parts (who acts at the
 * vendor, which create, the normalised fields that make it the same record).
 * Only the hash is stored.
 */
export function createKey(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Marks in this process's memory: for unit tests of a connector (the gateway always uses the database). */
export function createMemoryRecentCreates(now: () => number = Date.now, ttlMs = RECENT_CREATE_TTL_MS): RecentCreates {
  const marks = new Map<string, { state: StoredState; ref: string | null; expires: number }>();
  const live = (key: string) => {
    const mark = marks.get(key);
    if (mark && mark.expires <= now()) marks.delete(key);
    return marks.get(key);
  };
  const put = async (key: string, state: StoredState, ref: string | null) => {
    for (const [k, m] of marks) if (m.expires <= now()) marks.delete(k);
    marks.delete(key);
    marks.set(key, { state, ref, expires: now() + ttlMs });
    if (marks.size > 5000) marks.delete(marks.keys().next().value!);
  };
  return {
    kind: 'memory',
    async get(key) {
      const mark = live(key);
      return mark && mark.state !== 'value' ? { state: mark.state, ref: mark.ref } : undefined;
    },
    mark: (key, state, ref = null) => put(key, state, ref),
    async clear(key) {
      marks.delete(key);
    },
    async forgetRef(ref) {
      for (const [k, m] of marks) if (m.ref === ref && m.state !== 'value') marks.delete(k);
    },
    async recall(key) {
      const mark = live(key);
      return mark?.state === 'value' ? (mark.ref ?? undefined) : undefined;
    },
    remember: (key, value) => put(key, 'value', value),
  };
}

/**
 * Marks in the gateway's database (core/recent_creates_001), on SQLite and
 * PostgreSQL alike: every worker sharing the SQLite file and every replica on
 * the PostgreSQL database sees them. Expiry is this process's clock plus 10
 * minutes (a few seconds of clock skew between replicas do not matter at
 * that scale); expired rows are ignored at once and deleted at most once a
 * minute per process, after a mark. Creates are rare next to reads, so one indexed read
 * per create and one write per create is all it costs.
 */
export function createDbRecentCreates(
  db: Db,
  scope: string,
  options: { log?: Logger; now?: () => number; ttlMs?: number; pruneEveryMs?: number } = {},
): RecentCreates {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? RECENT_CREATE_TTL_MS;
  const pruneEveryMs = options.pruneEveryMs ?? PRUNE_EVERY_MS;
  let lastPrune = 0;
  let lastWarn = 0;
  const warn = (error: unknown, what: string) => {
    if (now() - lastWarn < WARN_EVERY_MS) return;
    lastWarn = now();
    options.log?.warn({ err: { message: (error as Error).message }, scope }, `recent creates: ${what} failed (the database did not answer)`);
  };
  const prune = async () => {
    if (now() - lastPrune < pruneEveryMs) return;
    lastPrune = now();
    await db.run('DELETE FROM recent_creates WHERE expires_ms <= ?', [now()]).catch((error: unknown) => warn(error, 'pruning'));
  };
  const put = async (key: string, state: StoredState, ref: string | null) => {
    try {
      await db.run(
        `INSERT INTO recent_creates (create_key, scope, state, ref, expires_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (create_key) DO UPDATE SET scope = excluded.scope, state = excluded.state, ref = excluded.ref, expires_ms = excluded.expires_ms`,
        [key, scope, state, ref, now() + ttlMs],
      );
    } catch (error) {
      warn(error, 'writing a mark');
      return;
    }
    await prune();
  };
  return {
    kind: 'database',
    async get(key) {
      try {
        const row = await db.get<{ state: string; ref: string | null }>("SELECT state, ref FROM recent_creates WHERE create_key = ? AND expires_ms > ? AND state <> 'value'", [key, now()]);
        if (!row) return undefined;
        return { state: row.state === 'created' ? 'created' : 'unknown', ref: row.ref ?? null };
      } catch (error) {
        // Not knowing whether an identical create is pending is itself an unknown: ask the vendor.
        warn(error, 'reading a mark');
        return { state: 'unknown', ref: null };
      }
    },
    mark: (key, state, ref = null) => put(key, state, ref),
    async clear(key) {
      await db.run('DELETE FROM recent_creates WHERE create_key = ?', [key]).catch((error: unknown) => warn(error, 'clearing a mark'));
    },
    async forgetRef(ref) {
      await db.run("DELETE FROM recent_creates WHERE scope = ? AND ref = ? AND state <> 'value'", [scope, ref]).catch((error: unknown) => warn(error, 'forgetting a record'));
    },
    async recall(key) {
      try {
        const row = await db.get<{ ref: string | null }>("SELECT ref FROM recent_creates WHERE create_key = ? AND expires_ms > ? AND state = 'value'", [key, now()]);
        return row?.ref ?? undefined;
      } catch (error) {
        warn(error, 'reading a value');
        return undefined;
      }
    },
    remember: (key, value) => put(key, 'value', value),
  };
}

/** The error for a create whose outcome is unknown: retrying the same call is safe, and says why. */
export function unknownOutcomeError(error: GatewayError, what: { vendor: string; thing: string }): GatewayError {
  return new GatewayError(error.code, `${error.message} ${what.vendor} may or may not have saved the ${what.thing}; retry the same call (it is safe) rather than guess.`, {
    connector: error.connector,
    vendorStatus: error.vendorStatus,
    retryable: true,
    outcomeUnknown: true,
    hint: `Call the same tool again with the same arguments within 10 minutes: it is safe. The gateway first asks ${what.vendor} whether the ${what.thing} was saved and returns it (duplicate_of_recent: true) instead of creating it twice. Do not change the arguments to "make sure", and do not guess whether it was saved.`,
  });
}

export interface CreateOnce<T> {
  marks: RecentCreates;
  /** createKey(...) of this create. */
  key: string;
  /** The record this create would have made, if it exists already (asked only after a mark). */
  findSaved: () => Promise<T | undefined>;
  create: () => Promise<T>;
  vendor: string;
  thing: string;
  /** Create without asking first (the caller said a duplicate is wanted). */
  skipCheck?: boolean;
  /** For a local store: true when the caller went away or ran out of time, so the answer may never reach it. */
  callerGone?: () => boolean;
  /**
   * The 10-minute duplicate guard: a created (or found) record's id, marked
   * `created` so an identical create within 10 minutes, on any process,
   * returns it. Without it only unknown outcomes are marked.
   */
  refOf?: (value: T) => string | null;
  /** This process's copy of a record it created, by id: returned without asking the vendor. */
  cached?: (ref: string) => T | undefined;
}

/** Runs `create` unless an identical one of unknown outcome (or a guarded success) was saved; see the file comment. */
export async function createOnce<T>(o: CreateOnce<T>): Promise<{ value: T; duplicateOfRecent: boolean }> {
  if (!o.skipCheck) {
    const mark = await o.marks.get(o.key);
    if (mark) {
      const local = mark.state === 'created' && mark.ref !== null ? o.cached?.(mark.ref) : undefined;
      const saved = local ?? (await o.findSaved());
      if (saved !== undefined) {
        if (o.refOf && !local) await o.marks.mark(o.key, 'created', o.refOf(saved));
        return { value: saved, duplicateOfRecent: true };
      }
    }
  }
  let value: T;
  try {
    value = await o.create();
  } catch (error) {
    if (!(error instanceof GatewayError) || !error.outcomeUnknown) throw error;
    await o.marks.mark(o.key, 'unknown');
    throw unknownOutcomeError(error, o);
  }
  if (o.callerGone?.()) await o.marks.mark(o.key, 'unknown');
  else if (o.refOf) await o.marks.mark(o.key, 'created', o.refOf(value));
  return { value, duplicateOfRecent: false };
}
