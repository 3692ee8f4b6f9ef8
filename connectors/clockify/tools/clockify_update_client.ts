import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { clientOut, toClient, vendorClient } from './object-shapes';
import { clientPutBody } from './object-writes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateClient = defineTool({
  name: 'clockify_update_client',
  title: 'Update or archive a Clockify client',
  description: [
    'Changes a client: name, email, address, note, or archives/unarchives it. null clears a text field.',
    'Example: clockify_update_client {"client_id": "6410a1b2c3d4e5f6a7b8c901", "archived": true}',
  ].join('\n'),
  toolset: 'clients',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    client_id: idArg('Client', 'clockify_list_clients'),
    name: z.string().trim().min(1).max(100).optional().describe('New name.'),
    email: z.email().max(254).nullable().optional().describe('New billing email; null clears it.'),
    address: z.string().trim().max(3000).nullable().optional().describe('New address; null clears it.'),
    note: z.string().trim().max(3000).nullable().optional().describe('New note; null clears it.'),
    archived: z.boolean().optional().describe('true archives, false unarchives.'),
  }),
  output: z.object({ client: clientOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const { workspace_id, client_id, ...patch } = args;
    if (Object.values(patch).every((v) => v === undefined)) {
      throw invalidArgument('Nothing to change: pass at least one of name, email, address, note, archived.', {
        connector: CONNECTOR,
        fields: [{ field: 'name', problem: 'no field to change was given' }],
      });
    }
    const ws = await ctx.runtime.workspaceId(ctx, workspace_id);
    const path = vendorPath('/workspaces/{workspace_id}/clients/{client_id}', { workspace_id: ws, client_id });
    const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorClient, { operation: 'get client' });
    const raw = await ctx.runtime.api.call(ctx, 'PUT', path, vendorClient, { operation: 'update client', body: clientPutBody(current, patch) });
    ctx.runtime.names.forget(ws, 'client');
    return { client: toClient({ ...current, ...raw }) };
  },
});
