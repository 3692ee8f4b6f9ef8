import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLimitStore, createPostgresLimitStore, limitStoreFor, type LimitStore } from '../../src/limits/index';
import { openDatabase } from '../../src/storage/index';
import type { Logger } from '../../src/observability/logger';
import type { Db } from '../../src/storage/types';
import { POSTGRES_URL_VARIABLE, testDatabases } from '../support/databases';

/**
 * The two limit stores give the same answers (src/limits/store.ts). The
 * PostgreSQL store is checked against a real server with several pools, as
 * several gateway processes would use it: no decision may admit more than
 * the limit, however the requests interleave.
 */
const postgres = testDatabases().find((e) => e.engine === 'postgres')!;
const postgresUrl = process.env[POSTGRES_URL_VARIABLE];

interface Subject {
  name: string;
  skip: string | undefined;
  open: () => Promise<{ store: LimitStore; others: LimitStore[] }>;
}

let dbs: Db[] = [];
afterEach(async () => {
  for (const db of dbs.reverse()) await db.close();
  dbs = [];
});

/** A PostgreSQL store plus `others` on their own pools (other "processes") on the same schema. */
async function openPostgresStores(): Promise<{ store: LimitStore; others: LimitStore[] }> {
  const db = await postgres.open();
  dbs.push(db);
  const schema = ((await db.get<{ s: string }>('SELECT current_schema() AS s'))!).s;
  const others: LimitStore[] = [];
  for (let i = 0; i < 2; i++) {
    const other = await openDatabase(postgresUrl!, { searchPath: schema, poolSize: 4 });
    dbs.push(other);
    others.push(createPostgresLimitStore(other));
  }
  return { store: createPostgresLimitStore(db), others };
}

const subjects: Subject[] = [
  { name: 'in memory', skip: undefined, open: async () => ({ store: createMemoryLimitStore(), others: [] }) },
  { name: 'on PostgreSQL', skip: postgres.skipReason, open: openPostgresStores },
];

for (const subject of subjects) {
  const title = subject.skip ? `limit store ${subject.name} (skipped: ${subject.skip})` : `limit store ${subject.name}`;
  describe.skipIf(subject.skip !== undefined)(title, () => {
    let store: LimitStore;
    let others: LimitStore[];
    beforeEach(async () => {
      ({ store, others } = await subject.open());
    });

    it('a token bucket lets `capacity` through, then refuses with the wait until the next token', async () => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await store.take('key:a', 3, 60_000));
      expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
      // One token per 20 s: the wait is just under 20 s (time passed since the first take).
      expect(results[3]!.retryAfterMs).toBeGreaterThan(19_000);
      expect(results[3]!.retryAfterMs).toBeLessThanOrEqual(20_000);
      // Another bucket is untouched.
      expect((await store.take('key:b', 3, 60_000)).ok).toBe(true);
    });

    it('holds at most `limit` slots, and a released slot is free again at once', async () => {
      const first = await store.acquire('inflight:a', 2, 60_000);
      const second = await store.acquire('inflight:a', 2, 60_000);
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(await store.acquire('inflight:a', 2, 60_000)).toBeUndefined();
      expect(await store.acquire('inflight:b', 2, 60_000)).toBeDefined();
      await first!();
      await first!(); // releasing twice frees one slot only
      const third = await store.acquire('inflight:a', 2, 60_000);
      expect(third).toBeDefined();
      expect(await store.acquire('inflight:a', 2, 60_000)).toBeUndefined();
    });

    it('a sliding window of events is full at `limit`, with the wait until its oldest leaves', async () => {
      for (let i = 0; i < 3; i++) {
        expect(await store.eventsWait('signin:198.51.100.7', 3, 60_000)).toBe(0);
        await store.addEvent('signin:198.51.100.7', 60_000);
      }
      const wait = await store.eventsWait('signin:198.51.100.7', 3, 60_000);
      expect(wait).toBeGreaterThan(55_000);
      expect(wait).toBeLessThanOrEqual(60_000);
      expect(await store.eventsWait('signin:198.51.100.8', 3, 60_000)).toBe(0);
    });

    it('paces a bucket: each reservation is one interval after the last, and one that would wait too long reserves nothing', async () => {
      const waits = [];
      for (let i = 0; i < 4; i++) waits.push(await store.reserve('clockify:ws', 250, 10_000));
      // 0, 250, 500, 750 less the few ms the calls themselves took.
      waits.forEach((wait, i) => {
        expect(wait).toBeGreaterThan(i * 250 - 100);
        expect(wait).toBeLessThanOrEqual(i * 250);
      });
      const refused = await store.reserve('clockify:ws', 250, 500);
      expect(refused).toBeGreaterThanOrEqual(500);
      // The refused call pushed nobody back: the next one that waits gets the slot after 750.
      const next = await store.reserve('clockify:ws', 250, 10_000);
      expect(next).toBeGreaterThan(900);
      expect(next).toBeLessThanOrEqual(1000);
    });

    it('admits at most `limit` sends in any window, answering the wait until the oldest leaves it', async () => {
      for (let i = 0; i < 3; i++) expect(await store.admit('sent:ws', 3, 60_000)).toBe(0);
      const wait = await store.admit('sent:ws', 3, 60_000);
      expect(wait).toBeGreaterThan(55_000);
      expect(wait).toBeLessThanOrEqual(60_000);
      // Refused sends are not counted: the wait stays the same.
      expect(await store.admit('sent:ws', 3, 60_000)).toBeLessThanOrEqual(wait);
      expect(await store.admit('sent:other', 3, 60_000)).toBe(0);
    });

    it("a tool call's admission takes a token and a slot together; a refused token holds no slot, a full key keeps the token taken", async () => {
      const rate = { bucket: 'key:call', capacity: 3, periodMs: 60_000 };
      const slot = { bucket: 'inflight:call', limit: 2, leaseMs: 60_000 };
      const first = await store.takeAndAcquire(rate, slot);
      const second = await store.takeAndAcquire(rate, slot);
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(first.release).toBeTypeOf('function');
      expect(second.release).toBeTypeOf('function');
      // Both slots held: admitted by the rate, refused a slot; the token is spent all the same.
      const full = await store.takeAndAcquire(rate, slot);
      expect(full).toMatchObject({ ok: true });
      expect(full.release).toBeUndefined();
      await first.release!();
      await first.release!(); // twice frees one slot only
      // The bucket is empty now: refused with the wait, and no slot is taken for it.
      const refused = await store.takeAndAcquire(rate, slot);
      expect(refused.ok).toBe(false);
      expect(refused.release).toBeUndefined();
      expect(refused.retryAfterMs).toBeGreaterThan(19_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(20_000);
      // The slot freed above is still free: the refusal held none.
      expect(await store.acquire('inflight:call', 2, 60_000)).toBeTypeOf('function');
      expect(await store.acquire('inflight:call', 2, 60_000)).toBeUndefined();
    });

    if (subject.name === 'on PostgreSQL') {
      it("a tool call's admission is one statement while a slot is free, and several processes admitted at once get exactly the slots and tokens there are", async () => {
        const db = dbs[0]!;
        const statements: string[] = [];
        const counted = new Proxy(db, {
          get(target, name, receiver) {
            const value = Reflect.get(target, name, receiver) as unknown;
            if (typeof value !== 'function' || !['get', 'all', 'run'].includes(String(name))) return typeof value === 'function' ? value.bind(target) : value;
            return (sql: string, ...rest: unknown[]) => {
              statements.push(sql);
              return (value as (...args: unknown[]) => unknown).call(target, sql, ...rest);
            };
          },
        });
        const counting = createPostgresLimitStore(counted, { pruneEveryMs: 3_600_000 });
        const admitted = await counting.takeAndAcquire({ bucket: 'key:one', capacity: 10, periodMs: 60_000 }, { bucket: 'inflight:one', limit: 3, leaseMs: 60_000 });
        expect(admitted.ok).toBe(true);
        expect(statements).toHaveLength(1);
        await admitted.release!();
        expect(statements).toHaveLength(2);

        const stores = [store, ...others];
        // 30 calls at once over three pools: a bucket of 12 tokens, 5 slots.
        const outcomes = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            stores[i % stores.length]!.takeAndAcquire({ bucket: 'key:race', capacity: 12, periodMs: 86_400_000 }, { bucket: 'inflight:race', limit: 5, leaseMs: 60_000 }),
          ),
        );
        expect(outcomes.filter((o) => o.ok)).toHaveLength(12);
        expect(outcomes.filter((o) => o.release)).toHaveLength(5);
        const live = await db.get<{ n: number }>(`SELECT count(*) AS n FROM limit_slots WHERE bucket = 'inflight:race'`);
        expect(Number(live!.n)).toBe(5);
      });

      it('several processes sending at once are admitted exactly `limit` times in a window', async () => {
        const stores = [store, ...others];
        const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % stores.length]!.admit('sent:shared', 4, 60_000)));
        expect(waits.filter((w) => w === 0)).toHaveLength(4);
      });

      it('a window that has moved on admits again, keeping only the last `limit` sends', async () => {
        for (let i = 0; i < 2; i++) expect(await others[i]!.admit('sent:short', 2, 300)).toBe(0);
        expect(await store.admit('sent:short', 2, 300)).toBeGreaterThan(0);
        await sleep(350);
        expect(await store.admit('sent:short', 2, 300)).toBe(0);
        expect(await others[0]!.admit('sent:short', 2, 300)).toBe(0);
        expect(await others[1]!.admit('sent:short', 2, 300)).toBeGreaterThan(0);
      });

      it('several processes taking at once from one bucket get exactly its capacity between them', async () => {
        const stores = [store, ...others];
        // 60 takes at once over three pools, for a bucket of 25 that refills once a day.
        const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % stores.length]!.take('key:shared', 25, 86_400_000)));
        expect(outcomes.filter((o) => o.ok)).toHaveLength(25);
        expect(outcomes.filter((o) => !o.ok).every((o) => o.retryAfterMs > 0)).toBe(true);
      });

      it('several processes acquiring at once get exactly `limit` slots between them', async () => {
        const stores = [store, ...others];
        const held = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % stores.length]!.acquire('inflight:shared', 7, 60_000)));
        expect(held.filter((r) => r !== undefined)).toHaveLength(7);
        // Released on one process, free on another.
        await held.find((r) => r !== undefined)!();
        expect(await others[1]!.acquire('inflight:shared', 7, 60_000)).toBeDefined();
        expect(await others[0]!.acquire('inflight:shared', 7, 60_000)).toBeUndefined();
      });

      it('a slot whose holder never released it (the process died) is free once its lease ends', async () => {
        expect(await others[0]!.acquire('inflight:dead', 1, 300)).toBeDefined();
        expect(await store.acquire('inflight:dead', 1, 300)).toBeUndefined();
        await sleep(400);
        expect(await store.acquire('inflight:dead', 1, 300)).toBeDefined();
      });

      it('reservations made at once by several processes are all one interval apart', async () => {
        const stores = [store, ...others];
        // Connections open first, so that the twelve statements run together.
        await Promise.all(stores.map((s) => s.reserve('clockify:warm', 1, 10_000)));
        // When each caller will send: the moment it got its answer plus the wait.
        const sendAt = await Promise.all(
          Array.from({ length: 12 }, async (_, i) => (await stores[i % stores.length]!.reserve('clockify:together', 100, 10_000)) + performance.now()),
        );
        const sorted = [...sendAt].sort((a, b) => a - b);
        // Twelve distinct slots 100 ms apart (less the jitter of getting the answers back): no two share one.
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThan(50);
        expect(sorted.at(-1)! - sorted[0]!).toBeGreaterThan(1000);
      });

      it('rows whose time is over are pruned after a later decision, and a fully refilled bucket starts full again', async () => {
        const db = dbs[0]!;
        const pruning = createPostgresLimitStore(db, { pruneEveryMs: 0 });
        await pruning.addEvent('signin:old', 50);
        await pruning.take('key:refills', 100, 5); // full again 0.05 ms later
        await pruning.acquire('inflight:old', 1, 50);
        await pruning.reserve('clockify:old', 1, 10_000);
        await sleep(120);
        // Any decision prunes (off the call path: the answer does not wait for it).
        await pruning.take('key:other', 5, 60_000);
        const left = async () => {
          const counts = await Promise.all(
            ['limit_events', 'limit_buckets', 'limit_slots'].map(async (table) => Number((await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE bucket NOT IN ('key:other')`))!.n)),
          );
          return counts.reduce((a, b) => a + b, 0);
        };
        for (let i = 0; i < 50 && (await left()) > 0; i++) await sleep(20);
        expect(await left()).toBe(0);
        // A pace is kept a minute after its last slot (the next caller still queues behind it).
        expect(await db.get('SELECT bucket FROM limit_paces WHERE bucket = ?', ['clockify:old'])).toBeDefined();
      });

      it('a database that does not answer lets the call through instead of refusing it, and says so in the log', async () => {
        const lines: string[] = [];
        const gone = await postgres.open();
        const log = { warn: (fields: unknown, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`) } as unknown as Logger;
        const store = createPostgresLimitStore(gone, { log });
        await gone.close();
        expect(await store.take('key:a', 1, 60_000)).toEqual({ ok: true, retryAfterMs: 0 });
        expect(await store.acquire('inflight:a', 1, 60_000)).toBeTypeOf('function');
        const admitted = await store.takeAndAcquire({ bucket: 'key:a', capacity: 1, periodMs: 60_000 }, { bucket: 'inflight:a', limit: 1, leaseMs: 60_000 });
        expect(admitted).toMatchObject({ ok: true, retryAfterMs: 0 });
        expect(admitted.release).toBeTypeOf('function');
        expect(await store.admit('sent:a', 1, 1000)).toBe(0);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain('shared limit not checked');
      });

      it('events recorded by one process count for another', async () => {
        await others[0]!.addEvent('authfail:203.0.113.9', 60_000);
        await others[1]!.addEvent('authfail:203.0.113.9', 60_000);
        expect(await store.eventsWait('authfail:203.0.113.9', 3, 60_000)).toBe(0);
        await store.addEvent('authfail:203.0.113.9', 60_000);
        expect(await others[0]!.eventsWait('authfail:203.0.113.9', 3, 60_000)).toBeGreaterThan(0);
      });
    }
  });
}

describe('which store a database gets', () => {
  it('SQLite keeps the counts in this process; PostgreSQL shares them', async () => {
    const sqlite = await openDatabase('sqlite::memory:');
    expect(limitStoreFor(sqlite).kind).toBe('memory');
    await sqlite.close();
  });

  it.skipIf(postgres.skipReason !== undefined)('on PostgreSQL the store is the shared one', async () => {
    const db = await postgres.open();
    dbs.push(db);
    expect(limitStoreFor(db).kind).toBe('postgres');
  });
});
