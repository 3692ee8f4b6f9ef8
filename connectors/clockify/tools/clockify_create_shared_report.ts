import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { defineTool } from '../runtime';
import { withFeature } from '../reports/common';
import { REPORT_FORMER_ARGS, reportArgs, resolveFilters } from '../reports/report-args';
import { resolveReportRange } from '../reports/range';
import { commonReportBody, SUMMARY_GROUPS, WEEKLY_GROUPS } from '../reports/requests';
import { SHARED_REPORT_TYPES, sharedReportOut, toSharedReportOut, vendorSharedReport } from '../reports/shared';
import { vendorPath } from '../../../src/vendor-http/path';
import { peopleArg, personIds } from './object-names';
import { clockifyId } from '../schemas';

const { limit: _limit, cursor: _cursor, ...filterArgs } = reportArgs;

export const clockifyCreateSharedReport = defineTool({
  name: 'clockify_create_shared_report',
  title: 'Create a Clockify shared report',
  description: [
    'Saves a report (summary, detailed or weekly) with its dates and filters as a shared report and returns its link. Use for "share a summary of Q3 with the client".',
    'Side effects: is_public true makes the link readable by anyone who has it; otherwise only the listed users and groups (and admins) see it. fixed_date true keeps the dates; false lets viewers change them.',
    'Dates and filters as in clockify_get_summary_report; a weekly report covers exactly 7 days.',
    'Example: clockify_create_shared_report {"name": "Acme Q3", "type": "summary", "start": "2026-07-01", "end": "2026-09-30", "clients": ["Acme Corp"], "group_by": ["project"], "is_public": true}',
  ].join('\n'),
  toolset: 'shared_reports',
  input: z.strictObject({
    name: z.string().trim().min(1).max(100).describe('Report name shown to viewers.'),
    type: z.enum(SHARED_REPORT_TYPES).describe('summary, detailed or weekly.'),
    ...filterArgs,
    group_by: z
      .array(z.enum(SUMMARY_GROUPS))
      .min(1)
      .max(3)
      .optional()
      .describe('summary: up to 3 of project, client, user, task, tag, date, week, month (default ["project"]); weekly: ["user"] or ["project"].'),
    is_public: z.boolean().optional().describe('Anyone with the link may open it (default false).'),
    fixed_date: z.boolean().optional().describe('Keep the dates fixed (default true).'),
    visible_to_user_ids: peopleArg.max(100).optional().describe('Who may open a non-public report: ids, "me", names or emails.'),
    visible_to_group_ids: z.array(clockifyId).max(100).optional().describe('User groups who may open it (ids from clockify_list_user_groups).'),
  }),
  output: z.object({ shared_report: sharedReportOut, range: z.object({ start: z.string(), end: z.string(), time_zone: z.string() }) }),
  formerArgs: REPORT_FORMER_ARGS,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const me = await ctx.runtime.me(ctx, ws);
    let weeklyGroup: (typeof WEEKLY_GROUPS)[number] = 'user';
    if (args.type === 'weekly' && args.group_by) {
      const [only, ...rest] = args.group_by;
      if (rest.length || !(WEEKLY_GROUPS as readonly string[]).includes(only!)) {
        throw invalidArgument('A weekly report groups by user or by project only.', {
          connector: 'clockify',
          fields: [{ field: 'group_by', problem: 'weekly takes ["user"] or ["project"]' }],
          hint: 'Pass "group_by": ["user"] or ["project"], or type "summary" for other groupings.',
        });
      }
      weeklyGroup = only as (typeof WEEKLY_GROUPS)[number];
    }
    const range = resolveReportRange(args.start, args.end, { timeZone: me.timeZone, now: ctx.runtime.now(), exactlySevenDays: args.type === 'weekly' });
    const filters = await resolveFilters(ctx, ws, args);
    const filter: Record<string, unknown> = commonReportBody(range, filters);
    if (args.type === 'summary') filter.summaryFilter = { groups: [...new Set(args.group_by ?? ['project'])].map((g) => g.toUpperCase()), sortColumn: 'GROUP' };
    if (args.type === 'detailed') filter.detailedFilter = { page: 1, pageSize: 50, sortColumn: 'DATE' };
    if (args.type === 'weekly') filter.weeklyFilter = { group: weeklyGroup.toUpperCase(), subgroup: 'TIME' };
    const visibleToUsers = args.visible_to_user_ids ? await personIds(ctx, ws, args.visible_to_user_ids, 'visible_to_user_ids') : [];
    const created = await withFeature('shared reports', () =>
      ctx.runtime.reports.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/shared-reports', { workspace_id: ws }), vendorSharedReport, {
        operation: 'create shared report',
        body: {
          name: args.name,
          type: args.type.toUpperCase(),
          isPublic: args.is_public ?? false,
          fixedDate: args.fixed_date ?? true,
          visibleToUsers,
          visibleToUserGroups: args.visible_to_group_ids ?? [],
          filter,
        },
      }),
    );
    return {
      shared_report: toSharedReportOut(created, me.name),
      range: { start: range.start, end: range.end, time_zone: range.timeZone },
    };
  },
});
