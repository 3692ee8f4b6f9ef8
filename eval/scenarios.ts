import type { HelpdeskRuntime } from '../connectors/helpdesk/runtime';
import { STAND_IN_ME, STAND_IN_WS } from '../tests/support/clockify-stand-in';
import type { CallResult, Scenario, ScenarioContext } from './harness';
import { at, DT, IDS, MIA_CK, SAM, SAM_CK, SAM_OD, ZONE } from './world';
import { dayIn } from '../src/format/dates';

/**
 * The sixteen everyday requests of issue #17, each as the tool calls a model
 * would make from Sam's default surface (staff key, every connector on its
 * default toolsets), in the order it would make them, with what the request
 * needs checked: what reached the vendor, and on whose account.
 */

type Row = Record<string, unknown>;
const WS = `/workspaces/${STAND_IN_WS}`;

/** A successful call's structured result, or a failed check saying what the error was. */
function ok(ctx: ScenarioContext, tool: string, result: CallResult): Row {
  ctx.check(`${tool} succeeds`, !result.isError, result.error ? `${result.error.code}: ${result.error.message}` : result.text.slice(0, 200));
  return result.data;
}

/** acted_as names Sam's own account in that system, through the shared key. */
function actedAsSam(ctx: ScenarioContext, tool: string, data: Row, userId: string) {
  const acted = data.acted_as as Row | undefined;
  ctx.check(`${tool} acted as Sam (${userId}), through the shared key`, acted?.how === 'shared_key_as_you' && acted.user_id === userId && acted.email === SAM.email, acted);
}

const sameSet = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Vendor requests made since `from` (Clockify stand-in). */
const clockifySince = (ctx: ScenarioContext, from: number) => ctx.world.clockify.calls.slice(from);

export const scenarios: Scenario[] = [
  {
    id: 1,
    request: 'New high-priority help desk tickets; reply to one with an internal note and set it In Progress',
    async run(ctx) {
      const { tickets } = ctx.world;
      const list = ok(ctx, 'helpdesk_list_tickets', await ctx.call('helpdesk_list_tickets', { status: 'New', priority: 'High' }));
      const items = (list.items as Row[] | undefined) ?? [];
      ctx.check('lists the two new High tickets of Sam\'s group', sameSet(items.map((t) => t.tracking_number), [tickets.laptop, tickets.mail]), items.map((t) => t.tracking_number));
      const target = String(items[0]?.tracking_number ?? tickets.laptop);
      const note = ok(ctx, 'helpdesk_reply_to_ticket', await ctx.call('helpdesk_reply_to_ticket', { ticket_id: target, body: 'Checking the boot logs remotely first.', is_internal: true }));
      const moved = ok(ctx, 'helpdesk_update_ticket_status', await ctx.call('helpdesk_update_ticket_status', { ticket_id: target, status_id: 'In Progress' }));
      ctx.check('the ticket is In Progress', JSON.stringify(moved).includes('In Progress'), moved);
      const detail = await helpdeskTicket(ctx, target);
      const reply = detail.replies.at(-1);
      ctx.check('the internal note is on the ticket, by Sam', reply?.is_internal === true && reply.author?.name === SAM.name, { note, reply });
      ctx.check('the ticket is In Progress in the help desk', detail.status?.name === 'In Progress', detail.status);
    },
  },
  {
    id: 2,
    request: 'Log 1.5 h yesterday from 14:00 in Clockify on a project and task, with a description',
    async run(ctx) {
      const from = ctx.world.clockify.calls.length;
      const y = ctx.world.yesterday;
      const logged = ok(
        ctx,
        'clockify_create_time_entry',
        await ctx.call('clockify_create_time_entry', { start: 'yesterday 14:00', duration: '1h30m', project: 'Acme website', task: 'Design', description: 'Pricing page wireframes' }),
      );
      const posts = clockifySince(ctx, from).filter((c) => c.method === 'POST');
      ctx.check('one POST, to Sam\'s own time entries', posts.length === 1 && posts[0]!.path === `${WS}/user/${SAM_CK}/time-entries`, posts.map((p) => p.path));
      const body = (posts[0]?.body ?? {}) as Row;
      ctx.check('yesterday 14:00-15:30 in Sam\'s zone', Date.parse(String(body.start)) === Date.parse(at(y, 14)) && Date.parse(String(body.end)) === Date.parse(at(y, 15.5)), body);
      ctx.check('on Acme website / Design with the description', body.projectId === IDS.acme && body.taskId === IDS.design && body.description === 'Pricing page wireframes', body);
      actedAsSam(ctx, 'clockify_create_time_entry', logged, SAM_CK);
    },
  },
  {
    id: 3,
    request: 'Is my timer running? Stop it',
    async run(ctx) {
      const running = ok(ctx, 'clockify_list_running_timers', await ctx.call('clockify_list_running_timers', { user_id: 'me' }));
      const timers = (running.time_entries ?? running.timers ?? running.items) as Row[] | undefined;
      ctx.check('shows Sam\'s running timer only (not the key owner\'s)', timers?.length === 1 && JSON.stringify(timers[0]).includes('Inbox'), running);
      const from = ctx.world.clockify.calls.length;
      const stopped = ok(ctx, 'clockify_stop_timer', await ctx.call('clockify_stop_timer', {}));
      const patches = clockifySince(ctx, from).filter((c) => c.method === 'PATCH');
      ctx.check('stopped through Sam\'s own user endpoint', patches.length === 1 && patches[0]!.path === `${WS}/user/${SAM_CK}/time-entries`, patches.map((p) => p.path));
      const stillRunning = ctx.world.clockify.data.timeEntries.filter((e) => (e.timeInterval as Row).end === null).map((e) => e.userId);
      ctx.check("the key owner's timer still runs, Sam's does not", sameSet(stillRunning, [STAND_IN_ME]), stillRunning);
      actedAsSam(ctx, 'clockify_stop_timer', stopped, SAM_CK);
    },
  },
  {
    id: 4,
    request: 'My hours per project last week and the billable amount',
    async run(ctx) {
      const from = ctx.world.clockify.calls.length;
      const report = ok(ctx, 'clockify_get_summary_report', await ctx.call('clockify_get_summary_report', { start: 'last_week', users: ['me'], group_by: ['project'] }));
      const post = clockifySince(ctx, from).find((c) => c.host === 'reports');
      const body = (post?.body ?? {}) as Row;
      ctx.check('asked for Sam only', JSON.stringify((body.users as Row | undefined)?.ids) === JSON.stringify([SAM_CK]), body.users);
      ctx.check('last week, Monday to Sunday', String(body.dateRangeStart).startsWith(ctx.world.lastMonday) || Date.parse(String(body.dateRangeStart)) === Date.parse(at(ctx.world.lastMonday, 0)), body.dateRangeStart);
      const text = JSON.stringify(report);
      ctx.check('7 h on Acme website and 2 h on Internal', /Acme website/.test(text) && text.includes('25200') && text.includes('7200'), report);
      ctx.check('billable amount 598.50 EUR as a decimal', text.includes('598.5') && text.includes('EUR'), report.totals);
    },
  },
  {
    id: 5,
    request: 'What did Mia work on yesterday?',
    async run(ctx) {
      const from = ctx.world.clockify.calls.length;
      // "Mia" is the only Mia in the workspace: a first name is enough.
      const entries = ok(ctx, 'clockify_list_time_entries', await ctx.call('clockify_list_time_entries', { user: 'Mia', start: 'yesterday' }));
      const gets = clockifySince(ctx, from).filter((c) => c.method === 'GET' && c.path.includes('/time-entries'));
      ctx.check("read Mia Schneider's entries", gets.length > 0 && gets.every((g) => g.path === `${WS}/user/${MIA_CK}/time-entries`), gets.map((g) => g.path));
      const described = ((entries.time_entries as Row[] | undefined) ?? []).map((e) => e.description);
      ctx.check("yesterday's two entries, hers only", sameSet(described, ['Homepage hero images', 'Sprint planning']), described);
    },
  },
  {
    id: 6,
    request: 'Who was at work today in DeskTime, and how productive?',
    async run(ctx) {
      const day = ok(ctx, 'desktime_list_employees', await ctx.call('desktime_list_employees', { date: 'today' }));
      const rows = (((day.days as Row[] | undefined)?.[0]?.employees ?? day.employees) as Row[] | undefined) ?? [];
      const byName = (name: string) => rows.find((r) => r.name === name);
      ctx.check("today in the company's zone", JSON.stringify(day).includes(ctx.world.today), (day.days as Row[] | undefined)?.map((d) => d.date));
      ctx.check('Sam and Mia arrived, Max did not', Boolean(byName(SAM.name)?.arrived_at) && Boolean(byName('Mia Schneider')?.arrived_at) && !byName('Max Keller')?.arrived_at, rows.map((r) => [r.name, r.arrived_at]));
      ctx.check('productive time per person (Sam 5 h of 6 h tracked)', JSON.stringify(byName(SAM.name)).includes(String(5 * 3600)) && JSON.stringify(byName(SAM.name)).includes(String(6 * 3600)), byName(SAM.name));
    },
  },
  {
    id: 7,
    request: 'Start, then stop, tracking a DeskTime project',
    note: "refused by design: DeskTime tracks only the shared key's owner (Alice); the error says how Sam links his own key, and nothing is tracked on Alice",
    async run(ctx) {
      const before = ctx.world.desktime.calls.length;
      const started = await ctx.call('desktime_start_project_task', { project: 'Acme website', task: 'Design' });
      const sent = ctx.world.desktime.calls.slice(before).map((c) => c.path);
      ctx.check("nothing started on the key owner's account", !sent.some((p) => p.includes('start-project')), sent);
      ctx.check('refused, saying how to track as Sam (link a personal DeskTime key)', started.isError && started.error?.code === 'precondition_failed' && /credentials set desktime/.test(started.error.hint ?? ''), started.error ?? started.data);
      // The model reports the refusal rather than calling stop for a tracking that never started.
    },
  },
  {
    id: 8,
    request: 'Open OneDesk tickets; log 30 minutes on the oldest',
    note: 'refused by design: a shared OneDesk key logs work only as its owner; the error says how Sam links his own key',
    async run(ctx) {
      const list = ok(ctx, 'onedesk_list_items', await ctx.call('onedesk_list_items', { type: 'ticket' }));
      const items = ((list.items ?? list.tickets) as Row[] | undefined) ?? [];
      const oldest = [...items].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)))[0];
      ctx.check('finds the oldest ticket (1042, Printer on floor 2 jams)', oldest?.id === 1042, items.map((i) => [i.id, i.created_at]));
      const before = ctx.world.onedesk.calls.length;
      const logged = await ctx.call('onedesk_create_worklog', { item_id: Number(oldest?.id ?? 1042), start: new Date(Date.now() - 30 * 60_000).toISOString(), hours: '30m', comment: 'Replaced the fuser' });
      const posts = ctx.world.onedesk.calls.slice(before).filter((c) => c.method === 'POST' && c.path.startsWith('/timesheets/') && !c.path.includes('filter'));
      ctx.check('nothing logged on the key owner\'s account', posts.length === 0, posts);
      ctx.check(
        'refused, saying how to log it as Sam (link a personal OneDesk key)',
        logged.isError && logged.error?.code === 'precondition_failed' && /credentials/.test(logged.error.hint ?? ''),
        logged.error ?? logged.data,
      );
    },
  },
  {
    id: 9,
    request: 'Delete a OneDesk ticket (a clear refusal with alternatives)',
    async run(ctx) {
      // No call: the instructions already say OneDesk cannot delete and what to do instead.
      ctx.check('the delete tools are not listed', ![...ctx.listed].some((t) => t.startsWith('onedesk_delete_')));
      ctx.check('the instructions say OneDesk cannot delete', /OneDesk's API cannot delete/i.test(ctx.instructions), ctx.instructions.slice(0, 200));
      ctx.check('…and name a listed alternative (onedesk_update_item, status)', /close or cancel an item with onedesk_update_item/.test(ctx.instructions) && ctx.listed.has('onedesk_update_item'));
    },
  },
  {
    id: 10,
    request: 'Create a Clockify client and a project for it billed at 90 EUR/h',
    async run(ctx) {
      const from = ctx.world.clockify.calls.length;
      const client = ok(ctx, 'clockify_create_client', await ctx.call('clockify_create_client', { name: 'Globex' }));
      const project = ok(
        ctx,
        'clockify_create_project',
        await ctx.call('clockify_create_project', { name: 'Globex rollout', client: 'Globex', billable: true, hourly_rate: { amount: 90, currency: 'EUR' } }),
      );
      const posts = clockifySince(ctx, from).filter((c) => c.method === 'POST');
      const clientId = (ctx.world.clockify.data.clients.find((c) => c.name === 'Globex') ?? {}).id;
      const body = (posts.find((p) => p.path === `${WS}/projects`)?.body ?? {}) as Row;
      ctx.check('the client was created', clientId !== undefined, client);
      // The project body's rate has no currency: Clockify bills in the workspace's (EUR here).
      const rate = body.hourlyRate as Row | undefined;
      ctx.check('the project is the client\'s, billable, at 90.00 EUR/h (9000 cents)', body.clientId === clientId && body.billable === true && rate?.amount === 9000 && (rate.currency ?? 'EUR') === 'EUR', body);
      ctx.check('the result shows the rate as a decimal amount', JSON.stringify(project).includes('"amount":90') && JSON.stringify(project).includes('Globex'), project);
    },
  },
  {
    id: 11,
    request: 'Resolve a help desk ticket and log the 45 minutes spent in Clockify',
    async run(ctx) {
      const { vpn } = ctx.world.tickets;
      ok(ctx, 'helpdesk_update_ticket_status', await ctx.call('helpdesk_update_ticket_status', { ticket_id: vpn, status_id: 'Resolved' }));
      const from = ctx.world.clockify.calls.length;
      const logged = ok(ctx, 'time_log_for_ticket', await ctx.call('time_log_for_ticket', { ticket: vpn, time: '45m', description: 'Reset the VPN client profile' }));
      const detail = await helpdeskTicket(ctx, vpn);
      ctx.check('the ticket is Resolved', detail.status?.name === 'Resolved', detail.status);
      const posts = clockifySince(ctx, from).filter((c) => c.method === 'POST');
      const body = (posts[0]?.body ?? {}) as Row;
      ctx.check(
        "one entry of 45 minutes on Support (the operator's mapping), naming the ticket, on Sam's account",
        posts.length === 1 && posts[0]!.path === `${WS}/user/${SAM_CK}/time-entries` && Date.parse(String(body.end)) - Date.parse(String(body.start)) === 45 * 60_000 && body.projectId === IDS.support && String(body.description).includes(vpn),
        posts.map((p) => [p.path, p.body]),
      );
      const note = detail.replies.at(-1);
      ctx.check("the ticket's internal note names the entry, by Sam", note?.is_internal === true && note.author?.name === SAM.name && typeof logged.ticket_note === 'string', { note, ticket_note: logged.ticket_note });
      actedAsSam(ctx, 'time_log_for_ticket', logged, SAM_CK);
    },
  },
  {
    id: 12,
    request: 'Compare my DeskTime tracked time with my Clockify entries yesterday',
    async run(ctx) {
      const { yesterday, clockify } = ctx.world;
      const sheet = ok(ctx, 'time_my_day', await ctx.call('time_my_day', { day: 'yesterday' }));
      const day = ((sheet.days as Row[] | undefined) ?? [])[0] ?? {};
      const sources = (sheet.sources as Row[] | undefined) ?? [];
      ctx.check('DeskTime and Clockify both read', ['DeskTime', 'Clockify'].every((s) => sources.some((x) => x.system === s && x.status === 'ok')), sources);
      ctx.check('…as Sam in each (not the key owner)', sources.filter((x) => x.system === 'DeskTime' || x.system === 'Clockify').every((x) => String(x.from).includes(SAM.name)), sources.map((x) => x.from));
      const tracked = ((day.desktime as Row | undefined)?.tracked as Row | undefined)?.seconds;
      ctx.check("Sam's DeskTime day: 7 h tracked", tracked === 7 * 3600, day.desktime);
      const mine = clockify.data.timeEntries.filter((e) => e.userId === SAM_CK && dayIn(ZONE, new Date((e.timeInterval as { start: string }).start)) === yesterday);
      const logged = mine.reduce((sum, e) => sum + (Date.parse((e.timeInterval as { end: string }).end) - Date.parse((e.timeInterval as { start: string }).start)) / 1000, 0);
      const total = ((day.clockify as Row | undefined)?.total as Row | undefined)?.seconds;
      ctx.check("Sam's Clockify entries of yesterday, totalled", logged > 0 && total === logged, { total, logged });
      ctx.check('the difference is stated', JSON.stringify(day.differences ?? {}).includes(String(7 * 3600 - logged)), day.differences);
    },
  },
  {
    id: 13,
    request: 'Archive and delete a tag',
    async run(ctx) {
      const from = ctx.world.clockify.calls.length;
      const archived = ok(ctx, 'clockify_update_tag', await ctx.call('clockify_update_tag', { tag: 'overtime', archived: true }));
      const tagId = String((archived.tag as Row | undefined)?.id ?? '');
      ok(ctx, 'clockify_delete_tag', await ctx.call('clockify_delete_tag', { tag_id: tagId }));
      const writes = clockifySince(ctx, from).filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
      ctx.check('archived, then deleted, the overtime tag', JSON.stringify(writes) === JSON.stringify([`PUT ${WS}/tags/${IDS.overtime}`, `DELETE ${WS}/tags/${IDS.overtime}`]), writes);
      ctx.check('the other tag is untouched', ctx.world.clockify.data.tags.some((t) => t.id === IDS.meeting && t.archived === false));
    },
  },
  {
    id: 14,
    request: "Last week's weekly report for the team, by user",
    async run(ctx) {
      const report = ok(ctx, 'clockify_get_weekly_report', await ctx.call('clockify_get_weekly_report', { start: 'last_week', group_by: 'user' }));
      const text = JSON.stringify(report);
      ctx.check('one row per person who tracked: Sam 9 h, Mia 8 h, Alice 6 h', ['Sam Support', 'Mia Schneider', 'Alice Moreau'].every((n) => text.includes(n)) && text.includes('32400') && text.includes('28800') && text.includes('21600'), report);
    },
  },
  {
    id: 15,
    request: 'Rename a project, nothing else changed',
    async run(ctx) {
      const before = { ...ctx.world.clockify.data.projects.find((p) => p.id === IDS.intranet)! };
      const from = ctx.world.clockify.calls.length;
      ok(ctx, 'clockify_update_project', await ctx.call('clockify_update_project', { project: 'Intranet', name: 'Intranet 2.0' }));
      const puts = clockifySince(ctx, from).filter((c) => c.method === 'PUT');
      ctx.check('one PUT, to the Intranet project', puts.length === 1 && puts[0]!.path === `${WS}/projects/${IDS.intranet}`, puts.map((p) => p.path));
      // Clockify's PUT replaces the whole project: everything not renamed must be sent back as it was.
      const body = (puts[0]?.body ?? {}) as Row;
      const kept: [string, unknown, unknown][] = [
        ['client', before.clientId, body.clientId],
        ['billable', before.billable, body.billable],
        ['visibility', before.public, body.isPublic],
        ['color', before.color, body.color],
        ['note', before.note, body.note],
        ['archived', before.archived, body.archived],
        ['hourly rate', (before.hourlyRate as Row).amount, (body.hourlyRate as Row | undefined)?.amount],
      ];
      ctx.check('renamed', body.name === 'Intranet 2.0', body.name);
      const changed = kept.filter(([, was, sent]) => JSON.stringify(was) !== JSON.stringify(sent));
      ctx.check('nothing else changed (client, billable, visibility, color, note, archived, rate)', changed.length === 0, changed);
    },
  },
  {
    id: 16,
    request: '"What can you do for me?" from the instructions and the list',
    async run(ctx) {
      const me = ok(ctx, 'deskgate_whoami', await ctx.call('deskgate_whoami', {}));
      ctx.check('whoami names Sam', JSON.stringify(me.you) === JSON.stringify({ name: SAM.name, email: SAM.email, role: 'staff' }), me.you);
      const connectors = (me.connectors as Row[] | undefined) ?? [];
      const clockify = connectors.find((c) => c.connector === 'clockify');
      ctx.check('in Clockify Sam is himself, through the shared key', (clockify?.you as Row | undefined)?.id === SAM_CK && clockify?.writes === 'shared_key_as_you', clockify);
      const onedesk = connectors.find((c) => c.connector === 'onedesk');
      ctx.check('in OneDesk Sam is matched to his own user', (onedesk?.you as Row | undefined)?.id === SAM_OD, onedesk);
      ctx.check('the instructions name no tool this key cannot call', !ctx.namesUnlisted(ctx.instructions));
      const pointing = ctx.listing.filter((t) => ctx.namesUnlisted(t.text)).map((t) => t.name);
      ctx.check('no listed tool\'s description or input names a tool this key cannot call', pointing.length === 0, pointing);
      const desktime = connectors.find((c) => c.connector === 'desktime');
      ctx.check('in DeskTime Sam is matched to his own employee', String((desktime?.you as Row | undefined)?.id) === String(DT.sam), desktime);
      for (const prefix of ['helpdesk_', 'clockify_', 'onedesk_', 'desktime_', 'time_']) ctx.check(`the instructions cover ${prefix} tools`, ctx.instructions.includes(`${prefix} tools`));
    },
  },
];

/** The help desk's own view of a ticket (what a person sees in the web UI), not a model call. */
async function helpdeskTicket(ctx: ScenarioContext, ref: string) {
  const helpdesk = ctx.world.gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
  const admin = (await ctx.world.gw.core.auth.listUsers()).find((u) => u.role === 'admin')!;
  return (await helpdesk.service.tickets.get(admin, ref)) as {
    status?: { name?: string };
    replies: { is_internal?: boolean; author?: { name?: string } }[];
  };
}
