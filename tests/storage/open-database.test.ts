import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import { openDatabase } from '../../src/storage';
import { toPositional } from '../../src/storage/postgres';

describe('openDatabase', () => {
  it.each([
    ['mysql://root:hunter2-secret@db.internal/deskgate', 'mysql:'],
    ['./data/deskgate.db', undefined],
    ['', undefined],
    ['sqlite:', undefined],
  ])('refuses %j, naming the accepted forms and never echoing the URL', async (url, scheme) => {
    const error = await openDatabase(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    expect(gatewayError.code).toBe('invalid_argument');
    expect(gatewayError.hint).toContain('sqlite:<path>');
    expect(gatewayError.hint).toContain('sqlite::memory:');
    expect(gatewayError.hint).toContain('postgres://');
    if (scheme) expect(gatewayError.message).toContain(scheme);
    expect(gatewayError.message).not.toContain('hunter2');
  });

  it('opens an in-memory SQLite database', async () => {
    const db = await openDatabase('sqlite::memory:');
    expect(db.engine).toBe('sqlite');
    expect(db.description).toBe('sqlite::memory:');
    expect(await db.get('SELECT 1 + 1 AS two')).toEqual({ two: 2 });
    await db.close();
  });

  it.each(['postgres://deskgate:pa55word@db.example.test:6543/gate?sslmode=require', 'postgresql://deskgate:pa55word@db.example.test:6543/gate'])(
    'describes %j without the user or password (and does not connect yet)',
    async (url) => {
      const db = await openDatabase(url);
      expect(db.engine).toBe('postgres');
      expect(db.description).toBe('postgres://db.example.test:6543/gate');
      await db.close();
    },
  );
});

describe('PostgreSQL placeholders', () => {
  it('numbers each ? in order', () => {
    expect(toPositional('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
  });
});
