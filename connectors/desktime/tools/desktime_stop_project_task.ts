import { defineTool } from '../runtime';
import { trackingAccount, trackingInput, trackingOutput } from './project-shapes';

export const desktimeStopProjectTask = defineTool({
  name: 'desktime_stop_project_task',
  title: 'Stop DeskTime tracking on a project',
  description: [
    "Stops tracking on a project (and optionally a task) for you (only the API key's owner can be tracked; acted_as says whose).",
    "Use this when the user stops working on something; desktime_get_employee without employee_id shows the active project.",
    "Example: desktime_stop_project_task {\"project\": \"Client website redesign\", \"task\": \"Design review\"}",
    "Side effect: ends the running tracking. Never retried; do not repeat blindly.",
  ].join('\n'),
  toolset: 'tracking',
  input: trackingInput('stop'),
  output: trackingOutput('stopped'),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const { employee, actedAs } = await trackingAccount(ctx, args, 'stop');
    // DeskTime's answer is undocumented: the client fails on an `error` in it, and nothing else in it is news to the model.
    await ctx.runtime.forCaller(ctx).client.stopProject({ project: args.project, task: args.task }, ctx);
    return { stopped: true as const, project: args.project, task: args.task ?? null, employee, acted_as: actedAs };
  },
});
