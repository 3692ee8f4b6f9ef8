import { afterEach, beforeEach, expect, it } from 'vitest';
import { runMigrations } from '../../src/storage';
import { coreMigrations } from '../../src/storage/core-migrations';
import type { Db, Migration } from '../../src/storage/types';
import { forEachEngine } from '../support/databases';

const notes: Migration[] = [
  { id: 'notes/001_notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL);\nCREATE INDEX notes_body ON notes (body);' },
  { id: 'notes/002_seed', sql: "INSERT INTO notes (id, body) VALUES ('n1', 'first');" },
];

/** Every core migration, in order (the list grows as the core does). */
const coreIds = coreMigrations.map((m) => m.id);

const appliedIds = async (db: Db) =>
  (await db.all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((row) => row.id);

forEachEngine((engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await engine.openEmpty();
  });
  afterEach(() => db.close());

  it('applies each migration once, records it, and applies nothing on the next start', async () => {
    expect(await runMigrations(db, [...coreMigrations, ...notes])).toEqual({
      applied: [...coreIds, 'notes/001_notes', 'notes/002_seed'],
    });
    expect(await runMigrations(db, [...coreMigrations, ...notes])).toEqual({ applied: [] });
    expect((await appliedIds(db)).sort()).toEqual([...coreIds, 'notes/001_notes', 'notes/002_seed'].sort());
    // The seed ran once, not twice.
    expect(await db.all('SELECT id, body FROM notes')).toEqual([{ id: 'n1', body: 'first' }]);
  });

  it('applies only the migrations added since the last start', async () => {
    await runMigrations(db, [notes[0]!]);
    expect(await runMigrations(db, notes)).toEqual({ applied: ['notes/002_seed'] });
  });

  it('never applies a migration twice when two gateways start at once', async () => {
    const results = await Promise.all([runMigrations(db, [...coreMigrations, ...notes]), runMigrations(db, [...coreMigrations, ...notes])]);
    expect([...results[0].applied, ...results[1].applied].sort()).toEqual([...coreIds, 'notes/001_notes', 'notes/002_seed'].sort());
    expect(await db.all('SELECT id FROM notes')).toEqual([{ id: 'n1' }]);
  });

  it('leaves a failing migration unapplied and unrecorded, keeping the earlier ones', async () => {
    const broken: Migration = {
      id: 'notes/003_broken',
      sql: "CREATE TABLE half_done (id TEXT);\nINSERT INTO no_such_table (id) VALUES ('x');",
    };
    await expect(runMigrations(db, [...notes, broken])).rejects.toThrow();
    expect(await appliedIds(db)).toEqual(['notes/001_notes', 'notes/002_seed']);
    // Its first statement was rolled back with it, so a fixed version can run.
    const fixed: Migration = { id: 'notes/003_broken', sql: 'CREATE TABLE half_done (id TEXT);' };
    expect(await runMigrations(db, [...notes, fixed])).toEqual({ applied: ['notes/003_broken'] });
  });

  it('runs the text written for its engine when a migration gives one per engine', async () => {
    await runMigrations(db, [
      {
        id: 'notes/001_dialect',
        sql: {
          sqlite: "CREATE TABLE dialect (name TEXT); INSERT INTO dialect (name) VALUES ('sqlite');",
          postgres: "CREATE TABLE dialect (name TEXT); INSERT INTO dialect (name) VALUES ('postgres');",
        },
      },
    ]);
    expect(await db.all('SELECT name FROM dialect')).toEqual([{ name: engine.engine }]);
  });

  it('rejects ids that are not namespaced, or listed twice, before touching the database', async () => {
    await expect(runMigrations(db, [{ id: '001_users', sql: 'SELECT 1' }])).rejects.toThrow(/core\/001_users/);
    await expect(runMigrations(db, [notes[0]!, notes[0]!])).rejects.toThrow(/listed twice/);
  });
});
