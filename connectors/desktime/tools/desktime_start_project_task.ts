import { defineTool } from '../runtime';
import { requireKeyOwner, trackingExtra, trackingInput, trackingOutput } from './project-shapes';

export const desktimeStartProjectTask = defineTool({
  name: 'desktime_start_project_task',
  title: 'Start DeskTime tracking on a project',
  description: [
    "Starts DeskTime time tracking on a project (and optionally a task) for the owner of the gateway's DeskTime API key.",
    'Use this when the user says they are starting work on something. Get exact names from desktime_list_projects: DeskTime creates a project or task that does not exist yet, so a typo makes a new one.',
    'Example: desktime_start_project_task {"project": "Client website redesign", "task": "Design review"}',
    'Side effects: only one project is tracked at a time, so this stops whatever the key owner was tracking. Not safe to repeat blindly; the gateway never retries it. It cannot act for another employee: passing a different employee_id is refused. DeskTime does not document the answer; whatever it sends is under extra.',
  ].join('\n'),
  toolset: 'tracking',
  input: trackingInput('start'),
  output: trackingOutput('started'),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const employee = await requireKeyOwner(ctx.runtime.forCaller(ctx), args.employee_id, 'start');
    const answer = await ctx.runtime.forCaller(ctx).client.startProject({ project: args.project, task: args.task }, ctx.signal);
    return { started: true as const, project: args.project, task: args.task ?? null, employee, extra: trackingExtra(answer) };
  },
});
