/**
 * `deskgate doctor --deep --write-check` for Clockify, against the loopback
 * stand-in (tests/support/clockify-stand-in.ts, which refuses what the live
 * API refuses): a clearly named tag and time entry are created with the
 * bodies the tools send, the entry goes through a bulk edit, and nothing is
 * left behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAssumptions } from '../../src/doctor/assumptions';
import { silentLog, startConnector } from '../../tests/support/connector-kit';
import { startClockifyStandIn, type ClockifyStandIn } from '../../tests/support/clockify-stand-in';
import { clockifyAssumptions } from './assumptions';
import { clockifyManifest } from './index';

const KEY = 'ckf_writecheck_Q7Lp2Zx9Vb4N';
const WRITES = ['tags.create', 'time_entries.create', 'time_entries.bulk_edit'];

describe('Clockify doctor --write-check', () => {
  let standIn: ClockifyStandIn;
  beforeAll(async () => {
    standIn = await startClockifyStandIn(KEY);
  });
  afterAll(() => standIn.close());

  const run = async (writeCheck: boolean) => {
    const runtime = await startConnector(clockifyManifest, { CLOCKIFY_API_KEY: KEY, CLOCKIFY_REPORTS_BASE_URL: standIn.reportsBaseUrl }, { common: { baseUrl: standIn.baseUrl } });
    return runAssumptions('clockify', clockifyAssumptions.filter((a) => WRITES.includes(a.id)), runtime, { log: silentLog, writeCheck, defaultTools: new Set() });
  };

  it('without --write-check, creates nothing and says how to check', async () => {
    const before = standIn.calls.length;
    const rows = await run(false);
    expect(rows.map((r) => r.outcome)).toEqual(['could_not_check', 'could_not_check', 'could_not_check']);
    expect(rows[0]!.evidence).toContain('--write-check');
    expect(standIn.calls.slice(before).filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('creates a deskgate-doctor-check tag and time entry, bulk-edits the entry with start and end, removes both: the write bodies hold', async () => {
    const before = standIn.calls.length;
    const rows = await run(true);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.outcome]))).toEqual({ 'time_entries.bulk_edit': 'holds', 'time_entries.create': 'holds', 'tags.create': 'holds' });
    const writes = standIn.calls.slice(before).filter((c) => c.method !== 'GET');
    expect(writes.map((c) => c.method).sort()).toEqual(['DELETE', 'DELETE', 'DELETE', 'POST', 'POST', 'POST', 'PUT']);
    for (const c of writes.filter((w) => w.method === 'POST')) expect(JSON.stringify(c.body)).toMatch(/deskgate-doctor-check-\d{8}T\d{6}/);
    const bulk = writes.find((c) => c.method === 'PUT')!;
    expect((bulk.body as Record<string, unknown>[])[0]).toEqual(expect.objectContaining({ start: expect.any(String), end: expect.any(String) }));
    expect(standIn.data.tags).toEqual([]);
    expect(standIn.data.timeEntries).toEqual([]);
    expect(standIn.violations).toEqual([]);
  });

  it('reports a write body Clockify refuses as differs, naming the assumption, and still removes what it made', async () => {
    // A Clockify whose bulk edit refuses every body: the bulk assumption differs, the test entry is still deleted.
    standIn.route('PUT', '/workspaces/:ws/user/:uid/time-entries', () => ({ status: 400, body: { message: 'Bulk edit refused', code: 501 } }));
    const rows = await run(true);
    const bulk = rows.find((r) => r.id === 'time_entries.bulk_edit')!;
    expect(bulk.outcome).toBe('differs');
    expect(bulk.evidence).toContain('invalid_argument');
    expect(standIn.data.timeEntries).toEqual([]);
  });
});
