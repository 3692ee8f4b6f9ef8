import { defineTool } from '../runtime';
import { trackingAccount, trackingInput, trackingOutput } from './project-shapes';

export const desktimeStartProjectTask = defineTool({
  name: 'desktime_start_project_task',
  title: 'Start DeskTime tracking on a project',
  description: [
    "Starts tracking on a project (and optionally a task) for you; DeskTime tracks only the API key's owner, so for anyone else it is refused (acted_as says whose).",
    "Use this when the user starts work on something. Use exact names (desktime_list_projects lists them): DeskTime creates missing projects and tasks, so a typo makes a new one.",
    "Example: desktime_start_project_task {\"project\": \"Client website redesign\", \"task\": \"Design review\"}",
    "Side effects: stops whatever the owner was tracking (one at a time). Never retried; do not repeat blindly.",
  ].join('\n'),
  toolset: 'tracking',
  input: trackingInput('start'),
  output: trackingOutput('started'),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const { employee, actedAs } = await trackingAccount(ctx, args, 'start');
    // DeskTime's answer is undocumented: the client fails on an `error` in it, and nothing else in it is news to the model.
    await ctx.runtime.forCaller(ctx).client.startProject({ project: args.project, task: args.task }, ctx);
    return { started: true as const, project: args.project, task: args.task ?? null, employee, acted_as: actedAs };
  },
});
