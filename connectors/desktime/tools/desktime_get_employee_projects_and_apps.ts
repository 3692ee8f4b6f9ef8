import { z } from 'zod';
import { toApps, toDuration, toPercent, toProjectEntries } from '../format';
import { defineTool } from '../runtime';
import { appOut, durationOut, projectEntryOut } from '../schemas';
import { employeeDayInput, employeeRefOut, fetchEmployeeDay, MAX_APPS } from './employee-day';

export const desktimeGetEmployeeProjectsAndApps = defineTool({
  name: 'desktime_get_employee_projects_and_apps',
  title: "Get a DeskTime employee's projects and apps for a day",
  description: [
    "Returns what one employee spent a day on: projects and tasks tracked and apps and sites used, each with time, longest first, plus the day's tracked time and productivity when DeskTime sends them.",
    "Use this for \"where did the time go\"; desktime_get_employee adds arrival and status.",
    "Example: desktime_get_employee_projects_and_apps {\"employee_id\": 12345, \"date\": \"today\"}",
  ].join('\n'),
  toolset: 'day_views',
  input: employeeDayInput,
  output: z.object({
    date: z.string().describe('YYYY-MM-DD in the company time zone.'),
    employee: employeeRefOut,
    desktime_time: durationOut.nullable(),
    productive_time: durationOut.nullable(),
    productivity_percent: z.number().nullable(),
    projects: z.array(projectEntryOut),
    apps: z.array(appOut).describe(`At most ${MAX_APPS}, longest first.`),
    apps_total_count: z.number().int(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const { date, raw, actedAs } = await fetchEmployeeDay(ctx.runtime.forCaller(ctx), 'basic', args, { ...ctx, identity: ctx.runtime.identity });
    const apps = toApps(raw.apps, ctx.log);
    return {
      ...(actedAs ? { acted_as: actedAs } : {}),
      date,
      employee: { id: raw.id, name: raw.name ?? null },
      desktime_time: raw.desktimeTime === undefined ? null : toDuration(raw.desktimeTime),
      productive_time: raw.productiveTime === undefined ? null : toDuration(raw.productiveTime),
      productivity_percent: toPercent(raw.productivity),
      projects: toProjectEntries(raw.projects, ctx.log),
      apps: apps.slice(0, MAX_APPS),
      apps_total_count: apps.length,
    };
  },
});
