import { z } from 'zod';
import { defineTool } from '../runtime';
import { prepareReport, REPORT_COMMON, REPORT_FORMER_ARGS, reportArgs } from '../reports/report-args';
import { WEEKLY_GROUPS } from '../reports/requests';
import { runWeeklyReport, weeklyReportOut } from '../reports/run';

export const clockifyGetWeeklyReport = defineTool({
  name: 'clockify_get_weekly_report',
  title: 'Clockify weekly report',
  description: [
    'Time per day of one week (exactly 7 days; a date alone means its week), per user or project. Use for "my weekly report, last week".',
    REPORT_COMMON,
    'Example: clockify_get_weekly_report {"start": "last_week", "users": ["me"]}',
  ].join('\n'),
  toolset: 'reports',
  input: z.strictObject({
    ...reportArgs,
    group_by: z.enum(WEEKLY_GROUPS).optional().describe('Default user'),
  }),
  output: weeklyReportOut,
  formerArgs: REPORT_FORMER_ARGS,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => runWeeklyReport(await prepareReport(ctx, args, { exactlySevenDays: true }), args.group_by ?? 'user'),
});
