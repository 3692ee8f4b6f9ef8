import { z } from 'zod';
import { extraFields, toDuration } from '../format';
import { defineTool } from '../runtime';
import { durationOut, extraOut, vendorCompany } from '../schemas';

const KNOWN = Object.keys(vendorCompany.shape);

export const desktimeGetAccount = defineTool({
  name: 'desktime_get_account',
  title: 'Get DeskTime company details',
  description: [
    "Returns the DeskTime company: name, time zone, working hours and tracking window.",
    "Use this for the time zone dates are resolved in, or the work schedule.",
    "Example: desktime_get_account {}",
    "working_days is passed through as DeskTime sends it (meaning undocumented).",
  ].join('\n'),
  toolset: 'account',
  input: z.strictObject({}),
  output: z.object({
    name: z.string().nullable(),
    time_zone: z.string().nullable().describe('IANA time zone, e.g. "Europe/London".'),
    work_starts: z.string().nullable().describe('"HH:MM:SS".'),
    work_ends: z.string().nullable(),
    work_duration: durationOut.nullable().describe('Length of the expected working day.'),
    working_days: z.number().nullable(),
    tracking_starts: z.string().nullable().describe('Time of day DeskTime starts tracking, "HH:MM:SS".'),
    tracking_ends: z.string().nullable(),
    extra: extraOut,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const company = await ctx.runtime.forCaller(ctx).client.company(ctx);
    ctx.runtime.forCaller(ctx).rememberCompany(company);
    return {
      name: company.name ?? null,
      time_zone: company.timezone_identifier ?? null,
      work_starts: company.work_starts ?? null,
      work_ends: company.work_ends ?? null,
      work_duration: company.work_duration === undefined ? null : toDuration(company.work_duration),
      working_days: company.working_days ?? null,
      tracking_starts: company.work_start_tracking ?? null,
      tracking_ends: company.work_stop_tracking ?? null,
      extra: extraFields(company, KNOWN),
    };
  },
});
