import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { lookupFor, personIds } from './object-names';
import { taskOut, toTask, vendorTask } from './object-shapes';
import { taskPutBody } from './object-writes';
import { assigneeIdsArg, checkTaskProject, estimateArg, estimateToIso, taskProject, taskProjectArgs } from './task-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateTask = defineTool({
  name: 'clockify_update_task',
  title: 'Update or close a Clockify task',
  description: [
    'Changes a task: name, status (DONE closes it, ACTIVE reopens it), assignees (replaces the list), estimate, billable.',
    'Example: clockify_update_task {"project_id": "65b1c2d3e4f5a6b7c8d9e001", "task_id": "66c1d2e3f4a5b6c7d8e9f001", "status": "DONE"}',
  ].join('\n'),
  toolset: 'tasks',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...taskProjectArgs,
    task_id: idArg('Task', 'clockify_list_tasks'),
    name: z.string().trim().min(1).max(1000).optional().describe('New name.'),
    status: z.enum(['ACTIVE', 'DONE']).optional().describe('DONE closes the task (no new time on it); ACTIVE reopens it.'),
    assignee_ids: assigneeIdsArg,
    estimate: estimateArg,
    billable: z.boolean().optional().describe('Whether time on the task is billable.'),
  }),
  output: z.object({ task: taskOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    checkTaskProject(args);
    const { name, status, assignee_ids, estimate, billable } = args;
    if ([name, status, assignee_ids, estimate, billable].every((v) => v === undefined)) {
      throw invalidArgument('Nothing to change: pass at least one of name, status, assignee_ids, estimate, billable.', {
        connector: CONNECTOR,
        fields: [{ field: 'name', problem: 'no field to change was given' }],
      });
    }
    const isoEstimate = estimate === undefined ? undefined : estimateToIso(estimate);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await taskProject(ctx, ws, args);
    const path = vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks/{task_id}', { workspace_id: ws, project_id: projectId, task_id: args.task_id });
    const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorTask, { operation: 'get task' });
    const assigneeIds = assignee_ids ? await personIds(ctx, ws, assignee_ids, 'assignee_ids') : undefined;
    const body = taskPutBody(current, { name, status, assigneeIds, estimate: isoEstimate, billable });
    const raw = await ctx.runtime.api.call(ctx, 'PUT', path, vendorTask, { operation: 'update task', body });
    ctx.runtime.names.forget(ws, 'task');
    const names = await lookupFor(ctx, ws, { users: raw.assigneeIds ?? [], projects: [projectId], rated: raw });
    return { task: toTask({ ...raw, projectId: raw.projectId || projectId }, names) };
  },
});
