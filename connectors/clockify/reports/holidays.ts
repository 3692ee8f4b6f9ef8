/** Holidays: Clockify's HolidayDtoV1 for the model, with member names beside ids. */
import { unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';

export const vendorHoliday = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  datePeriod: z.looseObject({ startDate: z.string().nullish(), endDate: z.string().nullish() }).nullish(),
  occursAnnually: z.boolean().nullish(),
  everyoneIncludingNew: z.boolean().nullish(),
  userIds: z.array(z.string()).nullish(),
  userGroupIds: z.array(z.string()).nullish(),
  automaticTimeEntryCreation: z.boolean().nullish(),
  projectId: z.string().nullish(),
});
export type VendorHoliday = z.infer<typeof vendorHoliday>;

export const holidayOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  start_date: z.string().nullable().describe('First day, YYYY-MM-DD.'),
  end_date: z.string().nullable().describe('Last day, YYYY-MM-DD.'),
  occurs_annually: z.boolean().nullable(),
  everyone: z.boolean().describe('For every member, including new ones.'),
  users: z.array(z.object({ id: z.string(), name: z.string().nullable() })).describe('Members it is assigned to.'),
  user_group_ids: z.array(z.string()),
  creates_time_entries: z.boolean().nullable().describe('Clockify logs time off automatically on these days.'),
  extra: unreadableOut,
});
export type HolidayOut = z.infer<typeof holidayOut>;

export function toHolidayOut(h: VendorHoliday, nameOf: (id: string) => string | null): HolidayOut {
  return {
    id: h.id,
    name: h.name ?? null,
    start_date: h.datePeriod?.startDate?.slice(0, 10) ?? null,
    end_date: h.datePeriod?.endDate?.slice(0, 10) ?? h.datePeriod?.startDate?.slice(0, 10) ?? null,
    occurs_annually: h.occursAnnually ?? null,
    everyone: h.everyoneIncludingNew === true,
    users: (h.userIds ?? []).map((id) => ({ id, name: nameOf(id) })),
    user_group_ids: h.userGroupIds ?? [],
    creates_time_entries: h.automaticTimeEntryCreation ?? null,
    ...unreadableExtra(h),
  };
}

/** Whether a holiday touches [start, end] (days, inclusive); an annual one is compared by month and day. */
export function holidayOverlaps(h: HolidayOut, start: string, end: string): boolean {
  if (!h.start_date || !h.end_date) return false;
  if (!h.occurs_annually) return h.start_date <= end && h.end_date >= start;
  // A yearly holiday may wrap the new year (Dec 31 – Jan 1): its end then falls in the next year.
  const wraps = h.end_date.slice(5) < h.start_date.slice(5);
  for (let year = Number(start.slice(0, 4)) - 1; year <= Number(end.slice(0, 4)); year++) {
    const from = `${year}${h.start_date.slice(4)}`;
    const to = `${wraps ? year + 1 : year}${h.end_date.slice(4)}`;
    if (from <= end && to >= start) return true;
  }
  return false;
}
