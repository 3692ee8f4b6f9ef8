import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { projectOut, toProject, vendorProject } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetProject = defineTool({
  name: 'clockify_get_project',
  title: 'Get a Clockify project',
  description: [
    'Gets one project: client, billable, archived, rates, time tracked, and members with their project rates.',
    'Example: clockify_get_project {"project_id": "65b1c2d3e4f5a6b7c8d9e001"}',
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({ workspace_id: workspaceIdArg, project_id: idArg('Project', 'clockify_list_projects') }),
  output: z.object({ project: projectOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/projects/{project_id}', { workspace_id: ws, project_id: args.project_id }), vendorProject, { operation: 'get project' });
    const names = await lookupFor(ctx, ws, { users: (raw.memberships ?? []).map((m) => m.userId), clients: raw.clientName ? [] : [raw.clientId], rated: raw });
    return { project: toProject(raw, names) };
  },
});
