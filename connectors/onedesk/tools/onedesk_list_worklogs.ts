import { z } from 'zod';
import { personRefSchema } from '../../../src/format/names';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { resolveUser } from '../organization';
import { defineTool } from '../runtime';
import { onedeskExternalId, readableDuration } from '../shapes';
import { onedeskFilter, type FilterProperty } from '../vendor';
import { worklogOut, toWorklog } from '../worklogs';
import { ONEDESK_TIME_ZONE } from './item-tools';
import { instantWindow } from '../../../src/format/dates';
import { CONNECTOR } from '../errors';

const NAME = 'onedesk_list_worklogs';

export const onedeskListWorklogs = defineTool({
  name: NAME,
  title: 'List OneDesk worklogs',
  description: [
    'Lists worklogs (OneDesk timesheets) by item, user and date range, newest first, a page per call, with durations.',
    'Use to read back logged work or total time on an item.',
    'Example: onedesk_list_worklogs {"item_id": 1042, "from": "last month"}',
    'Read-only. Runs POST /timesheets/filter/details; filter property names are assumed (itemId, authorExternalId, dateStart): one OneDesk ignores fails the call, and a missing endpoint is unsupported_by_vendor, never an empty list.',
  ].join('\n'),
  toolset: 'worklogs',
  input: z.strictObject({
    item_id: z.number().int().min(1).max(999_999_999_999).optional().describe('Numeric id of the item.'),
    item_external_id: onedeskExternalId.optional().describe('External id (UUID) of the item.'),
    user: personRefSchema().optional().describe('User: name, email, external id or "me".'),
    from: z.string().trim().optional().describe('From: a time, or days ("yesterday", "last week"; alone, just those days). UTC.'),
    to: z.string().trim().optional().describe('Through this day, or before this time.'),
    limit: limitArg(200),
    cursor: cursorArg,
  }),
  output: z.object({
    worklogs: z.array(worklogOut),
    page_total: z.object({ seconds: z.number().int(), readable: z.string() }).describe('Sum of the durations on this page.'),
    next_cursor: z.string().nullable(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const offset = decodeCursor(NAME, args.cursor);
    const properties: FilterProperty[] = [];
    if (args.item_id !== undefined) properties.push({ property: 'itemId', operation: 'EQ', value: args.item_id });
    if (args.item_external_id) properties.push({ property: 'itemExternalId', operation: 'EQ', value: args.item_external_id });
    const window = instantWindow(args.from || undefined, args.to || undefined, {
      timeZone: ONEDESK_TIME_ZONE,
      now: ctx.runtime.now(),
      connector: CONNECTOR,
      startField: 'from',
      endField: 'to',
    });
    const from = window.start?.toISOString();
    const to = window.end?.toISOString();
    if (args.user) properties.push({ property: 'authorExternalId', operation: 'EQ', value: await resolveUser(ctx, args.user) });
    if (from) properties.push({ property: 'dateStart', operation: 'GE', value: from });
    if (to) properties.push({ property: 'dateStart', operation: 'LT', value: to });
    const answer = await onedeskFilter(ctx, 'timesheets', { properties, limit: args.limit, offset }, 'list worklogs');
    const worklogs = answer.rows.map(toWorklog);
    const seconds = worklogs.reduce((sum, w) => sum + (w.duration?.seconds ?? 0), 0);
    return {
      worklogs,
      page_total: { seconds, readable: readableDuration(seconds) },
      next_cursor: nextCursor(NAME, offset, args.limit, answer.rows.length, answer.total),
    };
  },
});
