import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { durationOut, hoursToDuration, numId, oneId, str } from '../shapes';
import { isRecord, onedeskWrite } from '../vendor';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_SECONDS = 24 * 3600;

function instant(value: string, field: string): number {
  const at = Date.parse(value);
  if (!ISO_WITH_OFFSET.test(value) || Number.isNaN(at)) {
    throw invalidArgument(`${field} must be an ISO-8601 date-time with its offset, e.g. 2024-06-18T09:00:00+02:00.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: 'expected an ISO-8601 date-time with Z or ±hh:mm' }],
      hint: `Give ${field} with the user's UTC offset.`,
    });
  }
  return at;
}

export const onedeskCreateWorklog = defineTool({
  name: 'onedesk_create_worklog',
  title: 'Log work on a OneDesk item',
  description: [
    'Records work done on a OneDesk item (ticket, task…) as a timesheet: start plus finish or hours, optionally percent complete, billable and a comment.',
    'Use when the user says they spent time on an item. Item ids come from onedesk_list_tickets and the other onedesk_list_* tools.',
    'Example: onedesk_create_worklog {"item_id": 1042, "start": "2024-06-18T09:00:00+02:00", "hours": 1.5, "comment": "Replaced the fuser"}',
    "Side effect: adds a timesheet as the API key's OneDesk user; not retried once sent. OneDesk's timesheet body fields are assumed (dateStart, dateFinish, works, percentage, billable, comments); read it back with onedesk_list_worklogs.",
  ].join('\n'),
  toolset: 'worklogs',
  input: z.strictObject({
    item_id: z.number().int().min(1).max(999_999_999_999).optional().describe('Numeric id of the item.'),
    item_external_id: z.string().trim().min(1).max(64).optional().describe('External id (UUID) of the item; instead of item_id.'),
    start: z.string().trim().describe('When the work started: ISO-8601 date-time with offset.'),
    finish: z.string().trim().optional().describe('When it ended (ISO-8601 with offset); or give hours.'),
    hours: z.number().gt(0).max(24).optional().describe('Hours worked, e.g. 1.5; or give finish.'),
    percent_complete: z.number().int().min(0).max(100).optional().describe("The item's progress after this work, 0-100."),
    billable: z.boolean().optional().describe('Whether the work is billable.'),
    comment: z.string().trim().max(4000).optional().describe('What was done.'),
  }),
  output: z.object({
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
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const item = oneId({ id: args.item_id, external_id: args.item_external_id }, 'onedesk_create_worklog', 'item_id', 'item_external_id');
    const startAt = instant(args.start, 'start');
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
      seconds = Math.round((instant(args.finish, 'finish') - startAt) / 1000);
      finish = args.finish;
    } else {
      seconds = hoursToDuration(args.hours!).seconds;
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
      dateStart: args.start,
      dateFinish: finish,
      works,
    };
    if (args.percent_complete !== undefined) body.percentage = args.percent_complete;
    if (args.billable !== undefined) body.billable = args.billable;
    if (args.comment) body.comments = args.comment;
    const created = await onedeskWrite(ctx, '/timesheets/', body, 'create timesheet');
    // OneDesk answers a create with the new id [T]: a number or an external id.
    const id = numId(created) ?? (isRecord(created) ? numId(created.id) : null);
    const externalId = (typeof created === 'string' && numId(created) === null ? str(created) : null) ?? (isRecord(created) ? str(created.externalId) : null);
    return {
      worklog: {
        id,
        external_id: externalId,
        item_id: item.kind === 'id' ? item.value : null,
        item_external_id: item.kind === 'externalId' ? item.value : null,
        start: args.start,
        finish,
        duration: hoursToDuration(seconds / 3600),
        billable: args.billable ?? null,
        comment: args.comment || null,
      },
    };
  },
});
