import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { clientOut, toClient, vendorClient } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetClient = defineTool({
  name: 'clockify_get_client',
  title: 'Get a Clockify client',
  description: ['Gets one client by id: name, contact fields, note, currency, archived state.', 'Example: clockify_get_client {"client_id": "6410a1b2c3d4e5f6a7b8c901"}'].join('\n'),
  toolset: 'clients',
  input: z.strictObject({ workspace_id: workspaceIdArg, client_id: idArg('Client', 'clockify_list_clients') }),
  output: z.object({ client: clientOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/clients/{client_id}', { workspace_id: ws, client_id: args.client_id }), vendorClient, { operation: 'get client' });
    return { client: toClient(raw) };
  },
});
