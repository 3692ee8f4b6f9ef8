import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { pageLocally } from '../reports/common';
import { webhookOut, webhooksAnswer, webhooksOf, withWebhookNames } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListWebhooks = defineTool({
  name: 'clockify_list_webhooks',
  title: 'List Clockify webhooks',
  description: [
    'Lists the webhooks of the workspace: address, event, trigger, enabled, and how many the workspace has (for the plan quota). Tokens are never listed.',
    'Use to find a webhook_id or to check the quota before creating one.',
    'Example: clockify_list_webhooks {"type": "user_created"}',
    'No side effects.',
  ].join('\n'),
  toolset: 'webhooks',
  input: z.strictObject({
    type: z.enum(['user_created', 'system', 'addon']).optional().describe('Only webhooks made by users, by the system, or by add-ons (default all).'),
    limit: limitArg,
    cursor: cursorArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    workspace_webhook_count: z.number().nullable().describe("Webhooks in the workspace (the plan's quota counts these)."),
    items: z.array(webhookOut),
    next_cursor: nextCursorOut,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const answer = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/webhooks', { workspace_id: ws }), webhooksAnswer, {
      operation: 'list webhooks',
      query: { type: args.type?.toUpperCase() },
    });
    const page = pageLocally(webhooksOf(answer, ctx.log), args);
    page.items = await withWebhookNames(ctx, ws, page.items);
    return { workspace_webhook_count: answer.workspaceWebhookCount ?? null, ...page };
  },
});
