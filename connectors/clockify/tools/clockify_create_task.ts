import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { lookupFor, personIds } from './object-names';
import { taskOut, toTask, vendorTask } from './object-shapes';
import { assigneeIdsArg, checkTaskProject, estimateArg, estimateToIso, taskProject, taskProjectArgs } from './task-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateTask = defineTool({
  name: 'clockify_create_task',
  title: 'Create a Clockify task',
  description: [
    'Creates a task in a project (project_id or project name), optionally with assignees and an estimate. Clockify refuses a name already used in the project.',
    'Example: clockify_create_task {"project": "Q1 audit", "name": "Fieldwork", "estimate": "20h"}',
  ].join('\n'),
  toolset: 'tasks',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...taskProjectArgs,
    name: z.string().trim().min(1).max(1000).describe('Task name, e.g. "Fieldwork".'),
    assignee_ids: assigneeIdsArg,
    estimate: estimateArg,
  }),
  output: z.object({ task: taskOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    checkTaskProject(args);
    const estimate = args.estimate === undefined ? undefined : estimateToIso(args.estimate);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await taskProject(ctx, ws, args);
    const assigneeIds = args.assignee_ids ? await personIds(ctx, ws, args.assignee_ids, 'assignee_ids') : undefined;
    const body = { name: args.name, assigneeIds, estimate };
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks', { workspace_id: ws, project_id: projectId }), vendorTask, { operation: 'create task', body });
    ctx.runtime.names.forget(ws, 'task');
    const names = await lookupFor(ctx, ws, { users: raw.assigneeIds ?? [], projects: [projectId], rated: raw });
    return { task: toTask({ ...raw, projectId: raw.projectId || projectId }, names) };
  },
});
