import { z } from 'zod';
import { personArg } from '../people';
import { defineTool } from '../runtime';
import { MAX_DAYS, personDays, timesheetOut } from '../timesheet';

export const timeTimesheet = defineTool({
  name: 'time_timesheet',
  title: 'Days across DeskTime, Clockify, OneDesk and the help desk',
  description: [
    `time_my_day for each day of a range (up to ${MAX_DAYS} days).`,
    'A week: 3 vendor calls once identities are cached (DeskTime 1 per month touched, Clockify 1 per 1,000 entries, OneDesk 1 per 20 worklogs). Example: time_timesheet {"range": "last week"}',
  ].join('\n'),
  toolset: 'time',
  input: z.strictObject({
    range: z.string().trim().max(60).optional().describe('Default this week: "last week", "this month", "2026-03-02..2026-03-06".'),
    person: personArg,
  }),
  output: timesheetOut,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => personDays(ctx, { person: args.person, span: args.range ?? 'this week', field: 'range', maxDays: MAX_DAYS }),
});
