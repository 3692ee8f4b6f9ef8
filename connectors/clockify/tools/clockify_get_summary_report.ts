import { z } from 'zod';
import { defineTool } from '../runtime';
import { prepareReport, REPORT_COMMON, REPORT_FORMER_ARGS, reportArgs } from '../reports/report-args';
import { SUMMARY_GROUPS } from '../reports/requests';
import { runSummaryReport, summaryReportOut } from '../reports/run';

export const clockifyGetSummaryReport = defineTool({
  name: 'clockify_get_summary_report',
  title: 'Clockify summary report',
  description: [
    'Time and amounts grouped up to 3 levels deep. Use for "billable hours by project last month".',
    REPORT_COMMON,
    'Example: clockify_get_summary_report {"start": "last_month", "group_by": ["project", "user"], "billable": true}',
  ].join('\n'),
  toolset: 'reports',
  input: z.strictObject({
    ...reportArgs,
    group_by: z.array(z.enum(SUMMARY_GROUPS)).min(1).max(3).optional().describe('Default ["project"]'),
  }),
  output: summaryReportOut,
  formerArgs: REPORT_FORMER_ARGS,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const groups = [...new Set(args.group_by ?? (['project'] as const))];
    return runSummaryReport(await prepareReport(ctx, args), groups);
  },
});
