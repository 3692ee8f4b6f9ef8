import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { clientOut, toClient, vendorClient } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateClient = defineTool({
  name: 'clockify_create_client',
  title: 'Create a Clockify client',
  description: [
    'Creates a client in the workspace. Clockify refuses a name that already exists (invalid_argument): check clockify_list_clients first.',
    'Example: clockify_create_client {"name": "Globex", "email": "ap@globex.example"}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(1).max(100).describe('Client name, e.g. "Globex".'),
    email: z.email().max(254).optional().describe('Billing email.'),
    address: z.string().trim().max(3000).optional().describe('Postal address.'),
    note: z.string().trim().max(3000).optional().describe('Free-text note.'),
  }),
  output: z.object({ client: clientOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const body = { name: args.name, email: args.email, address: args.address, note: args.note };
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/clients', { workspace_id: ws }), vendorClient, { operation: 'create client', body });
    ctx.runtime.names.forget(ws, 'client');
    return { client: toClient(raw) };
  },
});
