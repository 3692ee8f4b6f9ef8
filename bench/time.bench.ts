/**
 * The time tools against loopback stand-ins of Clockify, DeskTime and
 * OneDesk (and the built-in help desk): vendor calls per request and latency
 * of a week's time_timesheet for one person and of 20 × 5 and 200 people ×
 * 5 days time_reconcile (with Clockify's workspace report, and with it
 * refused so entries are read per person), through the real gateway and the
 * official MCP client (2026-07-28), one call at a time. Figures are
 * recorded, never asserted.
 *
 *   npx tsx bench/time.bench.ts                         prints the markdown section
 *   TIME_BENCH_ONLY=large npx tsx bench/time.bench.ts   only the 200-person rows
 */
import { pathToFileURL } from 'node:url';
import type { HelpdeskRuntime } from '../connectors/helpdesk/runtime';
import { addDays, dayIn, startOfDay } from '../src/format/dates';
import { connectorCatalog } from '../src/registry/catalog';
import { connectClient } from '../tests/support/clients';
import { startClockifyStandIn, STAND_IN_WS } from '../tests/support/clockify-stand-in';
import { startDesktimeStandIn } from '../tests/support/desktime-standin';
import { startTestGateway } from '../tests/support/gateway';
import { startOnedeskStandIn } from '../tests/support/onedesk-standin';

const PEOPLE = 20;
/** The ops team the product targets. */
const LARGE_TEAM = 200;
const DAYS = 5;
const ZONE = 'Europe/Paris';
const TIMESHEET_CALLS = Number(process.env.TIME_BENCH_TIMESHEETS ?? 30);
const RECONCILE_CALLS = Number(process.env.TIME_BENCH_RECONCILES ?? 10);
/** A 200-person reconcile read per person takes about 20 s: a cold call and two warm ones. */
const LARGE_RECONCILE_CALLS = Number(process.env.TIME_BENCH_LARGE_RECONCILES ?? 3);
const KEYS = { clockify: 'ckf_bench_time_Q1w2E3r4T5y6U7', desktime: 'dtk_bench_time_A1s2D3f4G5h6J7', onedesk: 'odk_bench_time_Z1x2C3v4B5n6M7' };

const hex = (n: number, width = 24) => n.toString(16).padStart(width, '0');
const uuid = (n: number) => `00000000-0000-4000-8000-${hex(n, 12)}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

type Calls = { desktime: number; clockify: number; onedesk: number };
type Measured = { cold: { ms: number; calls: Calls }; warm: { p50: number; p95: number; max: number; calls: Calls }; errors: number; n: number; check: string };

/**
 * A team of `people` in all three vendors and one help desk group ("Bench
 * team"): each person 8 h tracked, three 2 h 30 m Clockify entries (one for
 * Person 07) and a 30 m OneDesk worklog per day over DAYS days. Measures
 * tools one call at a time through the official client, as Person 01 (staff).
 */
async function world(people: number) {
  const clockify = await startClockifyStandIn(KEYS.clockify);
  const desktime = await startDesktimeStandIn(KEYS.desktime, { timeZone: ZONE });
  const onedesk = await startOnedeskStandIn(KEYS.onedesk);
  const gw = await startTestGateway({
    catalog: connectorCatalog,
    env: {
      CLOCKIFY_API_KEY: KEYS.clockify,
      CLOCKIFY_BASE_URL: clockify.baseUrl,
      CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
      DESKTIME_API_KEY: KEYS.desktime,
      DESKTIME_BASE_URL: desktime.baseUrl,
      ONEDESK_API_KEY: KEYS.onedesk,
      ONEDESK_BASE_URL: onedesk.baseUrl,
    },
  });
  const close = async () => {
    await gw.close();
    await Promise.all([clockify.close(), desktime.close(), onedesk.close()]);
  };
  try {
    const today = dayIn(ZONE, new Date());
    const days = Array.from({ length: DAYS }, (_, i) => addDays(today, i - (DAYS - 1)));
    const at = (day: string, hours: number) => new Date(startOfDay(day, ZONE).getTime() + hours * 3600_000).toISOString();
    const helpdesk = gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
    const admin = (await gw.core.auth.listUsers()).find((u) => u.role === 'admin')!;
    const ids: string[] = [];
    let firstKey = '';
    // The OneDesk stand-in starts with its fixture's two users; the team's come first, as a real directory lists staff.
    onedesk.users.splice(0, onedesk.users.length);
    for (let p = 1; p <= people; p++) {
      const email = `p${p}@example.com`;
      const name = `Person ${String(p).padStart(3, '0')}`;
      const { user } = await gw.core.auth.ensureUser({ email, name, role: 'staff' });
      ids.push(user.id);
      if (p === 1) firstKey = (await gw.core.auth.createKey({ userId: user.id, name: 'bench' })).secret;
      const ck = hex(0xc000 + p);
      clockify.data.members.push({ id: ck, email, name, status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: ZONE, weekStart: 'MONDAY' } });
      onedesk.users.push({ id: 100 + p, externalId: uuid(p), firstName: 'Person', lastName: String(p).padStart(3, '0'), email });
      for (const [d, day] of days.entries()) {
        // 8 h tracked; 3 entries of 2 h 30 m logged and a 30 m worklog. Person 07 logs one entry only.
        const rows = desktime.days.get(day) ?? [];
        rows.push({ id: 1000 + p, name, email, arrived: `${day} 09:00:00`, left: `${day} 17:30:00`, desktimeTime: 8 * 3600, productiveTime: 7 * 3600 });
        desktime.days.set(day, rows);
        for (let e = 0; e < (p === 7 ? 1 : 3); e++) {
          clockify.data.timeEntries.push({
            id: hex(p * 1000 + d * 10 + e),
            description: `Work ${e}`,
            userId: ck,
            workspaceId: STAND_IN_WS,
            billable: e === 0,
            type: 'REGULAR',
            timeInterval: { start: at(day, 9 + e * 2.5), end: at(day, 11.5 + e * 2.5), duration: 'PT9000S' },
            hourlyRate: { amount: 8550, currency: 'EUR' },
          });
        }
        onedesk.timesheets.push({ id: p * 100 + d, itemId: 1042, itemName: 'Onboarding', authorExternalId: uuid(p), dateStart: at(day, 17), dateFinish: at(day, 17.5), works: 0.5 });
      }
    }
    const group = await helpdesk.service.groups.create(admin, { name: 'Bench team' });
    await helpdesk.service.groups.setMembers(admin, group.id, ids);

    const client = await connectClient('modern', gw.url, firstKey);
    const counts = (): Calls => ({ desktime: desktime.calls.length, clockify: clockify.calls.length, onedesk: onedesk.calls.length });
    const measure = async (tool: string, args: Record<string, unknown>, n: number): Promise<Measured> => {
      const latencies: number[] = [];
      const perCall: Calls[] = [];
      let errors = 0;
      let check = '';
      for (let i = 0; i < n; i++) {
        const before = counts();
        const started = performance.now();
        const result = (await client.callTool({ name: tool, arguments: args })) as { isError?: boolean; structuredContent?: Record<string, unknown> };
        latencies.push(performance.now() - started);
        const after = counts();
        perCall.push({ desktime: after.desktime - before.desktime, clockify: after.clockify - before.clockify, onedesk: after.onedesk - before.onedesk });
        if (result.isError || result.structuredContent?.partial) errors++;
        if (i === 0 && tool === 'time_reconcile' && !result.isError) {
          const out = result.structuredContent as { totals: { flagged: number; person_days: number } };
          check = `${out.totals.person_days} person-days, ${out.totals.flagged} flagged`;
        }
      }
      const warm = latencies.slice(1).sort((a, b) => a - b);
      const warmCalls = perCall.slice(1);
      const avg = (k: keyof Calls) => warmCalls.reduce((s, c) => s + c[k], 0) / Math.max(1, warmCalls.length);
      return { cold: { ms: latencies[0]!, calls: perCall[0]! }, warm: { p50: percentile(warm, 50), p95: percentile(warm, 95), max: warm[warm.length - 1] ?? NaN, calls: { desktime: avg('desktime'), clockify: avg('clockify'), onedesk: avg('onedesk') } }, errors, n, check };
    };
    return {
      days,
      measure,
      /** Clockify answers the reports host's time reports with 403, as for a key that is not a workspace admin or manager. */
      refuseReports: (on: boolean) => {
        clockify.forbidReports = on;
      },
      close: async () => {
        await client.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

const fmt = (n: number) => n.toFixed(1);
const split = (c: Calls) => `${fmt(c.desktime + c.clockify + c.onedesk)} (${fmt(c.desktime)} / ${fmt(c.clockify)} / ${fmt(c.onedesk)})`;
const line = (label: string, m: Measured) =>
  `| ${label} | ${split(m.cold.calls)} | ${fmt(m.cold.ms)} | ${split(m.warm.calls)} | ${fmt(m.warm.p50)} | ${fmt(m.warm.p95)} | ${fmt(m.warm.max)} | ${m.n} | ${m.errors} |`;

/** time_reconcile for the whole team over DAYS days: Clockify's workspace report, then (refused) one read per person. */
async function reconcileRows(people: number, n: number): Promise<{ report: Measured; perPerson: Measured }> {
  const w = await world(people);
  try {
    const args = { team: 'Bench team', range: `${w.days[0]}..${w.days[DAYS - 1]}`, limit: 200 };
    const report = await w.measure('time_reconcile', args, n);
    w.refuseReports(true);
    const perPerson = await w.measure('time_reconcile', args, n);
    return { report, perPerson };
  } finally {
    await w.close();
  }
}

/** TIME_BENCH_ONLY=large runs only the 200-person rows. */
export async function run(): Promise<string> {
  const onlyLarge = process.env.TIME_BENCH_ONLY === 'large';
  const rows: string[] = [];
  let check = '';
  if (!onlyLarge) {
    const w = await world(PEOPLE);
    try {
      const range = `${w.days[0]}..${addDays(w.days[0]!, 6)}`;
      rows.push(line('time_timesheet, one person, 7 days', await w.measure('time_timesheet', { range }, TIMESHEET_CALLS)));
    } finally {
      await w.close();
    }
    const small = await reconcileRows(PEOPLE, RECONCILE_CALLS);
    check = small.report.check;
    rows.push(line(`time_reconcile, ${PEOPLE} people × ${DAYS} days`, small.report), line(`time_reconcile, ${PEOPLE} × ${DAYS}, report refused (403): per person`, small.perPerson));
  }
  const large = await reconcileRows(LARGE_TEAM, LARGE_RECONCILE_CALLS);
  rows.push(line(`time_reconcile, ${LARGE_TEAM} people × ${DAYS} days`, large.report), line(`time_reconcile, ${LARGE_TEAM} × ${DAYS}, report refused (403): per person`, large.perPerson));
  return [
    `### Time across systems: a week's timesheet and ${PEOPLE} × ${DAYS} and ${LARGE_TEAM} × ${DAYS} reconciles`,
    '',
    `Through the real gateway and the official MCP client (2026-07-28), one call at a time, against loopback stand-ins of Clockify, DeskTime and OneDesk with the connectors' defaults (CLOCKIFY_MAX_RPS=10, ONEDESK_PAGE_SIZE=20, DESKGATE_CALL_TIMEOUT_MS=30000); the help desk is the gateway's own database. Each person has 8 h tracked, three 2 h 30 m Clockify entries (one for Person 007) and a 30 m OneDesk worklog per day over ${DAYS} days. Vendor calls are counted at the stand-ins: total (DeskTime / Clockify / OneDesk). The first call of each kind is cold (identity lookups, workspace, company zone, OneDesk user list); the rest are warm (those cached). time_timesheet: Person 001's own 7-day week in the ${PEOPLE}-person world; time_reconcile: the help desk group of the whole team, ${DAYS} days${check ? ` (${PEOPLE} people: ${check})` : ''}, first with Clockify's workspace detailed report (an admin key), then with the stand-in refusing that report with 403 as Clockify does for a key that may not read others' time in reports, so entries are read once per person (the path every reconcile took before). "partial or error" counts answers with a missing system. Latency in ms.`,
    '',
    '| request | vendor calls, cold | cold ms | vendor calls per request, warm | p50 ms | p95 ms | max ms | calls | partial or error |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `With the report, Clockify costs the member list (1 call per 200 members), 1 call asking whether the key is a workspace admin (only such a key reads the team from the report), plus 1 report call per 200 entries of the whole team, the first alone and the rest up to 4 in flight. Read per person, the time is mostly Clockify's client-side limiter: one entries call per person paced at CLOCKIFY_MAX_RPS per workspace (${LARGE_TEAM} calls at 10/s ≈ ${(LARGE_TEAM / 10).toFixed(0)} s), against a call deadline of 30 s. OneDesk's worklogs come 20 a call (ONEDESK_PAGE_SIZE) for the whole team, so they grow with the team's worklogs (${LARGE_TEAM} × ${DAYS} = ${LARGE_TEAM * DAYS}, the most one reconcile reads).`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (section) => console.log(section),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
