import { z } from 'zod';
import { GatewayError, invalidArgument, notFound } from '../../src/errors';
import { addDays, resolveSpan, startOfDay } from '../../src/format/dates';
import { vendorPath } from '../../src/vendor-http/path';
import { vendorUser } from '../clockify/schemas';
import { vendorGroup } from '../clockify/tools/object-shapes';
import { daysOf, entrySeconds, reconcileRowOut, reconcileRows, reconcileTotals, reconcileTotalsOut, secondsPerDay, type PersonTotals } from './day';
import type { TimeContext } from './runtime';
import { usersWithEmail } from '../onedesk/organization';
import { clockifyEntries, clockifyKeyReadsWorkspace, clockifyTeamEntries, desktimeRows, failed, MAX_WORKLOGS, READ, onedeskWorklogs, sourceOut, trackedByEmail, type SourceOut } from './sources';
import { reach, SYSTEM_NAMES, type Reached } from './systems';
import { DEFAULT_TOLERANCE_MINUTES, MAX_DAYS } from './timesheet';

/**
 * time_reconcile: a team's DeskTime tracked time against what they logged in
 * Clockify and OneDesk, per person and day. Vendor calls, for the whole team
 * whatever its size: DeskTime 1-2 (one per month, every employee at once);
 * Clockify the member list (1 per 200 members), whether the key is a
 * workspace admin (1), plus the workspace detailed report, 1 per 200 entries
 * (the first, then up to 4 in flight); OneDesk the user list (1 per 20 users,
 * up to 1,000, cached 5 minutes) plus 1 per 20 worklogs; 1 group lookup for a
 * Clockify group. Only when the key is not a workspace admin or owner (its
 * report could silently hold only the people it may see) or Clockify refuses
 * it the report (403; 402: plan; 404: no report route on the configured
 * reports host) are entries read once per person (8 in flight, paced by
 * CLOCKIFY_MAX_RPS), and the answer says so.
 */

export const DEFAULT_LIMIT = 50;
/** Per-person entries reads in flight at once (the fallback): enough to keep Clockify's limiter (CLOCKIFY_MAX_RPS, default 10/s) busy. */
const CLOCKIFY_CONCURRENCY = 8;

/** Runs `work` over `items`, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/** Clockify refused the key its workspace report (403 role, 402 plan, 404 no such route on the reports host): the per-person reads may still work. */
function reportRefused(thrown: unknown): number | undefined {
  return thrown instanceof GatewayError && (thrown.vendorStatus === 403 || thrown.vendorStatus === 402 || thrown.vendorStatus === 404) ? thrown.vendorStatus : undefined;
}
export const MAX_LIMIT = 200;

export const reconcileOut = z.object({
  team: z.object({ kind: z.enum(['helpdesk_group', 'clockify_group', 'everyone']), name: z.string(), people: z.number().int() }),
  from: z.string(),
  to: z.string(),
  time_zone: z.string(),
  tolerance_minutes: z.number(),
  totals: reconcileTotalsOut.describe('Over every row, not just this page.'),
  partial: z.boolean(),
  sources: z.array(sourceOut),
  rows: z.array(reconcileRowOut),
  next_cursor: z.string().nullable(),
});
export type ReconcileOut = z.infer<typeof reconcileOut>;

interface Member {
  email: string;
  name: string;
}

type Team = { kind: 'helpdesk_group' | 'clockify_group' | 'everyone'; name: string; members: Member[] | 'everyone' };

const lower = (s: string) => s.trim().toLowerCase();

function fingerprint(parts: unknown[]): string {
  let h = 0;
  for (const ch of JSON.stringify(parts)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return (h >>> 0).toString(36);
}

export function encodeCursor(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, p: print })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, print: string): number {
  if (!cursor) return 0;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; p?: unknown };
    if (v.p === print && typeof v.o === 'number' && Number.isSafeInteger(v.o) && v.o >= 0) return v.o;
  } catch {
    // below
  }
  throw invalidArgument('cursor does not belong to this team, range and tolerance.', {
    connector: 'time',
    fields: [{ field: 'cursor', problem: 'not a next_cursor of this query' }],
    hint: 'Pass next_cursor with the same team, range and tolerance_minutes, or omit it for the first page.',
  });
}

/** A help desk group, else a Clockify user group, by name or id; none or "everyone": everyone DeskTime, Clockify or OneDesk knows. */
async function resolveTeam(ctx: TimeContext, team: string | undefined, clockify: Reached<'clockify'> | undefined): Promise<Team> {
  if (!team || lower(team) === 'everyone') return { kind: 'everyone', name: 'everyone', members: 'everyone' };
  try {
    const helpdesk = await reach(ctx, 'helpdesk', READ);
    const group = await helpdesk.ctx.runtime.service.groups.membersOf(ctx.principal.user, team);
    if (group) {
      const members: Member[] = [];
      for (const id of group.userIds) {
        const user = await ctx.runtime.users.getUser(id);
        if (user) members.push({ email: lower(user.email), name: user.name });
      }
      return { kind: 'helpdesk_group', name: group.name, members };
    }
  } catch {
    // No help desk (off or refused): try Clockify.
  }
  if (clockify) {
    const rt = clockify.ctx.runtime;
    const ws = await rt.workspaceId(clockify.ctx);
    const groups = await rt.api.all(clockify.ctx, vendorPath('/workspaces/{workspace_id}/user-groups', { workspace_id: ws }), vendorGroup, { operation: 'list user groups' }, 500);
    const group = groups.find((g) => g.id === team.trim()) ?? groups.find((g) => lower(g.name ?? '') === lower(team));
    if (group) {
      const members: Member[] = [];
      for (const id of group.userIds ?? []) {
        const m = await rt.member(clockify.ctx, ws, id);
        if (m?.email) members.push({ email: lower(m.email), name: m.name ?? m.email });
      }
      return { kind: 'clockify_group', name: group.name ?? group.id, members };
    }
  }
  throw notFound(`No help desk group or Clockify user group is named "${team.slice(0, 60)}".`, {
    connector: 'time',
    hint: 'Name a help desk group or Clockify user group exactly (or by id), or omit team for everyone.',
  });
}

export async function reconcile(ctx: TimeContext, args: { team?: string; range?: string; tolerance_minutes?: number; limit?: number; cursor?: string }): Promise<ReconcileOut> {
  const now = ctx.runtime.now();
  const sources: SourceOut[] = [];
  const tryReach = async <S extends 'desktime' | 'clockify' | 'onedesk'>(system: S): Promise<Reached<S> | undefined> => {
    try {
      return await reach(ctx, system, READ);
    } catch (thrown) {
      const f = failed(thrown, system);
      sources.push({ system: SYSTEM_NAMES[system], status: f.status, from: null, detail: f.detail });
      return undefined;
    }
  };
  const [desktime, clockify, onedesk] = await Promise.all([tryReach('desktime'), tryReach('clockify'), tryReach('onedesk')]);

  // Days are DeskTime's company days when it is there, else the gateway's.
  let zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (desktime) {
    try {
      zone = await desktime.ctx.runtime.forCaller(desktime.ctx).companyTimeZone();
    } catch {
      // The read below names DeskTime if it is down.
    }
  }
  const span = resolveSpan(args.range ?? 'this week', { timeZone: zone, now, field: 'range', connector: 'time' });
  const days = daysOf(span.start, span.end);
  if (days.length > MAX_DAYS) {
    throw invalidArgument(`${span.start}..${span.end} is ${days.length} days; at most ${MAX_DAYS}.`, {
      connector: 'time',
      fields: [{ field: 'range', problem: `more than ${MAX_DAYS} days` }],
      hint: 'Reconcile at most a month per call.',
    });
  }
  const tolerance = args.tolerance_minutes ?? DEFAULT_TOLERANCE_MINUTES;
  const limit = Math.min(Math.max(args.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const print = fingerprint([args.team ?? 'everyone', span, tolerance]);
  const offset = decodeCursor(args.cursor, print);
  const from = startOfDay(span.start, zone);
  const to = startOfDay(addDays(span.end, 1), zone);
  const team = await resolveTeam(ctx, args.team, clockify);

  // A key that is not a workspace admin could get a report of only the people it may see, silently: it reads per person (asked beside the reads below).
  const adminCheck = clockify ? clockifyKeyReadsWorkspace(clockify).catch((thrown: unknown) => failed(thrown, 'clockify')) : undefined;
  // What each system has, for everyone (one read per system, in parallel).
  const [tracked, members, worklogs, onedeskUsers] = await Promise.all([
    desktime
      ? desktimeRows(desktime, days).then(
          (r) => ({ ok: true as const, byEmail: trackedByEmail(r.rows) }),
          (e: unknown) => failed(e, 'desktime'),
        )
      : undefined,
    clockify
      ? (async () => {
          const ws = await clockify.ctx.runtime.workspaceId(clockify.ctx);
          const users = await clockify.ctx.runtime.api.all(clockify.ctx, vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }), vendorUser, { operation: 'list users' });
          return { ok: true as const, byEmail: new Map(users.filter((u) => u.email).map((u) => [lower(u.email!), { id: u.id, name: u.name ?? null }])) };
        })().catch((e: unknown) => failed(e, 'clockify'))
      : undefined,
    onedesk ? onedeskWorklogs(onedesk, undefined, from, to).then((w) => ({ ok: true as const, list: w }), (e: unknown) => failed(e, 'onedesk')) : undefined,
    // OneDesk's people, matched by email like the others (the connector's cached user directory).
    onedesk
      ? usersWithEmail(onedesk.ctx).then(
          (u) => ({ ok: true as const, byEmail: new Map(u.users.map((x) => [x.email, x])), read: u.read, more: u.more }),
          (e: unknown) => failed(e, 'onedesk'),
        )
      : undefined,
  ]);

  // The people: the team's, or everyone DeskTime, Clockify or OneDesk knows.
  let people: Member[];
  if (team.members !== 'everyone') people = team.members;
  else {
    const seen = new Map<string, Member>();
    if (tracked?.ok) for (const [email, p] of tracked.byEmail) seen.set(email, { email, name: p.name ?? email });
    if (members?.ok) for (const [email, p] of members.byEmail) if (!seen.has(email)) seen.set(email, { email, name: p.name ?? email });
    if (onedeskUsers?.ok) for (const [email, p] of onedeskUsers.byEmail) if (!seen.has(email)) seen.set(email, { email, name: p.name ?? email });
    people = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  // Clockify: the workspace detailed report for the whole team at once; per person only when Clockify refuses the key that report.
  const clockifyFailures: string[] = [];
  const clockifyByEmail = new Map<string, Map<string, number>>();
  let clockifyFrom = 'Clockify members and the workspace detailed report';
  let clockifyNote: string | null = null;
  let clockifyFailed: ReturnType<typeof failed> | undefined;
  if (clockify && members?.ok) {
    const matched = people.flatMap((p) => {
      const member = members.byEmail.get(p.email);
      return member ? [{ email: p.email, id: member.id }] : [];
    });
    let refusedWith: number | undefined;
    let notAdmin = false;
    const admin = matched.length ? await adminCheck! : false;
    if (typeof admin !== 'boolean') clockifyFailed = admin;
    else notAdmin = matched.length > 0 && !admin;
    if (admin === true) {
      try {
        // "everyone" is every member: no users filter needed.
        const ids = team.members === 'everyone' ? undefined : matched.map((m) => m.id);
        const report = await clockifyTeamEntries(clockify, ids, days, zone, now);
        const byUser = new Map<string, typeof report.entries>();
        for (const e of report.entries) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
        for (const m of matched) clockifyByEmail.set(m.email, secondsPerDay(byUser.get(m.id) ?? [], (e) => e.start, (e) => e.seconds, zone));
        clockifyFrom = `Clockify members and the workspace detailed report (${report.calls} call${report.calls === 1 ? '' : 's'})`;
        if (report.total !== null && report.total > report.entries.length) clockifyNote = `The detailed report has ${report.total} entries; the first ${report.entries.length} were read (shorten the range or the team).`;
      } catch (thrown) {
        refusedWith = reportRefused(thrown);
        if (refusedWith === undefined) clockifyFailed = failed(thrown, 'clockify');
      }
    }
    if (refusedWith !== undefined || notAdmin) {
      clockifyFrom = "Clockify members and each one's time entries";
      const why =
        refusedWith === 402 ? "the workspace's plan" : refusedWith === 404 ? 'the reports host has no such route; check CLOCKIFY_REPORTS_BASE_URL' : "reading others' time in reports needs a workspace admin or manager key";
      clockifyNote = notAdmin
        ? `This Clockify key's user is not a workspace admin or owner, so a workspace report could hold only the people it may see without saying so; entries were read once per person instead (${matched.length} calls), and anyone it may not read is named. An admin key reads the whole team in a few calls.`
        : `Clockify refused this key the workspace detailed report (HTTP ${refusedWith}: ${why}), so entries were read once per person (${matched.length} calls); an admin key reads the whole team in a few.`;
      await inParallel(matched, CLOCKIFY_CONCURRENCY, async (m) => {
        try {
          const entries = await clockifyEntries(clockify, m.id, from, to);
          clockifyByEmail.set(m.email, secondsPerDay(entries, (e) => e.start, (e) => entrySeconds(e, now), zone));
        } catch (thrown) {
          clockifyFailures.push(`${m.email}: ${failed(thrown, 'clockify').detail}`);
        }
      });
    }
  }
  // OneDesk: worklog authors by the person's OneDesk account (matched by email in the user directory).
  const onedeskByEmail = new Map<string, Map<string, number>>();
  const onedeskMissing = new Set<string>();
  if (onedesk && worklogs?.ok && onedeskUsers?.ok) {
    for (const p of people) {
      const account = onedeskUsers.byEmail.get(p.email);
      if (!account) {
        onedeskMissing.add(p.email);
        continue;
      }
      const mine = worklogs.list.filter((w) => w.author === account.id);
      onedeskByEmail.set(p.email, secondsPerDay(mine, (w) => w.start ?? w.finish, (w) => w.seconds, zone));
    }
  }

  const totals: PersonTotals[] = people.map((p) => {
    const notes: string[] = [];
    const t = tracked?.ok ? tracked.byEmail.get(p.email)?.days : undefined;
    if (tracked?.ok && !t) notes.push(`DeskTime: no employee has the email ${p.email}`);
    const c = clockifyByEmail.get(p.email);
    if (members?.ok && !members.byEmail.has(p.email)) notes.push(`Clockify: no workspace member has the email ${p.email}`);
    const o = onedeskByEmail.get(p.email);
    if (onedeskMissing.has(p.email)) notes.push(`OneDesk: no user has the email ${p.email}`);
    return { person: p, tracked: t, clockify: c, onedesk: o, notes };
  });
  const rows = reconcileRows(totals, days, tolerance * 60);

  type Read = { ok: true } | { ok: false; status: SourceOut['status']; detail: string } | undefined;
  const state = (system: 'desktime' | 'clockify' | 'onedesk', result: Read, from: string, detail: string | null = null) => {
    if (result === undefined) return; // already named when it could not be reached
    sources.push(result.ok ? { system: SYSTEM_NAMES[system], status: 'ok', from, detail } : { system: SYSTEM_NAMES[system], status: result.status, from: null, detail: result.detail });
  };
  state('desktime', tracked, `DeskTime GET /employees (${days.length === 1 ? 'day' : 'month'}), every employee`);
  state('clockify', members?.ok && clockifyFailed ? clockifyFailed : members, clockifyFrom, clockifyNote);
  if (clockifyFailures.length) sources.push({ system: SYSTEM_NAMES.clockify, status: 'unreachable', from: null, detail: `Entries could not be read for ${clockifyFailures.slice(0, 5).join('; ')}` });
  const onedeskNotes = [
    worklogs?.ok && worklogs.list.length >= MAX_WORKLOGS ? `Only the first ${MAX_WORKLOGS} worklogs in the range were read; shorten the range.` : '',
    onedeskUsers?.ok && onedeskUsers.more ? `OneDesk people are matched among its first ${onedeskUsers.read} users; someone past them shows as having no OneDesk user.` : '',
  ].filter(Boolean);
  state('onedesk', worklogs?.ok && onedeskUsers && !onedeskUsers.ok ? onedeskUsers : worklogs, 'OneDesk users and the worklogs of everyone in the range', onedeskNotes.join(' ') || null);
  const order = ['DeskTime', 'Clockify', 'OneDesk'];
  sources.sort((a, b) => order.indexOf(a.system) - order.indexOf(b.system));

  const page = rows.slice(offset, offset + limit);
  return {
    team: { kind: team.kind, name: team.name, people: people.length },
    from: span.start,
    to: span.end,
    time_zone: zone,
    tolerance_minutes: tolerance,
    totals: reconcileTotals(totals, rows),
    partial: sources.some((s) => s.status !== 'ok'),
    sources,
    rows: page,
    next_cursor: offset + limit < rows.length ? encodeCursor(offset + limit, print) : null,
  };
}
