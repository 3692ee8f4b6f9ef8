/**
 * Shared reports (reports host): the vendor shape, what the model reads,
 * and the filter body of a new shared report (the same filters as the
 * report tools, under `filter`).
 */
import { unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';

export const SHARED_REPORT_TYPES = ['summary', 'detailed', 'weekly'] as const;

export const vendorSharedReport = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  type: z.string().nullish(),
  isPublic: z.boolean().nullish(),
  fixedDate: z.boolean().nullish(),
  link: z.string().nullish(),
  reportAuthor: z.string().nullish(),
  userId: z.string().nullish(),
  visibleToUsers: z.array(z.unknown()).nullish(),
  visibleToUserGroups: z.array(z.unknown()).nullish(),
  filter: z.looseObject({ dateRangeStart: z.string().nullish(), dateRangeEnd: z.string().nullish() }).nullish(),
});
export type VendorSharedReport = z.infer<typeof vendorSharedReport>;

export const sharedReportOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  type: z.string().nullable().describe('SUMMARY, DETAILED, WEEKLY, …'),
  is_public: z.boolean().nullable().describe('Anyone with the link can open it.'),
  fixed_date: z.boolean().nullable().describe('Opens on its saved dates (false: the viewer may change them).'),
  link: z.string().nullable(),
  author_id: z.string().nullable(),
  author: z.string().nullable(),
  visible_to_user_ids: z.array(z.string()),
  visible_to_group_ids: z.array(z.string()),
  extra: unreadableOut,
});
export type SharedReportOut = z.infer<typeof sharedReportOut>;

const idsOf = (list: unknown[] | null | undefined): string[] =>
  (list ?? []).map((v) => (typeof v === 'string' ? v : v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : '')).filter(Boolean);

export function toSharedReportOut(r: VendorSharedReport, authorName: string | null): SharedReportOut {
  return {
    id: r.id,
    name: r.name ?? null,
    type: r.type ?? null,
    is_public: r.isPublic ?? null,
    fixed_date: r.fixedDate ?? null,
    link: r.link ?? null,
    author_id: r.reportAuthor ?? r.userId ?? null,
    author: authorName,
    visible_to_user_ids: idsOf(r.visibleToUsers),
    visible_to_group_ids: idsOf(r.visibleToUserGroups),
    ...unreadableExtra(r),
  };
}

export const sharedReportIdArg = z.string().trim().regex(/^[0-9a-fA-F]{24}$/, 'a 24-character Clockify id').describe('Shared report id (from clockify_list_shared_reports).');
