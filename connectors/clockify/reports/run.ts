/**
 * Running a report for a tool: one or two calls to the reports API, then
 * totals first and a page of rows that fits the size cap. Independent of the
 * client: the tool passes `post`, a function that sends a body to a path on
 * the reports host and returns the parsed answer.
 */
import { z } from 'zod';
import { decodeCursor, fingerprint, takeRows } from './page';
import type { ReportRange } from './range';
import {
  detailedReportBody,
  expenseReportBody,
  summaryReportBody,
  VENDOR_REPORT_PAGE_SIZE,
  weeklyReportBody,
  type ReportFilterIds,
  type SummaryGroup,
  type WeeklyGroup,
} from './requests';
import {
  detailedEntries,
  detailedRowOut,
  expenseRowOut,
  expenseTotalsOut,
  flattenGroups,
  groupRowOut,
  reportTotalsOut,
  toDetailedRow,
  toExpenseRow,
  toExpenseTotals,
  toTotals,
  upstreamShape,
  type DetailedRow,
  type ExpenseRow,
  type GroupRow,
} from './shape';
import { vendorPath, type VendorPath } from '../../../src/vendor-http/path';

/** Sends `body` to `path` (below the reports base URL) and returns the parsed JSON answer. */
export type ReportPost = (path: VendorPath, body: unknown, operation: string) => Promise<unknown>;

export interface ReportRun {
  post: ReportPost;
  workspaceId: string;
  range: ReportRange;
  filters: ReportFilterIds;
  /** Currency of the workspace, for amounts Clockify gives without one. */
  currency: string | null;
  limit: number;
  cursor: string | undefined;
}

export const rangeOut = z.object({
  start: z.string().describe('First day, YYYY-MM-DD.'),
  end: z.string().describe('Last day, inclusive.'),
  days: z.number(),
  time_zone: z.string().describe('IANA zone the days are read in (your Clockify profile zone).'),
});

const pageOut = {
  total_rows: z.number().nullable().describe('Rows in the whole report, across all pages.'),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next rows; null at the end.'),
  cut_by_size: z.boolean().describe('True when fewer than limit rows came back to keep the result small; page on with next_cursor.'),
};

const rangeOf = (range: ReportRange) => ({ start: range.start, end: range.end, days: range.days, time_zone: range.timeZone });

/** What identifies one report for its cursors: everything but limit and cursor. */
const printOf = (kind: string, run: ReportRun, extra: unknown) =>
  fingerprint([kind, run.workspaceId, run.range.start, run.range.end, run.range.timeZone, run.filters, extra]);

// ---- detailed ------------------------------------------------------------------

export const detailedReportOut = z.object({
  totals: reportTotalsOut,
  range: rangeOut,
  ...pageOut,
  rows: z.array(detailedRowOut).describe('Time entries, oldest first.'),
});

/**
 * Clockify pages the detailed report itself (page/pageSize in the body); the
 * connector asks for the vendor page that holds the cursor's offset, and the
 * next one when the requested rows straddle two.
 */
export async function runDetailedReport(run: ReportRun): Promise<z.infer<typeof detailedReportOut>> {
  const print = printOf('detailed', run, null);
  const offset = decodeCursor(run.cursor, print);
  const vendorPage = Math.floor(offset / VENDOR_REPORT_PAGE_SIZE) + 1;
  const path = vendorPath('/workspaces/{workspace_id}/reports/detailed', { workspace_id: run.workspaceId });
  const first = (await run.post(path, detailedReportBody(run.range, run.filters, vendorPage), 'detailed report')) as Record<string, unknown>;
  const entries = detailedEntries(first);
  const totals = toTotals(first?.totals, run.currency);
  let available = entries.slice(offset % VENDOR_REPORT_PAGE_SIZE);
  const totalRows = totals.entries;
  if (available.length < run.limit && entries.length === VENDOR_REPORT_PAGE_SIZE && (totalRows === null || offset + available.length < totalRows)) {
    const next = await run.post(path, detailedReportBody(run.range, run.filters, vendorPage + 1), 'detailed report');
    available = [...available, ...detailedEntries(next)];
  }
  const rows = available
    .slice(0, run.limit)
    .map((e) => toDetailedRow(e, run.range.timeZone, run.currency))
    .filter((r): r is DetailedRow => r !== undefined);
  const frame = { totals, range: rangeOf(run.range), total_rows: totalRows, next_cursor: null, cut_by_size: false, rows: [] };
  const page = takeRows({ available: rows, offset, limit: run.limit, totalRows, frame, print });
  return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
}

// ---- summary ----------------------------------------------------------------------

export const summaryReportOut = z.object({
  totals: reportTotalsOut,
  range: rangeOut,
  group_by: z.array(z.string()),
  ...pageOut,
  rows: z.array(groupRowOut).describe('Groups depth-first: each group, then its subgroups.'),
});

export async function runSummaryReport(run: ReportRun, groups: SummaryGroup[]): Promise<z.infer<typeof summaryReportOut>> {
  const print = printOf('summary', run, groups);
  const offset = decodeCursor(run.cursor, print);
  const answer = (await run.post(
    vendorPath('/workspaces/{workspace_id}/reports/summary', { workspace_id: run.workspaceId }),
    summaryReportBody(run.range, run.filters, groups),
    'summary report',
  )) as Record<string, unknown> | null;
  if (!answer || typeof answer !== 'object') throw upstreamShape('the summary report');
  const all: GroupRow[] = flattenGroups(answer.groupOne ?? [], groups, run.currency);
  const totals = toTotals(answer.totals, run.currency);
  const frame = { totals, range: rangeOf(run.range), group_by: groups, total_rows: all.length, next_cursor: null, cut_by_size: false, rows: [] };
  const page = takeRows({ available: all.slice(offset), offset, limit: run.limit, totalRows: all.length, frame, print });
  return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
}

// ---- weekly -------------------------------------------------------------------------

export const weeklyReportOut = z.object({
  totals: reportTotalsOut,
  range: rangeOut,
  group_by: z.string(),
  totals_by_day: z.array(z.object({ date: z.string(), duration_seconds: z.number(), duration: z.string() })),
  ...pageOut,
  rows: z.array(groupRowOut).describe('One row per user or project, with its days.'),
});

export async function runWeeklyReport(run: ReportRun, group: WeeklyGroup): Promise<z.infer<typeof weeklyReportOut>> {
  const print = printOf('weekly', run, group);
  const offset = decodeCursor(run.cursor, print);
  const answer = (await run.post(
    vendorPath('/workspaces/{workspace_id}/reports/weekly', { workspace_id: run.workspaceId }),
    weeklyReportBody(run.range, run.filters, group),
    'weekly report',
  )) as Record<string, unknown> | null;
  if (!answer || typeof answer !== 'object') throw upstreamShape('the weekly report');
  const subgroup = group === 'user' ? 'project' : 'user';
  const all = flattenGroups(answer.groupOne ?? [], [group, subgroup], run.currency, 2);
  const totals = toTotals(answer.totals, run.currency);
  const byDay = Array.isArray(answer.totalsByDay) ? (answer.totalsByDay as { date?: unknown; duration?: unknown }[]) : [];
  const totalsByDay = flattenGroups([{ name: 'total', days: byDay }], ['total'], run.currency)[0]?.days ?? [];
  const frame = {
    totals,
    range: rangeOf(run.range),
    group_by: group,
    totals_by_day: totalsByDay,
    total_rows: all.length,
    next_cursor: null,
    cut_by_size: false,
    rows: [],
  };
  const page = takeRows({ available: all.slice(offset), offset, limit: run.limit, totalRows: all.length, frame, print });
  return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
}

// ---- expenses ---------------------------------------------------------------------------

export const expenseReportOut = z.object({
  totals: expenseTotalsOut,
  range: rangeOut,
  ...pageOut,
  rows: z.array(expenseRowOut).describe('Expenses, oldest first.'),
});

export async function runExpenseReport(run: ReportRun): Promise<z.infer<typeof expenseReportOut>> {
  const print = printOf('expense', run, null);
  const offset = decodeCursor(run.cursor, print);
  const vendorPage = Math.floor(offset / VENDOR_REPORT_PAGE_SIZE) + 1;
  const path = vendorPath('/workspaces/{workspace_id}/reports/expenses/detailed', { workspace_id: run.workspaceId });
  const list = (answer: unknown): unknown[] => {
    const expenses = (answer as { expenses?: unknown } | null)?.expenses;
    if (!Array.isArray(expenses)) throw upstreamShape('the expense report');
    return expenses;
  };
  const first = (await run.post(path, expenseReportBody(run.range, run.filters, vendorPage), 'expense report')) as Record<string, unknown>;
  const totals = toExpenseTotals(first.totals, run.currency);
  const totalRows = totals.expenses;
  let available = list(first).slice(offset % VENDOR_REPORT_PAGE_SIZE);
  if (available.length < run.limit && list(first).length === VENDOR_REPORT_PAGE_SIZE && (totalRows === null || offset + available.length < totalRows)) {
    available = [...available, ...list(await run.post(path, expenseReportBody(run.range, run.filters, vendorPage + 1), 'expense report'))];
  }
  const rows = available
    .slice(0, run.limit)
    .map((e) => toExpenseRow(e, run.currency))
    .filter((r): r is ExpenseRow => r !== undefined);
  const frame = { totals, range: rangeOf(run.range), total_rows: totalRows, next_cursor: null, cut_by_size: false, rows: [] };
  const page = takeRows({ available: rows, offset, limit: run.limit, totalRows, frame, print });
  return { ...frame, next_cursor: page.next_cursor, cut_by_size: page.cut_by_size, rows: page.rows };
}
