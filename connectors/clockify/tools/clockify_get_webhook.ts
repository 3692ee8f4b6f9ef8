import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { toWebhookOut, vendorWebhook, webhookIdArg, webhookOut, withWebhookNames } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetWebhook = defineTool({
  name: 'clockify_get_webhook',
  title: 'Get a Clockify webhook',
  description: [
    'One webhook: address, event, trigger type and ids, enabled. Its token is not shown (clockify_regenerate_webhook_token issues a new one).',
    'Example: clockify_get_webhook {"webhook_id": "6c21d2e3f4a5b6c7d8e9a001"}',
    'No side effects. Ids come from clockify_list_webhooks.',
  ].join('\n'),
  toolset: 'webhooks',
  input: z.strictObject({ webhook_id: webhookIdArg, workspace_id: workspaceIdArg }),
  output: z.object({ webhook: webhookOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/webhooks/{webhook_id}', { workspace_id: ws, webhook_id: args.webhook_id }), vendorWebhook, { operation: 'get webhook' });
    const [webhook] = await withWebhookNames(ctx, ws, [toWebhookOut(raw)]);
    return { webhook: webhook! };
  },
});
