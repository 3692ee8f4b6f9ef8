import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../connectors/onedesk/test-support';
import { startClockifyStandIn, type ClockifyStandIn } from '../support/clockify-stand-in';
import { startDesktimeStandIn, type DesktimeStandIn } from '../support/desktime-standin';
import { startOnedeskStandIn, type OnedeskStandIn } from '../support/onedesk-standin';
import { runDeskgate as deskgate } from '../support/serve';

/**
 * `deskgate doctor --deep` as an operator runs it on the first contact with
 * a real account: `node bin/deskgate.js doctor --deep …` in a child process,
 * against the loopback Clockify, DeskTime and OneDesk stand-ins.
 */

interface Row {
  connector: string;
  id: string;
  outcome: string;
  evidence: string;
  tools: string[];
  affectsDefaults: boolean;
}


const ONEDESK_KEY = 'od_doctor_e2e_Zk4Pq8Rt2';
const CLOCKIFY_KEY = 'ckf_doctor_e2e_Hw7Ln3Vb9';
const DESKTIME_KEY = 'dt_doctor_e2e_Mx5Gy1Cs6';

// Each case spawns one `deskgate` process that loads the whole app through tsx: a harness limit, not a speed assertion.
describe('deskgate doctor --deep through the CLI', { timeout: 60_000 }, () => {
  let dir: string;
  let onedesk: OnedeskStandIn;
  let clockify: ClockifyStandIn;
  let desktime: DesktimeStandIn;
  let base: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskgate-doctor-'));
    onedesk = await startOnedeskStandIn(ONEDESK_KEY);
    clockify = await startClockifyStandIn(CLOCKIFY_KEY);
    desktime = await startDesktimeStandIn(DESKTIME_KEY);
    base = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ONEDESK_API_KEY: ONEDESK_KEY, ONEDESK_BASE_URL: onedesk.baseUrl };
  });
  afterAll(async () => {
    await Promise.all([onedesk.close(), clockify.close(), desktime.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (stdout: string): Row[] =>
    stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Row);

  it('--json: one line per assumption of every enabled vendor connector, no key and no value of the account data, exit 1 exactly when a default tool relies on one that differs', async () => {
    const run = await deskgate(['doctor', '--deep', '--json'], {
      ...base,
      CLOCKIFY_API_KEY: CLOCKIFY_KEY,
      CLOCKIFY_BASE_URL: clockify.baseUrl,
      CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
      DESKTIME_API_KEY: DESKTIME_KEY,
      DESKTIME_BASE_URL: desktime.baseUrl,
    });
    const rows = rowsOf(run.stdout);
    expect(new Set(rows.map((r) => r.connector))).toEqual(new Set(['clockify', 'desktime', 'onedesk']));
    for (const r of rows) {
      expect(['holds', 'differs', 'could_not_check'], r.id).toContain(r.outcome);
      expect(r.evidence.length, r.id).toBeGreaterThan(0);
      expect(Array.isArray(r.tools), r.id).toBe(true);
    }
    const failing = rows.filter((r) => r.outcome === 'differs' && r.affectsDefaults);
    expect(run.code, JSON.stringify(failing)).toBe(failing.length ? 1 : 0);
    // Read-only without --write-check: nothing was created at Clockify or OneDesk.
    expect(clockify.calls.filter((c) => c.method !== 'GET' && !(c.method === 'POST' && c.host === 'reports'))).toEqual([]);
    expect(onedesk.calls.filter((c) => c.method === 'POST' && !c.path.endsWith('/filter/details'))).toEqual([]);
    const out = run.stdout + run.stderr;
    for (const key of [ONEDESK_KEY, CLOCKIFY_KEY, DESKTIME_KEY]) expect(out).not.toContain(key);
    const personal = [
      String(fixture<Record<string, unknown>>('profile').organizationName),
      ...fixture<Record<string, unknown>[]>('users').flatMap((u) => [u.email, u.firstName, u.lastName, u.externalId]),
      ...fixture<Record<string, unknown>[]>('items-tickets').flatMap((i) => [i.name, i.externalId]),
    ].filter((v): v is string => typeof v === 'string' && v.length > 2);
    for (const value of personal) expect(out, value).not.toContain(value);
  });

  it('prints a table per connector (assumption, result, evidence, tools affected) and exits 0 when only a non-default toolset relies on what differs', async () => {
    onedesk.ignoredFilters.add('timesheets:dateStart');
    try {
      const run = await deskgate(['doctor', '--deep', 'onedesk'], base);
      expect(run.stdout).toMatch(/assumption\s+confidence\s+result\s+evidence\s+tools affected/);
      const line = run.stdout.split('\n').find((l) => l.includes('timesheets.filter.dateStart'))!;
      expect(line).toMatch(/\bdiffers\b/);
      expect(line).toContain('dateStart in notAppliedPropertyFilters');
      expect(line).toContain('onedesk_list_worklogs');
      expect(run.stdout).toContain('Send this table (or --json) to the gateway maintainers');
      expect(run.code).toBe(0);
    } finally {
      onedesk.ignoredFilters.clear();
    }
  });

  it('exits 1, the row in capitals, when a filter the default items tools send is not applied by OneDesk', async () => {
    onedesk.ignoredFilters.add('items:lifecycleStatus');
    try {
      const run = await deskgate(['doctor', '--deep', 'onedesk'], base);
      const line = run.stdout.split('\n').find((l) => l.includes('items.filter.lifecycleStatus'))!;
      expect(line).toMatch(/\bDIFFERS\b/);
      expect(line).toContain('onedesk_list_items');
      expect(run.code).toBe(1);
    } finally {
      onedesk.ignoredFilters.clear();
    }
  });

  it('refuses a connector that is not enabled, naming the enabled ones', async () => {
    const run = await deskgate(['doctor', '--deep', 'clockify'], base);
    expect(run.code).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/clockify is not an enabled connector.*onedesk/s);
  });
});
