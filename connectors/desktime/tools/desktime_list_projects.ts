import { z } from 'zod';
import { defineTool } from '../runtime';
import { projectOut, toProject, type ProjectOut } from './project-shapes';

export const desktimeListProjects = defineTool({
  name: 'desktime_list_projects',
  title: 'List DeskTime projects and tasks',
  description: [
    "Lists the company's active projects with their tasks (id, name), sorted by name.",
    "Use this for exact project and task names before starting or stopping tracking, or to avoid a duplicate before desktime_create_project.",
    "Example: desktime_list_projects {}",
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({}),
  output: z.object({ projects: z.array(projectOut), count: z.number().int() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const answer = await ctx.runtime.forCaller(ctx).client.projects(ctx);
    const list = Array.isArray(answer.projects) ? answer.projects : Object.values(answer.projects);
    const projects = list
      .map(toProject)
      .filter((p): p is ProjectOut => p !== undefined)
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    return { projects, count: projects.length };
  },
});
