import { z } from 'zod';
import { personArg } from '../people';
import { defineTool } from '../runtime';
import { personDays, timesheetOut } from '../timesheet';

export const timeMyDay = defineTool({
  name: 'time_my_day',
  title: 'A day across DeskTime, Clockify, OneDesk and the help desk',
  description: [
    'One day: DeskTime arrival, departure, tracked and productive time; Clockify total, by project, billable amount; OneDesk worklogs; help desk tickets replied to, moved or resolved; and what differs (tracked but not logged, logged but not tracked, over 30 min; overlapping entries; tickets without time). sources names each system read, or why it is missing.',
    '3 vendor calls once identities are cached. Example: time_my_day {"day": "yesterday"}',
  ].join('\n'),
  toolset: 'time',
  input: z.strictObject({
    day: z.string().trim().max(40).optional().describe('Default today: YYYY-MM-DD, "yesterday", a weekday.'),
    person: personArg,
  }),
  output: timesheetOut,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => personDays(ctx, { person: args.person, span: args.day ?? 'today', field: 'day', maxDays: 1 }),
});
