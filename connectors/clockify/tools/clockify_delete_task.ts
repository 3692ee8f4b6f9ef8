import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { archiveFirstArg, deletedOut, deleteWithArchive } from './object-delete';
import { taskStatusOf, vendorTask } from './object-shapes';
import { taskPutBody } from './object-writes';
import { checkTaskProject, taskProject, taskProjectArgs } from './task-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTask = defineTool({
  name: 'clockify_delete_task',
  title: 'Delete a Clockify task',
  description: [
    'Deletes a task for good. Clockify deletes DONE tasks only; see archive_first. To only close it, use clockify_update_task {"status": "DONE"}.',
    'Example: clockify_delete_task {"project_id": "65b1c2d3e4f5a6b7c8d9e001", "task_id": "66c1d2e3f4a5b6c7d8e9f002", "archive_first": true}',
  ].join('\n'),
  toolset: 'tasks',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...taskProjectArgs,
    task_id: idArg('Task', 'clockify_list_tasks'),
    archive_first: archiveFirstArg('set the task DONE'),
  }),
  output: deletedOut('task'),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    checkTaskProject(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await taskProject(ctx, ws, args);
    const done = await deleteWithArchive(ctx, {
      path: vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}', { workspace_id: ws, project_id: projectId, task_id: args.task_id }),
      noun: 'task',
      archiveFirst: args.archive_first,
      read: vendorTask,
      isActive: (t) => taskStatusOf(t.status) !== 'DONE',
      archiveBody: (t) => taskPutBody(t, { status: 'DONE' }),
    });
    ctx.runtime.names.forget(ws, 'task');
    return { deleted: true as const, task: { id: args.task_id, name: done.name }, archived_first: done.archivedFirst };
  },
});
