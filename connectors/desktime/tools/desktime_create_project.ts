import { z } from 'zod';
import { extraFields } from '../format';
import { defineTool } from '../runtime';
import { extraOut, vendorProject } from '../schemas';
import { projectNameArg, taskNameArg, taskOut, toProject } from './project-shapes';

export const desktimeCreateProject = defineTool({
  name: 'desktime_create_project',
  title: 'Create a DeskTime project',
  description: [
    "Creates a DeskTime project, optionally with a first task.",
    "Use this when the user asks for a new project; check desktime_list_projects first, since calling twice may make two. desktime_start_project_task also creates missing projects and tasks.",
    "Example: desktime_create_project {\"project\": \"Client website redesign\", \"task\": \"Discovery\"}",
    "Side effect: a project visible to the whole company; DeskTime cannot rename or delete it by API.",
  ].join('\n'),
  toolset: 'projects',
  input: z.strictObject({
    project: projectNameArg.describe('Name of the new project, e.g. "Client website redesign".'),
    task: taskNameArg.describe('Name of a first task to create in the project, e.g. "Discovery". Optional.'),
  }),
  output: z.object({
    created: z.literal(true),
    project: z.object({ id: z.number().int().nullable(), name: z.string(), tasks: z.array(taskOut) }),
    extra: extraOut,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const answer = await ctx.runtime.forCaller(ctx).client.createProject({ project: args.project, task: args.task }, ctx);
    // The project may be the answer itself or sit under `project`.
    const nested = answer.project && typeof answer.project === 'object' ? answer.project : undefined;
    const project = toProject(nested ?? answer);
    const tasks = project?.tasks.length ? project.tasks : args.task ? [{ id: null, name: args.task }] : [];
    return {
      created: true as const,
      project: { id: project?.id ?? null, name: project?.name ?? args.project, tasks },
      extra: nested ? extraFields(answer, ['project']) : extraFields(answer, Object.keys(vendorProject.shape)),
    };
  },
});
