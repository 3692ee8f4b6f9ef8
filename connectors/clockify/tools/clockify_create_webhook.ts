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
  webhookTokenOut,
  webhookTriggerArg,
  webhookUrlArg,
  WEBHOOK_QUOTA_TEXT,
  withWebhookNames,
} from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateWebhook = defineTool({
  name: 'clockify_create_webhook',
  title: 'Create a Clockify webhook',
  description: [
    'Makes Clockify POST an event (e.g. TIMER_STOPPED) to an https address whenever it happens for the given projects, users, tags, tasks or the whole workspace. Use for "notify our webhook when a timer stops".',
    'Returns auth_token once: Clockify signs each delivery with it; tell the user to store it, it is never shown again.',
    `Side effect: deliveries start at once. ${WEBHOOK_QUOTA_TEXT}`,
    'Example: clockify_create_webhook {"url": "https://hooks.example.com/clockify", "event": "TIMER_STOPPED", "trigger_type": "WORKSPACE_ID", "trigger_ids": ["64a687e29ae1f428e7ebe303"]}',
  ].join('\n'),
  toolset: 'webhooks',
  minRole: 'admin',
  input: z.strictObject({
    url: webhookUrlArg,
    event: webhookEventArg,
    trigger_type: webhookTriggerArg,
    trigger_ids: triggerIdsArg,
    name: webhookNameArg.optional().describe('Webhook name, 2-30 characters (default: from the event).'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ webhook: webhookOut, auth_token: webhookTokenOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const url = requireHttps(args.url);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const name = args.name ?? args.event.toLowerCase().replace(/_/g, ' ').slice(0, 30);
    let created: z.infer<typeof vendorWebhook>;
    try {
      created = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/webhooks', { workspace_id: ws }), vendorWebhook, {
        operation: 'create webhook',
        body: { name, url, webhookEvent: args.event, triggerSourceType: args.trigger_type, triggerSource: args.trigger_ids },
      });
    } catch (error) {
      throw await webhookRefusalError(error, ctx, ws, name);
    }
    const [webhook] = await withWebhookNames(ctx, ws, [toWebhookOut(created)]);
    return { webhook: webhook!, auth_token: created.authToken ?? null };
  },
});
