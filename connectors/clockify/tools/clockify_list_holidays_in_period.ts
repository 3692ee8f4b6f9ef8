import { readList } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { personId, personIdOrMeArg } from './object-names';
import { dayArg, dayRange, withFeature } from '../reports/common';
import { holidayOut, toHolidayOut, vendorHoliday } from '../reports/holidays';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListHolidaysInPeriod = defineTool({
  name: 'clockify_list_holidays_in_period',
  title: "List a Clockify member's holidays in a period",
  description: [
    "Holidays assigned to one member (default: you) between start and end, as Clockify computes them (yearly ones included).",
    'Use for "am I off on Friday" or planning around one person; for the whole team use clockify_list_holidays.',
    'Example: clockify_list_holidays_in_period {"start": "2024-12-01", "end": "2024-12-31"}',
    'No side effects.',
  ].join('\n'),
  toolset: 'holidays',
  input: z.strictObject({
    start: dayArg('First day'),
    end: dayArg('Last day'),
    user_id: personIdOrMeArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ user_id: z.string(), start: z.string(), end: z.string(), items: z.array(holidayOut) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const me = await ctx.runtime.me(ctx, ws);
    const days = dayRange(args, me.timeZone, ctx.runtime.now());
    const userId = await personId(ctx, ws, args.user_id ?? 'me', 'user_id', { me });
    const raw = await withFeature('holidays', () =>
      ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/holidays/in-period', { workspace_id: ws }), z.array(z.unknown()), {
        operation: 'list holidays in period',
        query: { 'assigned-to': userId, start: `${days.start}T00:00:00Z`, end: `${days.end}T23:59:59Z` },
      }),
    );
    const members = await ctx.runtime.names.list(ctx, ws, 'user');
    const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? null;
    const items = readList(vendorHoliday, raw, { vendor: 'clockify', what: 'holiday', log: ctx.log }).map((h) => toHolidayOut(h, nameOf));
    return { user_id: userId, start: days.start, end: days.end, items };
  },
});
