import { z } from 'zod';
import { notFound } from '../../../src/errors';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { withFeature } from '../reports/common';
import { sharedReportIdArg, sharedReportOut, toSharedReportOut, vendorSharedReport, type VendorSharedReport } from '../reports/shared';
import { vendorPath } from '../../../src/vendor-http/path';
import { peopleArg, personIds } from './object-names';

const MAX_PAGES = 10;

export const clockifyUpdateSharedReport = defineTool({
  name: 'clockify_update_shared_report',
  title: 'Update a Clockify shared report',
  description: [
    'Renames a shared report or changes who may open it (public link, users, groups) and whether its dates are fixed. Only the fields you pass change.',
    "Its dates and filters cannot be changed (Clockify's update takes none): create a new one with clockify_create_shared_report instead.",
    'Example: clockify_update_shared_report {"shared_report_id": "6b11c2d3e4f5a6b7c8d9f001", "is_public": false}',
    'Side effect: is_public false breaks the link for everyone outside the visible users and groups. Ids come from clockify_list_shared_reports.',
  ].join('\n'),
  toolset: 'shared_reports',
  input: z.strictObject({
    shared_report_id: sharedReportIdArg,
    name: z.string().trim().min(1).max(100).optional().describe('New name.'),
    is_public: z.boolean().optional().describe('Anyone with the link may open it.'),
    fixed_date: z.boolean().optional().describe('Keep the saved dates fixed.'),
    visible_to_user_ids: peopleArg.max(100).optional().describe('Replaces who may open it: ids, "me", names or emails.'),
    visible_to_group_ids: z.array(clockifyId).max(100).optional().describe('Replaces the user groups who may open it.'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ shared_report: sharedReportOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    // Clockify's update replaces name, visibility and fixedDate together and has no GET for one report: read it from the list.
    let current: VendorSharedReport | undefined;
    for (let page = 1; page <= MAX_PAGES && !current; page++) {
      const answer = await withFeature('shared reports', () =>
        ctx.runtime.reports.call(
          ctx,
          'GET',
          vendorPath('/workspaces/{workspace_id}/shared-reports', { workspace_id: ws }),
          z.looseObject({ reports: z.array(z.unknown()) }),
          { operation: 'list shared reports', query: { page, pageSize: 200, sharedReportsFilter: 'ALL' } },
        ),
      );
      for (const raw of answer.reports) {
        const parsed = vendorSharedReport.safeParse(raw);
        if (parsed.success && parsed.data.id === args.shared_report_id) current = parsed.data;
      }
      if (answer.reports.length < 200) break;
    }
    if (!current) {
      throw notFound(`No shared report ${args.shared_report_id} in this workspace.`, {
        connector: 'clockify',
        hint: 'Call clockify_list_shared_reports for valid ids.',
        alternatives: ['clockify_list_shared_reports'],
      });
    }
    const ids = (list: unknown[] | null | undefined) => (list ?? []).map((v) => (typeof v === 'string' ? v : String((v as { id?: unknown })?.id ?? ''))).filter(Boolean);
    const updated = await ctx.runtime.reports.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/shared-reports/{shared_report_id}', { workspace_id: ws, shared_report_id: args.shared_report_id }), vendorSharedReport, {
      operation: 'update shared report',
      body: {
        name: args.name ?? current.name ?? '',
        isPublic: args.is_public ?? current.isPublic ?? false,
        fixedDate: args.fixed_date ?? current.fixedDate ?? true,
        visibleToUsers: args.visible_to_user_ids ? await personIds(ctx, ws, args.visible_to_user_ids, 'visible_to_user_ids') : ids(current.visibleToUsers),
        visibleToUserGroups: args.visible_to_group_ids ?? ids(current.visibleToUserGroups),
      },
    });
    const author = updated.reportAuthor ?? updated.userId ?? current.reportAuthor;
    return { shared_report: toSharedReportOut({ ...current, ...updated }, author ? await ctx.runtime.names.nameOf(ctx, ws, 'user', author) : null) };
  },
});
