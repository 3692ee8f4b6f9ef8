import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { sharedReportIdArg } from '../reports/shared';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteSharedReport = defineTool({
  name: 'clockify_delete_shared_report',
  title: 'Delete a Clockify shared report',
  description: [
    'Deletes a shared report: its link stops working for everyone. The time data itself is untouched.',
    'Example: clockify_delete_shared_report {"shared_report_id": "6b11c2d3e4f5a6b7c8d9f001"}',
    'Ids come from clockify_list_shared_reports.',
  ].join('\n'),
  toolset: 'shared_reports',
  input: z.strictObject({ shared_report_id: sharedReportIdArg, workspace_id: workspaceIdArg }),
  output: z.object({ deleted: z.boolean(), shared_report_id: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    await ctx.runtime.reports.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/shared-reports/{shared_report_id}', { workspace_id: ws, shared_report_id: args.shared_report_id }), { operation: 'delete shared report' });
    return { deleted: true, shared_report_id: args.shared_report_id };
  },
});
