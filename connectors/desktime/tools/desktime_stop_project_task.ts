import { z } from 'zod';
import { defineTool } from '../runtime';
import { employeeIdArg, extraOut } from '../schemas';
import { employeeRefOut } from './employee-day';
import { projectNameArg, requireKeyOwner, taskNameArg, trackingExtra } from './project-shapes';

export const desktimeStopProjectTask = defineTool({
  name: 'desktime_stop_project_task',
  title: 'Stop DeskTime tracking on a project',
  description: [
    "Stops DeskTime time tracking on a project (and optionally a task) for the owner of the gateway's DeskTime API key.",
    'Use this when the user says they stopped working on something. desktime_get_employee (without employee_id) shows the active project; desktime_list_projects gives exact names.',
    'Example: desktime_stop_project_task {"project": "Client website redesign", "task": "Design review"}',
    'Side effect: ends the running tracking. Not safe to repeat blindly; the gateway never retries it. It cannot act for another employee: passing a different employee_id is refused. DeskTime does not document the answer; whatever it sends is under extra.',
  ].join('\n'),
  toolset: 'tracking',
  input: z.strictObject({
    project: projectNameArg,
    task: taskNameArg,
    employee_id: employeeIdArg.describe(
      "Optional check only: DeskTime tracks for the API key's owner, so any other employee id is refused without stopping anything.",
    ),
  }),
  output: z.object({
    stopped: z.literal(true),
    project: z.string(),
    task: z.string().nullable(),
    employee: employeeRefOut.nullable().describe('The key owner, when employee_id was given and checked; null otherwise.'),
    extra: extraOut,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const employee = await requireKeyOwner(ctx.runtime, args.employee_id, 'stop');
    const answer = await ctx.runtime.client.stopProject({ project: args.project, task: args.task }, ctx.signal);
    return { stopped: true as const, project: args.project, task: args.task ?? null, employee, extra: trackingExtra(answer) };
  },
});
