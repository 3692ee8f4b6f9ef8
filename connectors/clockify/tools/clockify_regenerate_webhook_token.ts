import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { toWebhookOut, vendorWebhook, webhookOut, webhookTokenOut, webhookIdArg, withWebhookNames } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyRegenerateWebhookToken = defineTool({
  name: 'clockify_regenerate_webhook_token',
  title: "Regenerate a Clockify webhook's token",
  description: [
    "Issues a new signing token for a webhook and returns it once. Use when the old token leaked or was lost.",
    'Side effect: the old token stops being valid at once, so the receiving service must switch to the new one.',
    'Example: clockify_regenerate_webhook_token {"webhook_id": "6c21d2e3f4a5b6c7d8e9a001"}',
    'Ids come from clockify_list_webhooks.',
  ].join('\n'),
  toolset: 'webhooks',
  minRole: 'admin',
  input: z.strictObject({ webhook_id: webhookIdArg, workspace_id: workspaceIdArg }),
  output: z.object({ webhook: webhookOut, auth_token: webhookTokenOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'PATCH', vendorPath('/workspaces/{workspace_id}/webhooks/{webhook_id}/token', { workspace_id: ws, webhook_id: args.webhook_id }), vendorWebhook, {
      operation: 'regenerate webhook token',
    });
    const [webhook] = await withWebhookNames(ctx, ws, [toWebhookOut(raw)]);
    return { webhook: webhook!, auth_token: raw.authToken ?? null };
  },
});
