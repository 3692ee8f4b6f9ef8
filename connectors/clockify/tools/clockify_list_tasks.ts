import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { taskOut, toTask, vendorTask } from './object-shapes';
import { checkTaskProject, taskProject, taskProjectArgs } from './task-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListTasks = defineTool({
  name: 'clockify_list_tasks',
  title: "List a Clockify project's tasks",
  description: [
    "Lists one project's tasks (project_id or project name) with status, estimate, time tracked and assignees, filtered by name (contains) or status.",
    'Use it for task ids, e.g. when the workspace requires a task on every time entry.',
    'Example: clockify_list_tasks {"project": "Acme website", "status": "active"}',
  ].join('\n'),
  toolset: 'tasks',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...taskProjectArgs,
    name: z.string().trim().min(1).max(1000).optional().describe('Only tasks whose name contains this text.'),
    status: z.enum(['active', 'done', 'all']).optional().describe('active, done, or all (default).'),
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ tasks: z.array(taskOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    checkTaskProject(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await taskProject(ctx, ws, args);
    const isActive = args.status === 'active' ? true : args.status === 'done' ? false : undefined;
    const page = await ctx.runtime.api.list(
      ctx,
      vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks', { workspace_id: ws, project_id: projectId }),
      vendorTask,
      { operation: 'list tasks', query: { name: args.name, 'is-active': isActive } },
      args,
    );
    const names = await lookupFor(ctx, ws, { users: page.items.flatMap((t) => t.assigneeIds ?? []), projects: [projectId], rated: page.items });
    return { tasks: page.items.map((t) => toTask({ ...t, projectId: t.projectId || projectId }, names)), next_cursor: page.next_cursor };
  },
});
