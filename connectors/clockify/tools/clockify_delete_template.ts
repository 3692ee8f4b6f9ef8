import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { templatesError, TEMPLATES_NOTE } from '../reports/templates';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTemplate = defineTool({
  name: 'clockify_delete_template',
  title: 'Delete a Clockify timesheet template (deprecated)',
  description: [
    'Deletes a timesheet template; time already logged with it is untouched.',
    TEMPLATES_NOTE,
    'Example: clockify_delete_template {"template_id": "6a51a2b3c4d5e6f7a8b9f001"}',
    'Ids come from clockify_list_templates.',
  ].join('\n'),
  toolset: 'templates',
  input: z.strictObject({ template_id: idArg('Template', 'clockify_list_templates'), workspace_id: workspaceIdArg }),
  output: z.object({ deleted: z.boolean(), template_id: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    try {
      await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/templates/{template_id}', { workspace_id: ws, template_id: args.template_id }), { operation: 'delete template' });
    } catch (error) {
      throw templatesError(error, 'delete template');
    }
    return { deleted: true, template_id: args.template_id };
  },
});
