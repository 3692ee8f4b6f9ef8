import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { archiveFirstArg, deletedOut, deleteWithArchive } from './object-delete';
import { vendorClient } from './object-shapes';
import { clientPutBody } from './object-writes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteClient = defineTool({
  name: 'clockify_delete_client',
  title: 'Delete a Clockify client',
  description: [
    'Deletes a client for good (Clockify deletes archived clients only; see archive_first). To only hide it, use clockify_update_client {"archived": true}.',
    'Example: clockify_delete_client {"client_id": "6410a1b2c3d4e5f6a7b8c902", "archive_first": true}',
  ].join('\n'),
  toolset: 'clients',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    client_id: idArg('Client', 'clockify_list_clients'),
    archive_first: archiveFirstArg('archive the client'),
  }),
  output: deletedOut('client'),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const done = await deleteWithArchive(ctx, {
      path: vendorPath('/workspaces/{workspace_id}/clients/{client_id}', { workspace_id: ws, client_id: args.client_id }),
      noun: 'client',
      archiveFirst: args.archive_first,
      read: vendorClient,
      isActive: (c) => c.archived !== true,
      archiveBody: (c) => clientPutBody(c, { archived: true }),
    });
    ctx.runtime.names.forget(ws, 'client');
    return { deleted: true as const, client: { id: args.client_id, name: done.name }, archived_first: done.archivedFirst };
  },
});
