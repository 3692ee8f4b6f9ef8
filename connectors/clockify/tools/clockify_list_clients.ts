import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { clientOut, toClient, vendorClient } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListClients = defineTool({
  name: 'clockify_list_clients',
  title: 'List Clockify clients',
  description: [
    "Lists the workspace's clients, optionally filtered by name (contains) or archived state.",
    'Use it for client ids (projects, reports) or before creating a client.',
    'Example: clockify_list_clients {"name": "acme"}',
  ].join('\n'),
  toolset: 'clients',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(1).max(100).optional().describe('Only clients whose name contains this text.'),
    archived: z.boolean().optional().describe('true: only archived clients; false: only active ones; omitted: Clockify\'s default (undocumented; assumed both).'),
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ clients: z.array(clientOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const page = await ctx.runtime.api.list(
      ctx,
      vendorPath('/workspaces/{workspace_id}/clients', { workspace_id: ws }),
      vendorClient,
      { operation: 'list clients', query: { name: args.name, archived: args.archived } },
      args,
    );
    return { clients: page.items.map(toClient), next_cursor: page.next_cursor };
  },
});
