import { z } from 'zod';
import { defineTool } from '../runtime';
import { projectOut, toProject, type ProjectOut } from './project-shapes';

export const desktimeListProjects = defineTool({
  name: 'desktime_list_projects',
  title: 'List DeskTime projects and tasks',
  description: [
    "Lists the DeskTime company's active projects with their tasks, sorted by name.",
    'Use this before desktime_start_project_task or desktime_stop_project_task to get exact project and task names, or before desktime_create_project to avoid a duplicate.',
    'Example: desktime_list_projects {}',
    'No side effects. DeskTime does not document this answer: each project has id, name, created_at and tasks [{id, name}] where DeskTime sends them (null otherwise), and any other fields under extra.',
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({}),
  output: z.object({ projects: z.array(projectOut), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const answer = await ctx.runtime.forCaller(ctx).client.projects(ctx.signal);
    const list = Array.isArray(answer.projects) ? answer.projects : Object.values(answer.projects);
    const projects = list
      .map(toProject)
      .filter((p): p is ProjectOut => p !== undefined)
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    return { projects, count: projects.length };
  },
});
