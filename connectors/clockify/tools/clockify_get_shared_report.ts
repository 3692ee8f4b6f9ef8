import { z } from 'zod';
import { defineTool } from '../runtime';
import { withFeature } from '../reports/common';
import { decodeCursor, fingerprint, takeRows } from '../reports/page';
import { resolveReportRange } from '../reports/range';
import { rangeOut } from '../reports/run';
import { VENDOR_REPORT_PAGE_SIZE } from '../reports/requests';
import { detailedRowOut, flattenGroups, groupRowOut, reportTotalsOut, toDetailedRow, toTotals, upstreamShape, type DetailedRow } from '../reports/shape';
import { sharedReportIdArg } from '../reports/shared';
import { vendorPath } from '../../../src/vendor-http/path';

/** Clockify's summary groups (upper case) in the words of clockify_get_summary_report. */
const groupNames = (filters: unknown): string[] => {
  const groups = (filters as { summaryFilter?: { groups?: unknown } } | null)?.summaryFilter?.groups;
  return Array.isArray(groups) ? groups.map((g) => String(g).toLowerCase()) : [];
};

export const clockifyGetSharedReport = defineTool({
  name: 'clockify_get_shared_report',
  title: 'Get the data of a Clockify shared report',
  description: [
    "Returns a shared report's data (totals first, then its groups or time entries), for its saved dates or for start/end you give.",
    'Use to read what a shared report shows before sending its link. Rows page with limit/cursor; amounts in decimal units.',
    'Example: clockify_get_shared_report {"shared_report_id": "6b11c2d3e4f5a6b7c8d9f001", "start": "2026-07-01", "end": "2026-09-30"}',
    'No side effects. Ids come from clockify_list_shared_reports.',
  ].join('\n'),
  toolset: 'shared_reports',
  input: z.strictObject({
    shared_report_id: sharedReportIdArg,
    start: z.string().max(40).optional().describe('First day (YYYY-MM-DD or this_month, last_month, …); default: the saved dates.'),
    end: z.string().max(40).optional().describe('Last day, inclusive (default: end of start).'),
    limit: z.number().int().min(1).max(200).optional().describe('Rows per page (default 50).'),
    cursor: z.string().max(200).optional().describe('next_cursor of the previous page.'),
  }),
  output: z.object({
    totals: reportTotalsOut,
    range: rangeOut.nullable().describe('The dates asked for; null for the saved dates.'),
    kind: z.enum(['groups', 'entries']).describe('groups: summary-style rows; entries: time entries.'),
    total_rows: z.number().nullable(),
    next_cursor: z.string().nullable(),
    cut_by_size: z.boolean(),
    rows: z.array(z.union([groupRowOut, detailedRowOut])),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx);
    const me = await ctx.runtime.me(ctx, ws);
    const range = args.start ? resolveReportRange(args.start, args.end, { timeZone: me.timeZone, now: ctx.runtime.now() }) : undefined;
    const currency = (await ctx.runtime.workspace(ctx, ws)).currency;
    const prints = {
      groups: fingerprint(['shared', args.shared_report_id, range?.start, range?.end, 'groups']),
      entries: fingerprint(['shared', args.shared_report_id, range?.start, range?.end, 'entries']),
    };
    let offset = 0;
    let kindOfCursor: 'groups' | 'entries' | undefined;
    if (args.cursor) {
      try {
        offset = decodeCursor(args.cursor, prints.entries);
        kindOfCursor = 'entries';
      } catch {
        offset = decodeCursor(args.cursor, prints.groups);
        kindOfCursor = 'groups';
      }
    }
    const vendorPage = kindOfCursor === 'entries' ? Math.floor(offset / VENDOR_REPORT_PAGE_SIZE) + 1 : 1;
    const query: Record<string, string | number> = { exportType: 'JSON', page: vendorPage, pageSize: VENDOR_REPORT_PAGE_SIZE };
    if (range) {
      query.dateRangeStart = range.dateRangeStart;
      query.dateRangeEnd = range.dateRangeEnd;
    }
    const answer = (await withFeature('shared reports', () =>
      ctx.runtime.reports.request(ctx, 'GET', vendorPath('/shared-reports/{shared_report_id}', { shared_report_id: args.shared_report_id }), { operation: 'get shared report data', query }),
    )).body as Record<string, unknown> | null;
    if (!answer || typeof answer !== 'object') throw upstreamShape('the shared report');
    const totals = toTotals(answer.totals, currency);
    const rangeOutValue = range ? { start: range.start, end: range.end, days: range.days, time_zone: range.timeZone } : null;
    const entries = answer.timeentries ?? answer.timeEntries;
    if (Array.isArray(entries)) {
      const rows = entries
        .slice(offset % VENDOR_REPORT_PAGE_SIZE)
        .slice(0, args.limit ?? 50)
        .map((e) => toDetailedRow(e, me.timeZone, currency))
        .filter((r): r is DetailedRow => r !== undefined);
      const frame = { totals, range: rangeOutValue, kind: 'entries' as const, total_rows: totals.entries, next_cursor: null, cut_by_size: false, rows: [] };
      const page = takeRows({ available: rows, offset, limit: args.limit ?? 50, totalRows: totals.entries, frame, print: prints.entries });
      return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
    }
    const all = flattenGroups(answer.groupOne ?? [], groupNames(answer.filters), currency);
    const frame = { totals, range: rangeOutValue, kind: 'groups' as const, total_rows: all.length, next_cursor: null, cut_by_size: false, rows: [] };
    const page = takeRows({ available: all.slice(offset), offset, limit: args.limit ?? 50, totalRows: all.length, frame, print: prints.groups });
    return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
  },
});
