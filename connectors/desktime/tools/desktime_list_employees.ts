import { z } from 'zod';
import { employeeDays, toEmployeeDay } from '../format';
import { defineTool } from '../runtime';
import { dateArg, employeeDayOut, type EmployeeDayOut } from '../schemas';

/** A month of a large company is thousands of rows; past this the answer says it stopped. */
export const MAX_EMPLOYEE_DAYS = 1000;

export const desktimeListEmployees = defineTool({
  name: 'desktime_list_employees',
  title: 'List DeskTime employees with their day',
  description: [
    "Lists every employee with group, online status, arrival and leaving, tracked and productive time, productivity and current project, for one day or each day of a month (days[].employees[]).",
    "Use this for employee ids or to compare the team.",
    "Example: desktime_list_employees {\"date\": \"yesterday\"}; a month: {\"date\": \"2024-03-01\", \"period\": \"month\"}",
  ].join('\n'),
  toolset: 'employees',
  // Everyone's day: stays with staff even where DESKTIME_MIN_ROLE lets users in with their own keys.
  minRole: 'staff',
  input: z.strictObject({
    date: dateArg,
    period: z
      .enum(['day', 'month'])
      .default('day')
      .describe('"day" (default) for that day only, "month" for every day of the month that date falls in.'),
  }),
  output: z.object({
    period: z.enum(['day', 'month']),
    date: z.string().describe('The day asked for, YYYY-MM-DD, in the company time zone.'),
    days: z.array(z.object({ date: z.string(), employees: z.array(employeeDayOut) })),
    employee_days: z.number().int().describe('Employee rows returned across all days.'),
    truncated: z.boolean().describe(`True when more than ${MAX_EMPLOYEE_DAYS} rows existed and the rest were left out; ask per day instead.`),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const date = await ctx.runtime.forCaller(ctx).resolveDay(args.date, {
      monthAvailable: 'pass period "month" with any day of that month to get the whole month in one call',
    });
    const answer = await ctx.runtime.forCaller(ctx).client.employees({ date, period: args.period }, ctx);

    let rows = 0;
    let truncated = false;
    const days: { date: string; employees: EmployeeDayOut[] }[] = [];
    const byDay = employeeDays(answer, ctx.log);
    // Arrival and leaving carry the company zone's offset; the zone is asked only when someone arrived (cached an hour).
    const timeZone = byDay.some((d) => d.rows.some((r) => r.arrived || r.left)) ? await ctx.runtime.forCaller(ctx).companyTimeZone() : 'UTC';
    for (const { date: day, rows: list } of byDay) {
      const employees: EmployeeDayOut[] = [];
      for (const row of list) {
        if (rows >= MAX_EMPLOYEE_DAYS) {
          truncated = true;
          break;
        }
        employees.push(toEmployeeDay(row, timeZone));
        rows += 1;
      }
      employees.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.id ?? 0) - (b.id ?? 0));
      days.push({ date: day, employees });
      if (truncated) break;
    }
    return { period: args.period, date, days, employee_days: rows, truncated };
  },
});
