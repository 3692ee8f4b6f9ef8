import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import type { Db } from '../../src/storage/types';
import { createDbRecentCreates, createKey, createMemoryRecentCreates, createOnce, RECENT_CREATE_TTL_MS } from '../../src/vendor-http/unknown-outcome';
import { forEachEngine } from '../support/databases';

/**
 * The marks behind "never double-book after an unknown outcome" and the
 * 10-minute duplicate guard (src/vendor-http/unknown-outcome.ts), in the
 * database on both engines: a mark one process writes is what another reads.
 * (Two real gateway processes: tests/e2e/unknown-outcome.test.ts.)
 */
forEachEngine((engine) => {
  let db: Db;
  let clock: number;
  beforeEach(async () => {
    db = await engine.open();
    clock = Date.parse('2026-03-02T10:00:00Z');
  });
  afterEach(() => db.close());
  /** Each call is a separate "process": its own store object, the same database. */
  const processOf = (scope = 'clockify') => createDbRecentCreates(db, scope, { now: () => clock, pruneEveryMs: 0 });

  it('a mark written by one process is read by another, for 10 minutes, then forgotten and pruned', async () => {
    const key = createKey('clockify time entry', 'ws1', 'user1', '2026-03-02T09:00:00Z', null, 'Printer on floor 2', null);
    await processOf().mark(key, 'unknown');
    expect(await processOf().get(key)).toEqual({ state: 'unknown', ref: null });
    await processOf().mark(key, 'created', 'entry-1');
    expect(await processOf().get(key)).toEqual({ state: 'created', ref: 'entry-1' });
    clock += RECENT_CREATE_TTL_MS - 1;
    expect(await processOf().get(key)).toBeDefined();
    clock += 1;
    expect(await processOf().get(key)).toBeUndefined();
    // The next mark prunes expired rows.
    await processOf().mark(createKey('another'), 'unknown');
    expect(await db.all('SELECT create_key FROM recent_creates')).toEqual([{ create_key: createKey('another') }]);
  });

  it('keeps a hash, the state and the record id: never the text of the create', async () => {
    await processOf().mark(createKey('helpdesk ticket', 'u1', 'Laptop will not charge', 'Battery stays at 0%.'), 'unknown');
    const rows = await db.all('SELECT * FROM recent_creates');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/Laptop|Battery|u1/);
    expect(rows[0]!.create_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('clear and forgetRef (an entry edited or deleted on any process) remove the mark everywhere; forgetRef stays in its connector', async () => {
    const k1 = createKey(1);
    const k2 = createKey(2);
    await processOf('clockify').mark(k1, 'created', 'same-id');
    await processOf('onedesk').mark(k2, 'created', 'same-id');
    await processOf('clockify').forgetRef('same-id');
    expect(await processOf('clockify').get(k1)).toBeUndefined();
    expect(await processOf('onedesk').get(k2)).toEqual({ state: 'created', ref: 'same-id' });
    await processOf('onedesk').clear(k2);
    expect(await processOf('onedesk').get(k2)).toBeUndefined();
  });

  it('a remembered value (the interval "45m" was read as) is read by another process for 10 minutes, and is not a create mark', async () => {
    const key = createKey('time_log_for_ticket', 'sam', '45m');
    await processOf('time').remember(key, '["2026-03-02T09:15:00Z","2026-03-02T10:00:00Z"]');
    expect(await processOf('time').recall(key)).toBe('["2026-03-02T09:15:00Z","2026-03-02T10:00:00Z"]');
    expect(await processOf('time').get(key)).toBeUndefined();
    clock += RECENT_CREATE_TTL_MS;
    expect(await processOf('time').recall(key)).toBeUndefined();
  });

  it('createOnce: after an unknown outcome on one process, the identical create on another asks first and returns the saved record', async () => {
    const saved: string[] = [];
    const attempt = (marks: ReturnType<typeof processOf>, lose: boolean) =>
      createOnce({
        marks,
        key: createKey('x'),
        vendor: 'Vendor',
        thing: 'record',
        findSaved: async () => saved[0],
        create: async () => {
          saved.push(`rec-${saved.length + 1}`);
          if (lose) throw new GatewayError('upstream_timeout', 'Vendor did not answer in time.', { outcomeUnknown: true, retryable: true });
          return saved.at(-1)!;
        },
      });
    const failed = await attempt(processOf(), true).catch((e: unknown) => e as GatewayError);
    expect(failed).toBeInstanceOf(GatewayError);
    expect((failed as GatewayError).message).toContain('retry the same call (it is safe) rather than guess');
    expect(await attempt(processOf(), false)).toEqual({ value: 'rec-1', duplicateOfRecent: true });
    expect(saved).toEqual(['rec-1']);
  });
});

describe('recent creates when the database does not answer', () => {
  it('reading a mark fails as "unknown": the create asks the vendor first rather than risk a second record', async () => {
    const broken = new Proxy({} as Db, { get: () => () => Promise.reject(new Error('connection refused')) });
    const marks = createDbRecentCreates(broken, 'clockify');
    expect(await marks.get(createKey('x'))).toEqual({ state: 'unknown', ref: null });
    await expect(marks.mark(createKey('x'), 'unknown')).resolves.toBeUndefined();
    let asked = 0;
    const result = await createOnce({ marks, key: createKey('x'), vendor: 'V', thing: 't', findSaved: async () => (asked++, 'found'), create: async () => 'new' });
    expect(result).toEqual({ value: 'found', duplicateOfRecent: true });
    expect(asked).toBe(1);
  });

  it('the in-memory marks (unit tests of connectors) expire after 10 minutes too', async () => {
    let clock = 0;
    const marks = createMemoryRecentCreates(() => clock);
    await marks.mark('k', 'unknown');
    clock = RECENT_CREATE_TTL_MS - 1;
    expect(await marks.get('k')).toBeDefined();
    clock = RECENT_CREATE_TTL_MS;
    expect(await marks.get('k')).toBeUndefined();
  });
});
