import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/storage';
import type { Db, Migration } from '../../src/storage/types';
import { forEachEngine } from '../support/databases';

const thingsMigration: Migration = {
  id: 'test/001_things',
  sql: `
CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL, big BIGINT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters (name, value) VALUES ('tickets', 0);
`,
};

forEachEngine((engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await engine.open([thingsMigration]);
  });
  afterEach(() => db.close());

  it('inserts, reads, updates and deletes rows, reporting how many changed', async () => {
    expect(await db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['a', 'anvil', 1])).toEqual({ changes: 1 });
    await db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['b', 'bucket', 2]);

    expect(await db.get('SELECT id, name, qty FROM things WHERE id = ?', ['a'])).toEqual({ id: 'a', name: 'anvil', qty: 1 });
    expect(await db.get('SELECT id FROM things WHERE id = ?', ['missing'])).toBeUndefined();
    expect(await db.all('SELECT id FROM things ORDER BY id')).toEqual([{ id: 'a' }, { id: 'b' }]);

    expect(await db.run('UPDATE things SET qty = qty + ? WHERE qty >= ?', [10, 1])).toEqual({ changes: 2 });
    expect(await db.run('DELETE FROM things WHERE id = ?', ['a'])).toEqual({ changes: 1 });
    expect(await db.run('DELETE FROM things WHERE id = ?', ['a'])).toEqual({ changes: 0 });
    expect(await db.all('SELECT id, qty FROM things')).toEqual([{ id: 'b', qty: 12 }]);
  });

  it('returns COUNT, BIGINT and SUM as numbers, and stores booleans as 0/1', async () => {
    await db.run('INSERT INTO things (id, name, qty, big) VALUES (?, ?, ?, ?)', ['a', 'x', true, 9_007_199_254_740]);
    await db.run('INSERT INTO things (id, name, qty, big) VALUES (?, ?, ?, ?)', ['b', 'y', false, 5n]);
    const row = await db.get<{ n: unknown; total: unknown; big: unknown }>(
      'SELECT COUNT(*) AS n, SUM(big) AS total, MAX(big) AS big FROM things',
    );
    expect(row).toEqual({ n: 2, total: 9_007_199_254_745, big: 9_007_199_254_740 });
    expect(await db.all('SELECT qty FROM things ORDER BY id')).toEqual([{ qty: 1 }, { qty: 0 }]);
  });

  it('tells a unique violation apart from other failures', async () => {
    await db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['a', 'x', 1]);
    const duplicate = await db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['a', 'y', 1]).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const missingColumn = await db.run('INSERT INTO things (id, name) VALUES (?, ?)', ['b', 'y']).catch((e: unknown) => e);
    expect(missingColumn).toBeInstanceOf(Error);
    expect(isUniqueViolation(missingColumn)).toBe(false);
  });

  it('enforces foreign keys', async () => {
    await expect(
      db.run(
        "INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, created_at) VALUES ('k', 'no-such-user', 'n', 'h', 'p', 't')",
      ),
    ).rejects.toThrow();
  });

  it('commits a transaction that resolves and hands back its result', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['a', 'anvil', 1]);
      await tx.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['b', 'bucket', 1]);
      return (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM things'))?.n;
    });
    expect(result).toBe(2);
    expect(await db.all('SELECT id FROM things ORDER BY id')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('rolls back every write of a transaction that throws, and rethrows the error', async () => {
    await db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['keep', 'kept', 1]);
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['a', 'anvil', 1]);
        await tx.run('UPDATE things SET qty = 99 WHERE id = ?', ['keep']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.all('SELECT id, qty FROM things')).toEqual([{ id: 'keep', qty: 1 }]);
    // The connection is usable afterwards.
    await db.transaction((tx) => tx.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['b', 'b', 1]));
    expect(await db.get('SELECT COUNT(*) AS n FROM things')).toEqual({ n: 2 });
  });

  it('loses no increment when 20 transactions read and write one counter at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const row = await tx.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', ['tickets']);
          // Yield between the read and the write, as real handlers do.
          await new Promise((r) => setImmediate(r));
          await tx.run('UPDATE counters SET value = ? WHERE name = ?', [(row?.value ?? 0) + 1, 'tickets']);
        }),
      ),
    );
    expect(await db.get('SELECT value FROM counters WHERE name = ?', ['tickets'])).toEqual({ value: 20 });
  });

  it("keeps other callers' statements out of an open transaction, without deadlock", async () => {
    let markWritten!: () => void;
    const written = new Promise<void>((r) => (markWritten = r));
    let finish!: () => void;
    const finishGate = new Promise<void>((r) => (finish = r));

    const transaction = db.transaction(async (tx) => {
      await tx.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['inside', 'uncommitted', 1]);
      markWritten();
      await finishGate;
      throw new Error('roll back the inside write');
    });
    await written;
    // Another caller, while the transaction is open:
    const outsideWrite = db.run('INSERT INTO things (id, name, qty) VALUES (?, ?, ?)', ['outside', 'committed', 1]);
    const outsideRead = db.get<{ n: number }>("SELECT COUNT(*) AS n FROM things WHERE id = 'inside'");
    finish();

    await expect(transaction).rejects.toThrow('roll back the inside write');
    await outsideWrite;
    expect(await outsideRead).toEqual({ n: 0 });
    // The outside write was not swept into the rolled-back transaction.
    expect(await db.all('SELECT id FROM things')).toEqual([{ id: 'outside' }]);
  });

  it('refuses the outer Db inside a transaction with a clear error instead of hanging', async () => {
    await expect(
      db.transaction(async () => {
        await db.get('SELECT 1 AS one');
      }),
    ).rejects.toThrow(/use the `tx` handed to the callback/);
    await expect(db.transaction(() => db.transaction(async () => 1))).rejects.toThrow(/nested transactions/);
    expect(await db.get('SELECT 1 AS one')).toEqual({ one: 1 });
  });

  it('answers ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });
});

describe('the SQLite file', () => {
  it('is created with its parent directory, in WAL mode', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { openDatabase } = await import('../../src/storage');
    const dir = mkdtempSync(join(tmpdir(), 'deskgate-file-'));
    try {
      const db = await openDatabase(`sqlite:${join(dir, 'nested', 'deeper', 'gate.db')}`);
      expect(db.description).toBe(`sqlite:${join(dir, 'nested', 'deeper', 'gate.db')}`);
      expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      await db.close();
      expect(existsSync(join(dir, 'nested', 'deeper', 'gate.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
