import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { clientNameArg, clientRef, lookupFor } from './object-names';
import { projectOut, toProject, vendorProject } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListProjects = defineTool({
  name: 'clockify_list_projects',
  title: 'List Clockify projects',
  description: [
    "Lists the workspace's projects with client name, rates and members, filtered by name (contains), archived, billable or client.",
    'Use it for project ids (time entries, tasks) or before creating a project.',
    'Example: clockify_list_projects {"client": "Acme Corp", "archived": false}',
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(1).max(250).optional().describe('Only projects whose name contains this text.'),
    archived: z.boolean().optional().describe('true: only archived; false: only active; omitted: both.'),
    billable: z.boolean().optional().describe('Only billable (true) or non-billable (false) projects.'),
    client_id: clockifyId.optional().describe('Only projects of this client (from clockify_list_clients).'),
    client: clientNameArg,
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ projects: z.array(projectOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    clientRef.notBoth(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const clientId = await clientRef.resolve(ctx, ws, args);
    const query = { name: args.name, archived: args.archived, billable: args.billable, clients: clientId ? [clientId] : undefined };
    const page = await ctx.runtime.api.list(ctx, vendorPath('/workspaces/{workspace_id}/projects', { workspace_id: ws }), vendorProject, { operation: 'list projects', query }, args);
    const names = await lookupFor(ctx, ws, {
      users: page.items.flatMap((p) => (p.memberships ?? []).map((m) => m.userId)),
      clients: page.items.filter((p) => p.clientId && !p.clientName).map((p) => p.clientId),
      rated: page.items,
    });
    return { projects: page.items.map((p) => toProject(p, names)), next_cursor: page.next_cursor };
  },
});
