import { randomBytes } from 'node:crypto';
import type { Logger } from '../observability/logger';
import type { Db } from '../storage/types';
import type { CallAdmission, LimitStore } from './store';

/**
 * The limit counts in PostgreSQL (tables from core/limits_001_shared, UNLOGGED:
 * counts are not worth a WAL write, and a crash that empties them only
 * forgives what was counted). Every decision is one statement on the
 * database's clock, so replicas whose clocks differ still agree:
 *
 * - take: an INSERT … ON CONFLICT DO UPDATE of the bucket's row refills and
 *   takes in one step. ON CONFLICT locks the row and computes the new value
 *   from its latest version, so two processes taking at once are served one
 *   after the other and the last token goes to exactly one of them.
 * - acquire: a slot row (bucket, slot number) with a lease; a free or expired
 *   slot number is claimed by INSERT … ON CONFLICT DO UPDATE WHERE expired,
 *   which two claimants of the same number cannot both pass. A process that
 *   dies keeps its slots only until their lease ends.
 * - takeAndAcquire (a tool call's admission): the two statements above as
 *   one, the slot claim a data-modifying CTE that runs only when the take
 *   returned a token. Both happen in the one statement, so a refused token
 *   never holds a slot. Only when no slot was claimed (all held, or a
 *   claimant of the same number won) does the ordinary acquire path follow
 *   (count, retry), so the answer is the one `take` then `acquire` gives.
 * - eventsWait/addEvent: one row per event (failed sign-ins: rare).
 * - reserve: the bucket's next send time, moved on by one statement.
 * - admit: the bucket's last `limit` send times in one array; a send is
 *   appended only while the oldest of them is out of the window, under the
 *   row's lock.
 *
 * Old rows are pruned at most once a minute, after a decision, off the call path.
 *
 * Placeholders are PostgreSQL's own ($1…): the Db layer rewrites only `?`.
 */
const NOW = `(extract(epoch FROM clock_timestamp()) * 1000)`;
const PRUNE_EVERY_MS = 60_000;
/** Decisions made without the database are logged at most this often. */
const WARN_EVERY_MS = 10_000;

export const POSTGRES_LIMIT_TABLES = ['limit_buckets', 'limit_slots', 'limit_events', 'limit_paces', 'limit_sends'] as const;

export function createPostgresLimitStore(db: Db, options: { log?: Logger; /** Test hook (default a minute). */ pruneEveryMs?: number } = {}): LimitStore {
  if (db.engine !== 'postgres') throw new Error('createPostgresLimitStore needs a PostgreSQL database');
  const pruneEveryMs = options.pruneEveryMs ?? PRUNE_EVERY_MS;
  let lastPrune = Date.now();
  let lastWarn = 0;

  const prune = () => {
    if (Date.now() - lastPrune < pruneEveryMs) return;
    lastPrune = Date.now();
    void (async () => {
      await db.run(`DELETE FROM limit_buckets WHERE full_ms < ${NOW}`);
      await db.run(`DELETE FROM limit_slots WHERE expires_ms < ${NOW}`);
      await db.run(`DELETE FROM limit_events WHERE expires_ms < ${NOW}`);
      await db.run(`DELETE FROM limit_paces WHERE next_ms < ${NOW} - 60000`);
      await db.run(`DELETE FROM limit_sends WHERE last_ms < ${NOW} - 60000`);
    })().catch((error: unknown) => options.log?.warn({ err: { message: (error as Error).message } }, 'pruning the shared limit counts failed'));
  };

  /**
   * A limit the database cannot answer is not enforced for that call (the
   * gateway keeps serving through a database blip; keys are checked from
   * their cache meanwhile), and said in the log.
   */
  const orOpen = async <T>(what: string, work: () => Promise<T>, open: T): Promise<T> => {
    try {
      const result = await work();
      prune();
      return result;
    } catch (error) {
      if (Date.now() - lastWarn > WARN_EVERY_MS) {
        lastWarn = Date.now();
        options.log?.warn({ err: { message: (error as Error).message }, limit: what }, 'shared limit not checked: the database did not answer; the call was let through');
      }
      return open;
    }
  };

  /**
   * Claims a free or expired slot number (random order makes two claimants of
   * one number rare), answering it; `p` names the parameters (bucket, limit,
   * holder, lease), `from`/`when` join and gate it (the combined admission).
   */
  const claimSql = (p: [string, string, string, string], from = '', when = '') => `INSERT INTO limit_slots AS l (bucket, slot, holder, expires_ms)
               SELECT ${p[0]}, s, ${p[2]}, ${NOW} + ${p[3]}::float8
                 FROM ${from}generate_series(0, ${p[1]}::int - 1) AS s
                WHERE ${when}NOT EXISTS (SELECT 1 FROM limit_slots h WHERE h.bucket = ${p[0]} AND h.slot = s AND h.expires_ms > ${NOW})
                ORDER BY random() LIMIT 1
               ON CONFLICT (bucket, slot) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
                WHERE l.expires_ms <= ${NOW}
               RETURNING slot`;
  const CLAIM = claimSql(['$1', '$2', '$3', '$4']);

  /** Refills the bucket and takes a token when there is one; $1 bucket, $2 capacity, $3 tokens per ms. */
  const level = `LEAST($2::float8, b.tokens + GREATEST(0, ${NOW} - b.at_ms) * $3::float8)`;
  const TAKE = `INSERT INTO limit_buckets AS b (bucket, tokens, at_ms, full_ms, ok)
             VALUES ($1, $2::float8 - 1, ${NOW}, ${NOW} + 1 / $3::float8, 1)
             ON CONFLICT (bucket) DO UPDATE SET
               tokens = CASE WHEN ${level} >= 1 THEN ${level} - 1 ELSE ${level} END,
               ok = CASE WHEN ${level} >= 1 THEN 1 ELSE 0 END,
               at_ms = GREATEST(b.at_ms, ${NOW}),
               full_ms = ${NOW} + ($2::float8 - (CASE WHEN ${level} >= 1 THEN ${level} - 1 ELSE ${level} END)) / $3::float8
             RETURNING ok, tokens`;

  /**
   * The take and the claim in one statement: the claim ($4 slot bucket, $5
   * limit, $6 holder, $7 lease) selects from the take's answer, so it runs
   * only when a token was taken.
   */
  const TAKE_AND_CLAIM = `WITH taken AS (${TAKE}),
    claimed AS (${claimSql(['$4', '$5', '$6', '$7'], 'taken, ', 'taken.ok = 1 AND ')})
    SELECT taken.ok, taken.tokens, (SELECT slot FROM claimed) AS slot FROM taken`;

  const releaseOf = (bucket: string, slot: number, holder: string) => {
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await db.run('DELETE FROM limit_slots WHERE bucket = $1 AND slot = $2 AND holder = $3', [bucket, slot, holder]).catch(() => undefined);
    };
  };

  /** Claims a slot (after `tried` claims that found none): up to 5 tries, stopping once every slot is live. */
  const claim = async (bucket: string, limit: number, leaseMs: number, holder: string, tried: number) => {
    for (let attempt = tried; attempt < 5; attempt++) {
      if (attempt > 0) {
        const live = await db.get<{ n: number }>(`SELECT count(*) AS n FROM limit_slots WHERE bucket = $1 AND expires_ms > ${NOW}`, [bucket]);
        if (Number(live?.n ?? 0) >= limit) return undefined;
      }
      const row = await db.get<{ slot: number }>(CLAIM, [bucket, limit, holder, leaseMs]);
      if (row) return releaseOf(bucket, Number(row.slot), holder);
    }
    return undefined;
  };

  return {
    kind: 'postgres',

    take: (bucket, capacity, periodMs) =>
      orOpen(
        'rate',
        async () => {
          const row = await db.get<{ ok: number | boolean; tokens: number }>(TAKE, [bucket, capacity, capacity / periodMs]);
          const ok = Number(row?.ok) === 1;
          return { ok, retryAfterMs: ok ? 0 : (1 - Number(row?.tokens ?? 0)) / (capacity / periodMs) };
        },
        { ok: true, retryAfterMs: 0 },
      ),

    acquire: (bucket, limit, leaseMs) => orOpen('concurrency', () => claim(bucket, limit, leaseMs, randomBytes(9).toString('base64url'), 0), async () => undefined),

    takeAndAcquire: (rate, slot) =>
      orOpen<CallAdmission>(
        'rate and concurrency',
        async () => {
          const holder = randomBytes(9).toString('base64url');
          const perMs = rate.capacity / rate.periodMs;
          const row = await db.get<{ ok: number | boolean; tokens: number; slot: number | null }>(TAKE_AND_CLAIM, [
            rate.bucket,
            rate.capacity,
            perMs,
            slot.bucket,
            slot.limit,
            holder,
            slot.leaseMs,
          ]);
          if (Number(row?.ok) !== 1) return { ok: false, retryAfterMs: (1 - Number(row?.tokens ?? 0)) / perMs };
          if (row!.slot !== null && row!.slot !== undefined) return { ok: true, retryAfterMs: 0, release: releaseOf(slot.bucket, Number(row!.slot), holder) };
          // No slot in the one statement (all held, or another claimant won its number): the ordinary acquire from its second try.
          return { ok: true, retryAfterMs: 0, release: await claim(slot.bucket, slot.limit, slot.leaseMs, holder, 1) };
        },
        { ok: true, retryAfterMs: 0, release: async () => undefined },
      ),

    eventsWait: (bucket, limit, windowMs) =>
      orOpen(
        'events',
        async () => {
          // The limit-th most recent event in the window: while there is one, the window is full.
          const row = await db.get<{ wait: number }>(
            `SELECT at_ms + $3::float8 - ${NOW} AS wait FROM limit_events
              WHERE bucket = $1 AND at_ms > ${NOW} - $3::float8
              ORDER BY at_ms DESC OFFSET $2::int - 1 LIMIT 1`,
            [bucket, limit, windowMs],
          );
          return row ? Math.max(1, Number(row.wait)) : 0;
        },
        0,
      ),

    addEvent: (bucket, windowMs) =>
      orOpen(
        'events',
        async () => {
          await db.run(`INSERT INTO limit_events (bucket, at_ms, expires_ms) VALUES ($1, ${NOW}, ${NOW} + $2::float8)`, [bucket, windowMs]);
        },
        undefined,
      ),

    reserve: (bucket, intervalMs, maxWaitMs) =>
      orOpen(
        'pace',
        async () => {
          // The slot is GREATEST(now, next); taken only when it is less than $3 away.
          const row = await db.get<{ wait: number }>(
            `INSERT INTO limit_paces AS p (bucket, next_ms) VALUES ($1, ${NOW} + $2::float8)
             ON CONFLICT (bucket) DO UPDATE SET next_ms = GREATEST(${NOW}, p.next_ms) + $2::float8
              WHERE GREATEST(${NOW}, p.next_ms) - ${NOW} < $3::float8
             RETURNING next_ms - $2::float8 - ${NOW} AS wait`,
            [bucket, intervalMs, maxWaitMs],
          );
          if (row) return Math.max(0, Number(row.wait));
          const next = await db.get<{ wait: number }>(`SELECT next_ms - ${NOW} AS wait FROM limit_paces WHERE bucket = $1`, [bucket]);
          return Math.max(maxWaitMs, Number(next?.wait ?? maxWaitMs));
        },
        0,
      ),

    admit: (bucket, limit, windowMs) =>
      orOpen(
        'pace',
        async () => {
          // sends[n - limit + 1] is the limit-th most recent (arrays are 1-based; out of range is NULL).
          const row = await db.get<{ last_ms: number }>(
            `INSERT INTO limit_sends AS w (bucket, sends, last_ms) VALUES ($1, ARRAY[${NOW}], ${NOW})
             ON CONFLICT (bucket) DO UPDATE SET
               sends = (w.sends || ${NOW})[GREATEST(1, cardinality(w.sends) + 2 - $2::int):],
               last_ms = ${NOW}
              WHERE cardinality(w.sends) < $2::int OR w.sends[cardinality(w.sends) - $2::int + 1] <= ${NOW} - $3::float8
             RETURNING last_ms`,
            [bucket, limit, windowMs],
          );
          if (row) return 0;
          const wait = await db.get<{ wait: number }>(
            `SELECT sends[cardinality(sends) - $2::int + 1] + $3::float8 - ${NOW} AS wait FROM limit_sends WHERE bucket = $1`,
            [bucket, limit, windowMs],
          );
          return Math.max(1, Number(wait?.wait ?? 1));
        },
        0,
      ),
  };
}
