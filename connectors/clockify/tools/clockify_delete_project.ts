import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { archiveFirstArg, deletedOut, deleteWithArchive } from './object-delete';
import { vendorProject } from './object-shapes';
import { projectPutBody } from './object-writes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteProject = defineTool({
  name: 'clockify_delete_project',
  title: 'Delete a Clockify project',
  description: [
    'Deletes a project for good. Clockify deletes archived projects only; see archive_first. To only hide it, use clockify_update_project {"archived": true}.',
    'Example: clockify_delete_project {"project_id": "65b1c2d3e4f5a6b7c8d9e002", "archive_first": true}',
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    project_id: idArg('Project', 'clockify_list_projects'),
    archive_first: archiveFirstArg('archive the project'),
  }),
  output: deletedOut('project'),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const done = await deleteWithArchive(ctx, {
      path: vendorPath('/workspaces/{workspace_id}/projects/{project_id}', { workspace_id: ws, project_id: args.project_id }),
      noun: 'project',
      archiveFirst: args.archive_first,
      read: vendorProject,
      isActive: (p) => p.archived !== true,
      archiveBody: (p) => projectPutBody(p, { archived: true }),
    });
    ctx.runtime.names.forget(ws, 'project');
    return { deleted: true as const, project: { id: args.project_id, name: done.name }, archived_first: done.archivedFirst };
  },
});
