import { z } from 'zod';
import { defineTool } from '../runtime';
import { prepareReport, REPORT_COMMON, REPORT_FORMER_ARGS, reportArgs } from '../reports/report-args';
import { expenseReportOut, runExpenseReport } from '../reports/run';

const { tag_ids: _tagIds, tags: _tags, ...expenseArgs } = reportArgs;

export const clockifyGetExpenseReport = defineTool({
  name: 'clockify_get_expense_report',
  title: 'Clockify expense report',
  description: [
    'Expenses (category, amount, project, user) in a range. Use for "what did we spend on Acme".',
    REPORT_COMMON,
    'Example: clockify_get_expense_report {"start": "last_month", "clients": ["Acme Corp"]}',
  ].join('\n'),
  toolset: 'expenses',
  input: z.strictObject(expenseArgs),
  output: expenseReportOut,
  formerArgs: REPORT_FORMER_ARGS,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => runExpenseReport(await prepareReport(ctx, args)),
});
