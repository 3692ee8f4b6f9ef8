/**
 * Report request bodies, shaped after the reports API's filter DTOs
 * (DetailedReportFilterV1, SummaryReportFilterV1, WeeklyReportFilterV1,
 * ExpenseReportFilterV1). Filters arrive already resolved to ids.
 */
import type { ReportRange } from './range';

export const SUMMARY_GROUPS = ['project', 'client', 'user', 'task', 'tag', 'date', 'week', 'month'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export const WEEKLY_GROUPS = ['user', 'project'] as const;
export type WeeklyGroup = (typeof WEEKLY_GROUPS)[number];

/** Ids to filter on; an empty or missing list means no filter. */
export interface ReportFilterIds {
  user_ids?: string[];
  group_ids?: string[];
  project_ids?: string[];
  client_ids?: string[];
  tag_ids?: string[];
  billable?: boolean;
}

interface IdsFilter {
  ids: string[];
  contains: 'CONTAINS';
  status: 'ALL';
}

const idsFilter = (ids: string[] | undefined): IdsFilter | undefined =>
  ids && ids.length ? { ids: [...new Set(ids)], contains: 'CONTAINS', status: 'ALL' } : undefined;

/** The fields every time report shares: range, zone, filters. Unset filters are left out, not sent empty. */
export function commonReportBody(range: ReportRange, filters: ReportFilterIds): Record<string, unknown> {
  const body: Record<string, unknown> = {
    dateRangeStart: range.dateRangeStart,
    dateRangeEnd: range.dateRangeEnd,
    timeZone: range.timeZone,
    exportType: 'JSON',
  };
  const put = (key: string, value: unknown) => {
    if (value !== undefined) body[key] = value;
  };
  put('users', idsFilter(filters.user_ids));
  put('userGroups', idsFilter(filters.group_ids));
  put('projects', idsFilter(filters.project_ids));
  put('clients', idsFilter(filters.client_ids));
  put('tags', idsFilter(filters.tag_ids));
  put('billable', filters.billable);
  return body;
}

/** Largest page the connector asks the reports API for (rows are re-paged for the model). */
export const VENDOR_REPORT_PAGE_SIZE = 200;

export function detailedReportBody(range: ReportRange, filters: ReportFilterIds, vendorPage: number): Record<string, unknown> {
  return {
    ...commonReportBody(range, filters),
    sortOrder: 'ASCENDING',
    detailedFilter: { page: vendorPage, pageSize: VENDOR_REPORT_PAGE_SIZE, sortColumn: 'DATE', options: { totals: 'CALCULATE' } },
  };
}

/**
 * Clockify's summary groups are upper-case names. The official spec lists
 * CLIENT|PROJECT|DATE|WEEK|MONTH|TASK|TIMEENTRY; USER and TAG come from the
 * corrected spec's shared-report filter (live-probed).
 */
export function summaryReportBody(range: ReportRange, filters: ReportFilterIds, groups: SummaryGroup[]): Record<string, unknown> {
  return {
    ...commonReportBody(range, filters),
    summaryFilter: { groups: groups.map((g) => g.toUpperCase()), sortColumn: 'GROUP' },
  };
}

export function weeklyReportBody(range: ReportRange, filters: ReportFilterIds, group: WeeklyGroup): Record<string, unknown> {
  return {
    ...commonReportBody(range, filters),
    weeklyFilter: { group: group.toUpperCase(), subgroup: 'TIME' },
  };
}

/** The expense report has no tag filter; its paging sits at the top level of the body. */
export function expenseReportBody(range: ReportRange, filters: ReportFilterIds, vendorPage: number): Record<string, unknown> {
  const { tags: _tags, exportType: _exportType, ...common } = commonReportBody(range, filters);
  return { ...common, page: vendorPage, pageSize: VENDOR_REPORT_PAGE_SIZE, sortColumn: 'DATE' };
}
