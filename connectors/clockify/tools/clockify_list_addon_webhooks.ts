import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { pageLocally } from '../reports/common';
import { webhookOut, webhooksAnswer, webhooksOf, withWebhookNames } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListAddonWebhooks = defineTool({
  name: 'clockify_list_addon_webhooks',
  title: "List a Clockify add-on's webhooks",
  description: [
    'Lists the webhooks one installed add-on registered in the workspace (address, event, trigger). Tokens are never listed.',
    "Use to see what an add-on listens to. The addon_id is the add-on's Clockify id (from its settings or install payload); clockify_list_webhooks {\"type\": \"addon\"} lists all add-on webhooks.",
    'Example: clockify_list_addon_webhooks {"addon_id": "64c777ddd3fcab07cfbb210c"}',
    'No side effects.',
  ].join('\n'),
  toolset: 'webhooks',
  input: z.strictObject({ addon_id: idArg('Add-on', 'Clockify'), limit: limitArg, cursor: cursorArg, workspace_id: workspaceIdArg }),
  output: z.object({ items: z.array(webhookOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const answer = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/addons/{addon_id}/webhooks', { workspace_id: ws, addon_id: args.addon_id }), webhooksAnswer, {
      operation: 'list add-on webhooks',
    });
    const page = pageLocally(webhooksOf(answer, ctx.log), args);
    return { ...page, items: await withWebhookNames(ctx, ws, page.items) };
  },
});
