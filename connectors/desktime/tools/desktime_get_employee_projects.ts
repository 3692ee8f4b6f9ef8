import { z } from 'zod';
import { toDuration, toProjectEntries } from '../format';
import { defineTool } from '../runtime';
import { durationOut, projectEntryOut } from '../schemas';
import { employeeDayInput, employeeRefOut, fetchEmployeeDay } from './employee-day';

export const desktimeGetEmployeeProjects = defineTool({
  name: 'desktime_get_employee_projects',
  title: "Get a DeskTime employee's projects for a day",
  description: [
    "Returns the projects and tasks one employee tracked on one day, with time on each (longest first) and the total.",
    "Use this for \"what did they work on\".",
    "Example: desktime_get_employee_projects {\"employee_id\": 12345, \"date\": \"2024-03-15\"}",
    "Entries DeskTime sends that are not projects are left out (shape undocumented).",
  ].join('\n'),
  toolset: 'day_views',
  input: employeeDayInput,
  output: z.object({
    date: z.string().describe('YYYY-MM-DD in the company time zone.'),
    employee: employeeRefOut,
    projects: z.array(projectEntryOut),
    total_time: durationOut.describe('Sum of the project times.'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const { date, raw, actedAs } = await fetchEmployeeDay(ctx.runtime.forCaller(ctx), 'projects', args, { ...ctx, identity: ctx.runtime.identity });
    const projects = toProjectEntries(raw.projects, ctx.log);
    const total = projects.reduce((sum, p) => sum + (p.time?.seconds ?? 0), 0);
    return { date, employee: { id: raw.id, name: raw.name ?? null }, projects, total_time: toDuration(total), ...(actedAs ? { acted_as: actedAs } : {}) };
  },
});
