import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { POSTGRES_URL_VARIABLE } from '../support/databases';
import { callTool, startServe, stopServe, type ServeProcess } from '../support/serve';

/**
 * Never double-book after an unknown outcome, across replicas (issue #19
 * item 4): two real gateway processes on one database and a Clockify
 * stand-in that saves a create and then loses its answer (a 504, or no
 * answer until the gateway's timeout). The model's identical retry, sent to
 * the OTHER process, returns the saved entry with duplicate_of_recent: true
 * and Clockify holds exactly one entry. With the marks in each process's
 * memory (as before) the other process created a second entry.
 * The same for the 10-minute duplicate guard after a create that succeeded.
 * On PostgreSQL (replicas) and on one SQLite file (workers, or processes, sharing it).
 */
const postgresUrl = process.env[POSTGRES_URL_VARIABLE];
const ADMIN_KEY = `dg_outcome_admin_${randomBytes(12).toString('hex')}`;
const CLOCKIFY_KEY = 'ckf_unknown_outcome_Hq3Vt7Xm2Pz9';

interface Engine {
  name: string;
  skip: string | undefined;
  /** DATABASE_URL for both processes, and how to clean up after. */
  open(): Promise<{ url: string; close: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'one SQLite file',
    skip: undefined,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'deskgate-outcome-'));
      return { url: `sqlite:${join(dir, 'deskgate.db')}`, close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'one PostgreSQL',
    skip: postgresUrl ? undefined : `set ${POSTGRES_URL_VARIABLE} to run`,
    async open() {
      const schema = `outcome_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const url = new URL(postgresUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        url: url.toString(),
        close: async () => {
          const dropper = new pg.Client({ connectionString: postgresUrl });
          await dropper.connect();
          await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await dropper.end();
        },
      };
    },
  },
];

for (const engine of engines) {
  describe.skipIf(engine.skip !== undefined)(`a create of unknown outcome retried on another gateway process, on ${engine.name}${engine.skip ? ` (skipped: ${engine.skip})` : ''}`, () => {
    let a: ServeProcess | undefined;
    let b: ServeProcess | undefined;
    let clockify: ClockifyStandIn;
    let database: { url: string; close: () => Promise<void> } | undefined;
    const posts = () => clockify.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/time-entries')).length;

    beforeAll(async () => {
      clockify = await startClockifyStandIn(CLOCKIFY_KEY);
      database = await engine.open();
      const env = {
        DATABASE_URL: database.url,
        DESKGATE_ADMIN_KEY: ADMIN_KEY,
        DESKGATE_CONNECTORS: 'clockify',
        CLOCKIFY_API_KEY: CLOCKIFY_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_WORKSPACE_ID: STAND_IN_WS,
        CLOCKIFY_TIMEOUT_MS: '1500',
      };
      // One after the other: the first applies the migrations and the admin key.
      a = await startServe(env);
      b = await startServe(env);
    }, 120_000);

    afterAll(async () => {
      await stopServe(a);
      await stopServe(b);
      await clockify?.close();
      await database?.close();
    });

    it('Clockify saved the entry and answered 504: the error says to retry the same call; the retry on the other process returns that entry, and Clockify holds one', async () => {
      const args = { start: '2024-03-14 14:00', duration: '45m', description: 'Printer on floor 2' };
      clockify.loseNextAnswer = { method: 'POST', pathEnd: '/time-entries', status: 504 };
      const failed = await callTool(a!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(failed.isError).toBe(true);
      expect(failed.error).toMatchObject({ retryable: true });
      expect(failed.text).toContain('retry the same call (it is safe) rather than guess');
      expect(failed.error!.hint).toMatch(/same arguments within 10 minutes: it is safe/);
      expect(clockify.data.timeEntries).toHaveLength(1);
      const saved = clockify.data.timeEntries[0]!;

      const retry = await callTool(b!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(retry.isError, retry.text).toBe(false);
      expect(retry.structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id: saved.id, description: 'Printer on floor 2' } });
      expect(clockify.data.timeEntries).toHaveLength(1);
      expect(posts()).toBe(1);
      // And back on the first process: still that one entry.
      expect((await callTool(a!.url, ADMIN_KEY, 'clockify_create_time_entry', args)).structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id: saved.id } });
      expect(clockify.data.timeEntries).toHaveLength(1);
    }, 60_000);

    it('Clockify saved the entry and never answered (the gateway timed out): the retry on the other process returns it', async () => {
      const args = { start: '2024-03-13 09:00', end: '2024-03-13 10:30', description: 'Onboarding call' };
      const before = clockify.data.timeEntries.length;
      clockify.loseNextAnswer = { method: 'POST', pathEnd: '/time-entries', holdMs: 4000 };
      const failed = await callTool(b!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(failed.isError).toBe(true);
      expect(failed.text).toContain('retry the same call (it is safe) rather than guess');
      expect(clockify.data.timeEntries).toHaveLength(before + 1);
      const saved = clockify.data.timeEntries.at(-1)!;

      const retry = await callTool(a!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(retry.isError, retry.text).toBe(false);
      expect(retry.structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id: saved.id } });
      expect(clockify.data.timeEntries).toHaveLength(before + 1);
    }, 60_000);

    it('a create that succeeded on one process: the identical one on the other within 10 minutes returns it (the duplicate guard is shared too); deleted, it is created anew', async () => {
      const args = { start: '2024-03-12 16:00', duration: '30m', description: 'Weekly sync' };
      const before = clockify.data.timeEntries.length;
      const first = await callTool(a!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(first.structuredContent).toMatchObject({ duplicate_of_recent: false });
      const id = (first.structuredContent as { time_entry: { id: string } }).time_entry.id;
      const again = await callTool(b!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(again.structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id } });
      expect(clockify.data.timeEntries).toHaveLength(before + 1);

      // Deleted on one process: the other no longer returns it, it logs the time anew.
      expect((await callTool(b!.url, ADMIN_KEY, 'clockify_delete_time_entry', { time_entry_id: id })).isError).toBe(false);
      const anew = await callTool(a!.url, ADMIN_KEY, 'clockify_create_time_entry', args);
      expect(anew.structuredContent).toMatchObject({ duplicate_of_recent: false });
      expect((anew.structuredContent as { time_entry: { id: string } }).time_entry.id).not.toBe(id);
      expect(clockify.data.timeEntries).toHaveLength(before + 1);
    }, 60_000);
  });
}
