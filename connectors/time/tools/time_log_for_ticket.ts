import { z } from 'zod';
import { GatewayError, invalidArgument, toGatewayError } from '../../../src/errors';
import { actedAsOut, type ActedAs } from '../../../src/identity/identity';
import { formatInZone, parseTimeSpan, SPAN_HELP } from '../../../src/format/dates';
import { DURATION_HELP, durationOut, parseDuration, readableDuration, toDuration } from '../../../src/format/duration';
import { closestByName } from '../../../src/format/names';
import { createEntry } from '../../clockify/tools/time-entry-create';
import { logWork } from '../../onedesk/tools/onedesk_create_worklog';
import { ONEDESK_TIME_ZONE } from '../../onedesk/tools/item-tools';
import { mappedProject, type TimeTarget } from '../config';
import { defineTool, type TimeContext } from '../runtime';
import { reach } from '../systems';
import { loadTicket, type TicketRef } from '../tickets';

const MAX_SECONDS = 24 * 3600;

const entryOut = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  duration: durationOut,
  description: z.string().nullable(),
  project: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  link: z.string().nullable().describe('Where to open it, when known.'),
});
type EntryOut = z.infer<typeof entryOut>;

const output = z.object({
  ticket: z.object({ system: z.enum(['helpdesk', 'onedesk']), id: z.string(), reference: z.string(), subject: z.string() }),
  logged_to: z.enum(['clockify', 'onedesk']),
  entry: entryOut,
  duplicate_of_recent: z.boolean().describe('True: the same call in the last 10 minutes made this entry; nothing new was logged.'),
  ticket_note: z.string().describe('The internal note on a help desk ticket, or why there is none.'),
  acted_as: actedAsOut,
});
type Output = z.infer<typeof output>;

/** The work's start and end from the caller's words: a span, or a duration that just ended. */
export function workSpan(time: string | number, timeZone: string, now: Date): { start: Date; end: Date } {
  const context = { timeZone, now, field: 'time', connector: 'time' };
  const span = typeof time === 'string' ? parseTimeSpan(time, context) : undefined;
  let start: Date;
  let end: Date;
  if (span) ({ start, end } = span);
  else {
    let seconds: number;
    try {
      seconds = parseDuration(time, { field: 'time', connector: 'time', maxSeconds: MAX_SECONDS });
    } catch (thrown) {
      const error = toGatewayError(thrown, 'time');
      throw invalidArgument(`"${String(time).slice(0, 60)}" is neither a duration nor a span of time.`, {
        connector: 'time',
        fields: [{ field: 'time', problem: error.fields?.[0]?.problem ?? error.message }],
        hint: `Pass a duration (${DURATION_HELP}) or a span (${SPAN_HELP}).`,
      });
    }
    end = new Date(Math.floor(now.getTime() / 1000) * 1000);
    start = new Date(end.getTime() - seconds * 1000);
  }
  const seconds = (end.getTime() - start.getTime()) / 1000;
  if (seconds > MAX_SECONDS) {
    throw invalidArgument(`${readableDuration(seconds)} is more than a day of work on one ticket.`, {
      connector: 'time',
      fields: [{ field: 'time', problem: `${formatInZone(start, timeZone)} to ${formatInZone(end, timeZone)}` }],
      hint: 'Log each day separately.',
    });
  }
  return { start, end };
}

/** Clockify's web app for the global hosts; elsewhere (a region, a proxy) the id is what identifies the entry. */
function clockifyLink(explicitBaseUrl: string | undefined, region: string | undefined): string | null {
  return explicitBaseUrl === undefined && region === undefined ? 'https://app.clockify.me/tracker' : null;
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * The first call's interval for these words, so that a repeat ("45m" again a
 * minute later) is the same entry to the vendor create's own guards (the
 * 10-minute duplicate guard, the check for a saved entry after an unknown outcome).
 */
async function rememberedSpan(ctx: TimeContext, key: string, time: string | number, timeZone: string): Promise<{ start: Date; end: Date }> {
  const remembered = await ctx.runtime.recent.get<{ start: string; end: string }>(key);
  const span = remembered ? { start: new Date(remembered.start), end: new Date(remembered.end) } : workSpan(time, timeZone, ctx.runtime.now());
  await ctx.runtime.recent.set(key, { start: span.start.toISOString(), end: span.end.toISOString() });
  return span;
}

/** A failure worth retrying (the create may have been saved) keeps the interval for the retry; after a refusal, "45m" is read afresh. */
async function forgetOnRefusal<T>(ctx: TimeContext, key: string, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (thrown) {
    if (!(thrown instanceof GatewayError && (thrown.outcomeUnknown || thrown.retryable))) await ctx.runtime.recent.delete(key);
    throw thrown;
  }
}

async function toClockify(ctx: TimeContext, ticket: TicketRef, args: { time: string | number; description?: string; project?: string }, key: string) {
  const clockify = await reach(ctx, 'clockify', { access: 'write' });
  const cctx = clockify.ctx;
  const runtime = cctx.runtime;
  const ws = await runtime.workspaceId(cctx);
  // The caller's own Clockify member (src/identity): the for-user endpoint when it is not the key's owner.
  const { user, actedAs, forOther } = await runtime.acting(cctx);
  const project = args.project ?? mappedProject(ctx.runtime.config.projects, ticket.system, ticket.mappedBy)?.project;
  if (!project) {
    const projects = (await runtime.names.list(cctx, ws, 'project')).filter((p) => !p.archived);
    const candidates = ticket.mappedBy ? closestByName(projects, ticket.mappedBy, 8) : projects.slice(0, 8);
    const where = ticket.system === 'helpdesk' ? `category "${ticket.mappedBy ?? 'none'}"` : `OneDesk project "${ticket.mappedBy ?? 'none'}"`;
    throw invalidArgument(`No Clockify project decided for ${ticket.reference}: DESKGATE_TIME_PROJECTS maps nothing for its ${where}.`, {
      connector: 'time',
      fields: [{ field: 'project', problem: candidates.length ? `candidates: ${candidates.map((p) => p.name).join('; ')}` : 'the workspace has no active project' }],
      hint: 'Call again with project (a Clockify project name); the operator can map it for good in DESKGATE_TIME_PROJECTS.',
    });
  }
  const span = await rememberedSpan(ctx, key, args.time, user.timeZone);
  const description = [`${ticket.reference} ${ticket.subject}`, args.description?.trim()].filter(Boolean).join(' — ');
  // Clockify's own create: names, workspace rules, the 10-minute guard (forgotten when the entry is
  // deleted or edited) and the unknown-outcome check.
  const created = await forgetOnRefusal(ctx, key, () => createEntry(cctx, ws, { start: iso(span.start), end: iso(span.end), description, project }, user, forOther));
  const e = created.time_entry;
  const entry: EntryOut = {
    id: e.id ?? '(Clockify gave no id)',
    start: e.start ?? formatInZone(span.start, user.timeZone),
    end: e.end ?? formatInZone(span.end, user.timeZone),
    duration: toDuration(e.duration_seconds),
    description: e.description,
    project: e.project,
    link: clockifyLink(runtime.config.explicitBaseUrl, runtime.config.region),
  };
  return { entry, duplicate: created.duplicate_of_recent, actedAs };
}

async function toOnedesk(ctx: TimeContext, ticket: TicketRef, args: { time: string | number; description?: string }, key: string) {
  if (!ticket.onedesk) {
    throw invalidArgument(`${ticket.reference} is a help desk ticket: a OneDesk worklog needs a OneDesk item.`, {
      connector: 'time',
      fields: [{ field: 'target', problem: 'onedesk for a help desk ticket' }],
      hint: 'Use target clockify (or auto), or pass the OneDesk item id.',
    });
  }
  const onedesk = await reach(ctx, 'onedesk', { access: 'write' });
  const span = await rememberedSpan(ctx, key, args.time, ONEDESK_TIME_ZONE);
  const pick = ticket.onedesk;
  // OneDesk's own worklog create: as the caller (or refused with how to link a key), with its unknown-outcome
  // check; `remember` makes the same call within 10 minutes, on any process, find this worklog and return it.
  const out = await forgetOnRefusal(ctx, key, () =>
    logWork(
      {
        ...(pick.kind === 'id' ? { item_id: pick.value } : { item_external_id: pick.value }),
        start: iso(span.start),
        finish: iso(span.end),
        comment: args.description?.trim() || undefined,
      },
      onedesk.ctx,
      { remember: true },
    ),
  );
  const w = out.worklog;
  const entry: EntryOut = {
    id: w.id !== null ? String(w.id) : (w.external_id ?? '(OneDesk gave no id)'),
    start: w.start,
    end: w.finish,
    duration: { seconds: w.duration.seconds, readable: w.duration.readable },
    description: w.comment,
    project: null,
    link: null,
  };
  // The handler sets acted_as itself (whose OneDesk account the worklog is on).
  const actedAs = (out as { acted_as?: ActedAs }).acted_as ?? (await onedesk.identity!.asKeyOwner(onedesk.ctx));
  return { entry, duplicate: out.duplicate_of_recent, actedAs };
}

/** The help desk ticket's internal note naming the entry; a refusal (a user may not write internal notes) is said, not thrown. */
async function noteOnTicket(ctx: TimeContext, ticket: TicketRef, logged: { to: TimeTarget; entry: EntryOut; actedAs: ActedAs }): Promise<string> {
  const where = logged.to === 'clockify' ? 'Clockify' : 'OneDesk';
  const who = logged.actedAs.name ?? logged.actedAs.email ?? ctx.principal.user.name;
  const body = [
    `Time logged: ${logged.entry.duration.readable} (${logged.entry.start} to ${logged.entry.end}) in ${where} as ${who}.`,
    `Entry ${logged.entry.id}${logged.entry.project ? `, project ${logged.entry.project.name ?? logged.entry.project.id}` : ''}${logged.entry.link ? `: ${logged.entry.link}` : ''}.`,
  ].join('\n');
  try {
    const helpdesk = await reach(ctx, 'helpdesk', { access: 'write' });
    const { reply } = await helpdesk.ctx.runtime.service.tickets.reply(ctx.principal.user, { ticket_id: ticket.id, body, is_internal: true });
    return `Internal note ${reply.id} added: ${body.replace('\n', ' ')}`;
  } catch (thrown) {
    const error = toGatewayError(thrown, 'helpdesk');
    return `No internal note added (${error.code}: ${error.message}); the time is logged.`;
  }
}

export const timeLogForTicket = defineTool({
  name: 'time_log_for_ticket',
  title: 'Log time spent on a ticket',
  description: [
    'Logs time on a help desk ticket or OneDesk item on your own account: a Clockify entry naming the ticket (help desk tickets get an internal note with it) or a OneDesk worklog. A repeat within 10 minutes returns the first entry.',
    'Example: time_log_for_ticket {"ticket": "HD-2026-000123", "time": "yesterday 14:00–15:30", "description": "Replaced the fuser"}',
  ].join('\n'),
  toolset: 'time',
  input: z.strictObject({
    ticket: z.string().trim().min(1).max(64).describe('Help desk ULID or tracking number, or a OneDesk item id.'),
    time: z.union([z.string().trim().min(1).max(100), z.number().gt(0).max(1440)]).describe('"45m" (just ended), minutes (45), "yesterday 14:00–15:30" or "monday 9:00 for 2h".'),
    description: z.string().trim().max(2000).optional().describe('What was done.'),
    target: z.enum(['auto', 'clockify', 'onedesk']).optional().describe('Default auto: OneDesk items to OneDesk, help desk tickets to Clockify.'),
    project: z.string().trim().min(1).max(250).optional().describe('Clockify project name; default: the mapping the operator set.'),
  }),
  output,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx): Promise<Output> => {
    const ticket = await loadTicket(ctx, args.ticket);
    const target: TimeTarget = args.target && args.target !== 'auto' ? args.target : ticket.system === 'onedesk' ? ctx.runtime.config.onedeskTarget : 'clockify';
    const key = JSON.stringify([ctx.principal.user.id, ticket.system, ticket.id, target, String(args.time).trim().toLowerCase(), args.description?.trim() ?? '', args.project ?? '']);
    // The same call within 10 minutes, on any process: the same interval (remembered), and the vendor create's
    // guard returns the first entry or worklog (Clockify's forgets an entry deleted or edited since).
    const logged = target === 'clockify' ? await toClockify(ctx, ticket, args, key) : await toOnedesk(ctx, ticket, args, key);
    const ticketNote = ticket.system !== 'helpdesk'
      ? 'OneDesk items get no note from the gateway.'
      : logged.duplicate
        ? 'No new note: the entry was made by an identical call in the last 10 minutes.'
        : await noteOnTicket(ctx, ticket, { to: target, entry: logged.entry, actedAs: logged.actedAs });
    const result: Output = {
      ticket: { system: ticket.system, id: ticket.id, reference: ticket.reference, subject: ticket.subject },
      logged_to: target,
      entry: logged.entry,
      duplicate_of_recent: logged.duplicate,
      ticket_note: ticketNote,
      acted_as: logged.actedAs,
    };
    return result;
  },
});
