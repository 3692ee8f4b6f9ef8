import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import {
  requireHttps,
  toWebhookOut,
  triggerIdsArg,
  vendorWebhook,
  webhookEventArg,
  webhookNameArg,
  webhookOut,
  webhookRefusalError,
  webhookTriggerArg,
  webhookUrlArg,
  webhookIdArg,
  withWebhookNames,
} from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateWebhook = defineTool({
  name: 'clockify_update_webhook',
  title: 'Update a Clockify webhook',
  description: [
    'Changes a webhook: its address, event, trigger or name. Only the fields you pass change (the rest is read first and kept); its token stays the same.',
    'Example: clockify_update_webhook {"webhook_id": "6c21d2e3f4a5b6c7d8e9a001", "event": "NEW_TIME_ENTRY"}',
    'Side effect: deliveries follow the new settings at once. Ids come from clockify_list_webhooks.',
  ].join('\n'),
  toolset: 'webhooks',
  minRole: 'admin',
  input: z.strictObject({
    webhook_id: webhookIdArg,
    url: webhookUrlArg.optional(),
    event: webhookEventArg.optional(),
    trigger_type: webhookTriggerArg.optional(),
    trigger_ids: triggerIdsArg.optional(),
    name: webhookNameArg.optional(),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ webhook: webhookOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const url = args.url === undefined ? undefined : requireHttps(args.url);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const path = vendorPath('/workspaces/{workspace_id}/webhooks/{webhook_id}', { workspace_id: ws, webhook_id: args.webhook_id });
    // Clockify's PUT needs url, event, trigger type and ids together: merge into the current webhook.
    const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorWebhook, { operation: 'get webhook' });
    let updated: z.infer<typeof vendorWebhook>;
    try {
      updated = await ctx.runtime.api.call(ctx, 'PUT', path, vendorWebhook, {
        operation: 'update webhook',
        body: {
          name: args.name ?? current.name ?? undefined,
          url: url ?? current.url,
          webhookEvent: args.event ?? current.webhookEvent,
          triggerSourceType: args.trigger_type ?? current.triggerSourceType,
          triggerSource: args.trigger_ids ?? current.triggerSource ?? [],
        },
      });
    } catch (error) {
      throw await webhookRefusalError(error, ctx, ws, args.name);
    }
    const [webhook] = await withWebhookNames(ctx, ws, [toWebhookOut(updated)]);
    return { webhook: webhook! };
  },
});
