import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { taskOut, toTask, vendorTask } from './object-shapes';
import { checkTaskProject, taskProject, taskProjectArgs } from './task-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetTask = defineTool({
  name: 'clockify_get_task',
  title: 'Get a Clockify task',
  description: [
    'Gets one task of a project: status, estimate, time tracked, assignees, rates.',
    'Example: clockify_get_task {"project_id": "65b1c2d3e4f5a6b7c8d9e001", "task_id": "66c1d2e3f4a5b6c7d8e9f001"}',
  ].join('\n'),
  toolset: 'tasks',
  input: z.strictObject({ workspace_id: workspaceIdArg, ...taskProjectArgs, task_id: idArg('Task', 'clockify_list_tasks') }),
  output: z.object({ task: taskOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    checkTaskProject(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await taskProject(ctx, ws, args);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}', { workspace_id: ws, project_id: projectId, task_id: args.task_id }), vendorTask, { operation: 'get task' });
    const names = await lookupFor(ctx, ws, { users: raw.assigneeIds ?? [], projects: [projectId], rated: raw });
    return { task: toTask({ ...raw, projectId: raw.projectId || projectId }, names) };
  },
});
