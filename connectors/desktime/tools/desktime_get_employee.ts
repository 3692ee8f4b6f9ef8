import { z } from 'zod';
import { toApps, toEmployeeDay, toProjectEntries } from '../format';
import { defineTool } from '../runtime';
import { appOut, employeeDayOut, projectEntryOut } from '../schemas';
import { employeeDayInput, fetchEmployeeDay, MAX_APPS } from './employee-day';

export const desktimeGetEmployee = defineTool({
  name: 'desktime_get_employee',
  title: "Get one DeskTime employee's day",
  description: [
    "Returns one employee's day: arrival and leaving, tracked, productive and online time, productivity and efficiency, the active project, projects tracked, and apps and sites used (longest first).",
    "Use this for the full picture of one person on one day.",
    "Example: desktime_get_employee {\"employee\": \"Ana Alves\", \"date\": \"yesterday\"}",
  ].join('\n'),
  toolset: 'employees',
  input: employeeDayInput,
  output: z.object({
    date: z.string().describe('YYYY-MM-DD in the company time zone.'),
    employee: employeeDayOut,
    projects: z.array(projectEntryOut).describe('Projects and tasks tracked that day, longest first.'),
    apps: z.array(appOut).describe(`Apps and sites used, longest first, at most ${MAX_APPS}.`),
    apps_total_count: z.number().int().describe('Apps and sites DeskTime listed, including any left out.'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const { date, raw, actedAs } = await fetchEmployeeDay(ctx.runtime.forCaller(ctx), 'full', args, { ...ctx, identity: ctx.runtime.identity });
    const apps = toApps(raw.apps, ctx.log);
    return {
      ...(actedAs ? { acted_as: actedAs } : {}),
      date,
      employee: toEmployeeDay(raw, raw.arrived || raw.left ? await ctx.runtime.forCaller(ctx).companyTimeZone() : 'UTC'),
      projects: toProjectEntries(raw.projects, ctx.log),
      apps: apps.slice(0, MAX_APPS),
      apps_total_count: apps.length,
    };
  },
});
