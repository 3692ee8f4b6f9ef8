import { readList } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { personArg, personId } from './object-names';
import { dayArg, dayRange, pageLocally, userZone, withFeature } from '../reports/common';
import { holidayOut, holidayOverlaps, toHolidayOut, vendorHoliday } from '../reports/holidays';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListHolidays = defineTool({
  name: 'clockify_list_holidays',
  title: 'List Clockify holidays',
  description: [
    "Lists the workspace's holidays (name, days, whether yearly, who they apply to, with names), optionally only one member's and only those touching start..end.",
    'Use for "who is on holiday next week" or "which holidays do we have"; for one member\'s holidays in a period Clockify also has clockify_list_holidays_in_period.',
    'Example: clockify_list_holidays {"start": "next_week", "end": "next_week"}',
    'No side effects.',
  ].join('\n'),
  toolset: 'holidays',
  input: z.strictObject({
    user_id: personArg.optional().describe("Only this member's (id, \"me\", name, first name or email)."),
    start: dayArg('Only holidays on or after this day').optional(),
    end: dayArg('Only holidays on or before this day (default: end of start)').optional(),
    limit: limitArg,
    cursor: cursorArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ items: z.array(holidayOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const assignedTo = args.user_id === undefined ? undefined : await personId(ctx, ws, args.user_id, 'user_id');
    let window: { start: string; end: string } | undefined;
    if (args.start || args.end) {
      const tz = await userZone(ctx, ws);
      window = dayRange({ start: args.start ?? args.end!, end: args.end ?? args.start! }, tz, ctx.runtime.now());
    }
    const raw = await withFeature('holidays', () =>
      ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/holidays', { workspace_id: ws }), z.array(z.unknown()), {
        operation: 'list holidays',
        query: { 'assigned-to': assignedTo },
      }),
    );
    const members = await ctx.runtime.names.list(ctx, ws, 'user');
    const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? null;
    const holidays = readList(vendorHoliday, raw, { vendor: 'clockify', what: 'holiday', log: ctx.log })
      .map((h) => toHolidayOut(h, nameOf))
      .filter((h) => !window || holidayOverlaps(h, window.start, window.end))
      .sort((a, b) => (a.start_date ?? '').localeCompare(b.start_date ?? ''));
    return pageLocally(holidays, args);
  },
});
