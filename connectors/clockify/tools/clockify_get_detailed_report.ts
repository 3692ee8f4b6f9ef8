import { z } from 'zod';
import { defineTool } from '../runtime';
import { prepareReport, REPORT_COMMON, REPORT_FORMER_ARGS, reportArgs } from '../reports/report-args';
import { detailedReportOut, runDetailedReport } from '../reports/run';

export const clockifyGetDetailedReport = defineTool({
  name: 'clockify_get_detailed_report',
  title: 'Clockify detailed report',
  description: [
    'Every time entry of all users in a range, with names and amounts. Use to audit what was tracked.',
    REPORT_COMMON,
    'Example: clockify_get_detailed_report {"start": "yesterday", "projects": ["Acme website"]}',
  ].join('\n'),
  toolset: 'reports',
  input: z.strictObject(reportArgs),
  output: detailedReportOut,
  formerArgs: REPORT_FORMER_ARGS,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => runDetailedReport(await prepareReport(ctx, args)),
});
