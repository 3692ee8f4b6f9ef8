import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { parseInstant } from '../../../src/format/dates';
import { parseDuration } from '../../../src/format/duration';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { durationOut, hoursToDuration, numId, onedeskExternalId, oneId, str, type Pick1 } from '../shapes';
import { isRecord, onedeskFilter, onedeskWrite, type FilterProperty } from '../vendor';
import type { OnedeskContext } from '../runtime';
import { toWorklog } from '../worklogs';
import { createKey, createOnce } from '../../../src/vendor-http/unknown-outcome';
import { ONEDESK_TIME_ZONE } from './item-tools';
import { vendorPath } from '../../../src/vendor-http/path';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_SECONDS = 24 * 3600;

/** A time as typed ("yesterday 14:00", ISO) → the instant, and the text OneDesk gets (ISO as given, else UTC). */
function instant(value: string, field: string, now: Date): { at: number; text: string } {
  const at = parseInstant(value, { timeZone: ONEDESK_TIME_ZONE, now, field, connector: CONNECTOR });
  return { at: at.getTime(), text: ISO_WITH_OFFSET.test(value) ? value : at.toISOString().replace('.000Z', 'Z') };
}

/** Hours as a number (1.5), or a duration as people write it ("1h30m", "90m", "1:30"); a bare numeric string is hours too. */
function workedSeconds(hours: number | string): number {
  if (typeof hours === 'number' || /^\s*\d+([.,]\d+)?\s*$/.test(hours)) {
    return parseDuration(`${String(hours).trim().replace(',', '.')}h`, { field: 'hours', connector: CONNECTOR, maxSeconds: MAX_SECONDS });
  }
  return parseDuration(hours, { field: 'hours', connector: CONNECTOR, maxSeconds: MAX_SECONDS });
}

/**
 * The worklog an earlier create of unknown outcome may have saved: the
 * item's worklogs (newest first, one page) with the same start, duration
 * and comment.
 */
async function findSavedWorklog(ctx: OnedeskContext, item: Pick1, startAt: number, seconds: number, comment: string): Promise<{ id: number | null; externalId: string | null } | undefined> {
  const property: FilterProperty = item.kind === 'id' ? { property: 'itemId', operation: 'EQ', value: item.value } : { property: 'itemExternalId', operation: 'EQ', value: item.value };
  const answer = await onedeskFilter(ctx, 'timesheets', { properties: [property], limit: 20, offset: 0 }, 'check for a saved worklog');
  for (const row of answer.rows) {
    const w = toWorklog(row);
    if (w.start === null || Date.parse(w.start) !== startAt) continue;
    if (w.duration === null || Math.abs(w.duration.seconds - seconds) > 60) continue;
    if ((w.comment ?? '') !== comment.trim()) continue;
    return { id: w.id, externalId: w.external_id };
  }
  return undefined;
}

const worklogInput = z.strictObject({
  item_id: z.number().int().min(1).max(999_999_999_999).optional().describe('Numeric id of the item.'),
  item_external_id: onedeskExternalId.optional().describe('External id (UUID) of the item; instead of item_id.'),
  start: z.string().trim().describe('When the work started: "yesterday 14:00", "09:30" (today) or ISO with offset; words in UTC.'),
  finish: z.string().trim().optional().describe('When it ended (same forms); or give hours.'),
  hours: z.union([z.number().gt(0).max(24), z.string().trim().max(20)]).optional().describe('Time worked: 1.5, "1h30m", "90m" or "1:30"; or give finish.'),
  percent_complete: z.number().int().min(0).max(100).optional().describe("The item's progress after this work, 0-100."),
  billable: z.boolean().optional().describe('Whether the work is billable.'),
  comment: z.string().trim().max(4000).optional().describe('What was done.'),
});

const worklogOutput = z.object({
  worklog: z.object({
    id: z.number().int().nullable(),
    external_id: z.string().nullable(),
    item_id: z.number().int().nullable(),
    item_external_id: z.string().nullable(),
    start: z.string(),
    finish: z.string(),
    duration: durationOut,
    billable: z.boolean().nullable(),
    comment: z.string().nullable(),
  }),
  duplicate_of_recent: z.boolean().describe('True: an identical worklog whose create had no answer in the last 10 minutes was found in OneDesk and returned instead of logging the time twice.'),
});

export const onedeskCreateWorklog = defineTool({
  name: 'onedesk_create_worklog',
  title: 'Log work on a OneDesk item',
  description: [
    'Records work done on a OneDesk item (ticket, task…) as a timesheet: start plus finish or hours, optionally percent complete, billable and a comment.',
    'Item ids come from onedesk_list_items.',
    'Example: onedesk_create_worklog {"item_id": 1042, "start": "yesterday 14:00", "hours": "1h30m", "comment": "Replaced the fuser"}',
    "Side effect: adds a timesheet as the API key's OneDesk user; not retried once sent. OneDesk's timesheet body fields are assumed (dateStart, dateFinish, works, percentage, billable, comments); read it back with onedesk_list_worklogs.",
  ].join('\n'),
  toolset: 'items',
  input: worklogInput,
  output: worklogOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: (args, ctx) => logWork(args, ctx),

});

type WorklogArgs = z.infer<typeof worklogInput>;

/**
 * The worklog create. `remember` (time_log_for_ticket's repeat guard): the
 * created worklog is marked for 10 minutes, so the identical create on any
 * process finds it in OneDesk and returns it instead of logging the time twice.
 */
export async function logWork(args: WorklogArgs, ctx: OnedeskContext, options: { remember?: boolean } = {}) {
  const item = oneId({ id: args.item_id, external_id: args.item_external_id }, 'onedesk_create_worklog', 'item_id', 'item_external_id');
  const now = ctx.runtime.now();
  const start = instant(args.start, 'start', now);
  const startAt = start.at;
  if ((args.finish === undefined) === (args.hours === undefined)) {
    throw invalidArgument('onedesk_create_worklog needs exactly one of finish or hours.', {
      connector: CONNECTOR,
      fields: [{ field: 'hours', problem: 'give finish or hours, not both or neither' }],
      hint: 'Pass hours (e.g. 1.5) or finish (ISO-8601 with offset).',
    });
  }
  let seconds: number;
  let finish: string;
  if (args.finish !== undefined) {
    const end = instant(args.finish, 'finish', now);
    seconds = Math.round((end.at - startAt) / 1000);
    finish = end.text;
  } else {
    seconds = workedSeconds(args.hours!);
    finish = new Date(startAt + seconds * 1000).toISOString();
  }
  if (seconds <= 0 || seconds > MAX_SECONDS) {
    throw invalidArgument('The work must last more than 0 and at most 24 hours (finish after start).', {
      connector: CONNECTOR,
      fields: [{ field: args.finish !== undefined ? 'finish' : 'hours', problem: 'duration out of range' }],
      hint: 'Log one entry per day of work.',
    });
  }
  const works = Math.round((seconds / 3600) * 100) / 100;
  const body: Record<string, unknown> = {
    ...(item.kind === 'id' ? { itemId: item.value } : { itemExternalId: item.value }),
    dateStart: start.text,
    dateFinish: finish,
    works,
  };
  if (args.percent_complete !== undefined) body.percentage = args.percent_complete;
  if (args.billable !== undefined) body.billable = args.billable;
  if (args.comment) body.comments = args.comment;
  // Work is logged as the key's user: the caller's own key, or the shared one when they are not matched (said in acted_as).
  const { actedAs } = await ctx.runtime.identity.writer(ctx, 'log work');
  const { value: created, duplicateOfRecent } = await createOnce({
    marks: ctx.runtime.unknownCreates,
    // The same worklog: who it is logged as (and for whom), the item, start, duration and comment.
    key: createKey('onedesk worklog', actedAs.how, actedAs.user_id ?? null, ctx.principal.user.id, item, start.at, seconds, args.comment ?? ''),
    findSaved: () => findSavedWorklog(ctx, item, start.at, seconds, args.comment ?? ''),
    // OneDesk answers a create with the new id [T]: a number or an external id.
    create: async () => {
      const answer = await onedeskWrite(ctx, vendorPath('/timesheets/'), body, 'create timesheet');
      return {
        id: numId(answer) ?? (isRecord(answer) ? numId(answer.id) : null),
        externalId: (typeof answer === 'string' && numId(answer) === null ? str(answer) : null) ?? (isRecord(answer) ? str(answer.externalId) : null),
      };
    },
    // The mark's ref is the worklog's ids, so a repeat (on any process) returns it without asking OneDesk.
    refOf: options.remember ? (w) => JSON.stringify([w.id, w.externalId]) : undefined,
    cached: (ref) => {
      const [id, externalId] = JSON.parse(ref) as [number | null, string | null];
      return { id, externalId };
    },
    vendor: 'OneDesk',
    thing: 'worklog',
  });
  return {
    duplicate_of_recent: duplicateOfRecent,
    worklog: {
      id: created.id,
      external_id: created.externalId,
      item_id: item.kind === 'id' ? item.value : null,
      item_external_id: item.kind === 'externalId' ? item.value : null,
      start: start.text,
      finish,
      duration: hoursToDuration(seconds / 3600),
      billable: args.billable ?? null,
      comment: args.comment || null,
    },
    acted_as: actedAs,
  };
}
