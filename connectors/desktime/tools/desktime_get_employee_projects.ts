import { z } from 'zod';
import { toDuration, toProjectEntries } from '../format';
import { defineTool } from '../runtime';
import { durationOut, projectEntryOut } from '../schemas';
import { employeeDayInput, employeeRefOut, fetchEmployeeDay } from './employee-day';

export const desktimeGetEmployeeProjects = defineTool({
  name: 'desktime_get_employee_projects',
  title: "Get a DeskTime employee's projects for a day",
  description: [
    'Returns the projects and tasks one employee tracked time on during one day, with the time on each (longest first) and the total.',
    "Use this to answer \"what did they work on\"; desktime_list_employees gives the ids. Without employee_id it answers for the owner of the gateway's DeskTime API key.",
    'Example: desktime_get_employee_projects {"employee_id": 12345, "date": "2024-03-15"}',
    'No side effects. One day per call: DeskTime has no ranges. The exact shape of this DeskTime answer is not documented: entries it sends that are not projects are left out.',
  ].join('\n'),
  toolset: 'employees',
  input: employeeDayInput,
  output: z.object({
    date: z.string().describe('YYYY-MM-DD in the company time zone.'),
    employee: employeeRefOut,
    projects: z.array(projectEntryOut),
    total_time: durationOut.describe('Sum of the project times.'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const { date, raw } = await fetchEmployeeDay(ctx.runtime.forCaller(ctx), 'projects', args, ctx.signal);
    const projects = toProjectEntries(raw.projects);
    const total = projects.reduce((sum, p) => sum + (p.time?.seconds ?? 0), 0);
    return { date, employee: { id: raw.id, name: raw.name ?? null }, projects, total_time: toDuration(total) };
  },
});
