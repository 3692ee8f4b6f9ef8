import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { webhookIdArg } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteWebhook = defineTool({
  name: 'clockify_delete_webhook',
  title: 'Delete a Clockify webhook',
  description: [
    'Deletes a webhook: Clockify stops delivering its events at once, and it no longer counts against the plan quota.',
    'Example: clockify_delete_webhook {"webhook_id": "6c21d2e3f4a5b6c7d8e9a001"}',
    'Ids come from clockify_list_webhooks.',
  ].join('\n'),
  toolset: 'webhooks',
  minRole: 'admin',
  input: z.strictObject({ webhook_id: webhookIdArg, workspace_id: workspaceIdArg }),
  output: z.object({ deleted: z.boolean(), webhook_id: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/webhooks/{webhook_id}', { workspace_id: ws, webhook_id: args.webhook_id }), { operation: 'delete webhook' });
    return { deleted: true, webhook_id: args.webhook_id };
  },
});
