/**
 * Report answers turned into what a model reads: totals first, then flat
 * rows with names beside ids, durations in seconds plus a readable form,
 * amounts as decimal `{amount, currency}`. Vendor answers are read leniently
 * (unknown fields ignored); only a missing core part is an upstream error.
 */
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';
import { readObject, reportUnreadable, unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { clipText } from './page';
import { moneyOf } from '../../../src/format/money';
import { isoInZone, readableDuration, type Money } from './format';

const num = z.number().finite();
const str = z.string();

const vendorAmount = z.looseObject({
  type: str.optional(),
  value: num.optional(),
  amountByCurrencies: z.array(z.looseObject({ currency: str.optional(), amount: num.optional() })).optional(),
});

export const vendorTotals = z.looseObject({
  totalTime: num.nullish(),
  totalBillableTime: num.nullish(),
  entriesCount: num.nullish(),
  totalAmount: num.nullish(),
  amounts: z.array(vendorAmount).nullish(),
});
export type VendorTotals = z.infer<typeof vendorTotals>;

export interface ReportTotals {
  duration_seconds: number;
  duration: string;
  billable_seconds: number;
  billable_duration: string;
  entries: number | null;
  /** Earned, cost and profit as Clockify computed them, when amounts are shown. */
  amounts: { type: string; amount: number; currency: string }[];
}

export const reportTotalsOut = z.object({
  duration_seconds: z.number().describe('Total tracked time, seconds.'),
  duration: z.string().describe('The same, readable, e.g. "12h 05m".'),
  billable_seconds: z.number(),
  billable_duration: z.string(),
  entries: z.number().nullable().describe('Time entries counted.'),
  amounts: z
    .array(z.object({ type: z.string(), amount: z.number(), currency: z.string() }))
    .describe('Money totals by kind (earned, cost, profit), decimal units.'),
});

/** Totals of a time report; zeros when Clockify sent none (an empty range). Amounts without a currency are in `currency`, the workspace's. */
export function toTotals(raw: unknown, currency: string | null): ReportTotals {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const parsed = list.length ? vendorTotals.safeParse(list[0]) : undefined;
  const totals: VendorTotals = parsed?.success ? parsed.data : {};
  const seconds = totals.totalTime ?? 0;
  const billable = totals.totalBillableTime ?? 0;
  const amounts: ReportTotals['amounts'] = [];
  const push = (type: string, cents: unknown, given?: string) => {
    const money = moneyOf(cents, given, currency);
    if (money) amounts.push({ type, ...money });
  };
  for (const a of totals.amounts ?? []) {
    if (a.value === undefined || !a.type || a.type === 'HIDE_AMOUNT') continue;
    const byCurrency = (a.amountByCurrencies ?? []).filter((c) => c.currency && c.amount !== undefined);
    if (byCurrency.length > 1) {
      for (const c of byCurrency) push(a.type.toLowerCase(), c.amount, c.currency);
    } else {
      push(a.type.toLowerCase(), a.value, byCurrency[0]?.currency);
    }
  }
  if (!amounts.length && totals.totalAmount !== undefined && totals.totalAmount !== null) push('earned', totals.totalAmount);
  return {
    duration_seconds: seconds,
    duration: readableDuration(seconds),
    billable_seconds: billable,
    billable_duration: readableDuration(billable),
    entries: totals.entriesCount ?? null,
    amounts,
  };
}

// ---- detailed report --------------------------------------------------------

const vendorDetailedEntry = z.looseObject({
  _id: str.optional(),
  id: str.optional(),
  description: str.nullish(),
  userId: str.nullish(),
  userName: str.nullish(),
  projectId: str.nullish(),
  projectName: str.nullish(),
  clientId: str.nullish(),
  clientName: str.nullish(),
  taskId: str.nullish(),
  taskName: str.nullish(),
  billable: z.boolean().nullish(),
  tags: z.array(z.looseObject({ id: str.optional(), name: str.nullish() })).nullish(),
  timeInterval: z.looseObject({ start: str.nullish(), end: str.nullish(), duration: num.nullish() }).nullish(),
  amount: num.nullish(),
});

export const detailedRowOut = z.object({
  id: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  duration_seconds: z.number(),
  duration: z.string(),
  description: z.string().nullable(),
  user_id: z.string().nullable(),
  user: z.string().nullable(),
  project_id: z.string().nullable(),
  project: z.string().nullable(),
  client: z.string().nullable(),
  task: z.string().nullable(),
  tags: z.array(z.string()),
  billable: z.boolean().nullable(),
  amount: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  extra: unreadableOut,
});
export type DetailedRow = z.infer<typeof detailedRowOut>;

export function upstreamShape(what: string): GatewayError {
  return new GatewayError('upstream_error', `Clockify answered ${what} in a shape the gateway does not recognise.`, {
    connector: 'clockify',
    retryable: false,
    hint: 'Retry once; if it persists, report it to the gateway operator with the time of the call.',
  });
}

/** The entries list of a detailed report answer (Clockify has used both spellings). */
export function detailedEntries(body: unknown): unknown[] {
  const b = body as { timeentries?: unknown; timeEntries?: unknown } | null;
  const list = b?.timeentries ?? b?.timeEntries;
  if (!Array.isArray(list)) throw upstreamShape('the detailed report');
  return list;
}

export function toDetailedRow(raw: unknown, timeZone: string, currency: string | null): DetailedRow | undefined {
  // Read field by field: a row with an odd field is kept (that field empty), never dropped from the report.
  const e = readObject(vendorDetailedEntry, raw, { vendor: 'clockify', what: 'detailed report entry' });
  if (!e) return undefined;
  const id = e._id ?? e.id ?? null;
  // Missing altogether (a wrong-typed id was already counted by readObject).
  const r = raw as Record<string, unknown>;
  if (!id && r._id === undefined && r.id === undefined) reportUnreadable({ vendor: 'clockify', what: 'detailed report entry' }, ['id']);
  const seconds = e.timeInterval?.duration ?? 0;
  return {
    id,
    start: isoInZone(e.timeInterval?.start, timeZone),
    end: isoInZone(e.timeInterval?.end, timeZone),
    duration_seconds: seconds,
    duration: readableDuration(seconds),
    description: clipText(e.description ?? null) || null,
    user_id: e.userId ?? null,
    user: e.userName ?? null,
    project_id: e.projectId || null,
    project: e.projectName || null,
    client: e.clientName || null,
    task: e.taskName || null,
    tags: (e.tags ?? []).map((t) => t.name ?? t.id ?? '').filter(Boolean),
    billable: e.billable ?? null,
    // In the row's own currency when Clockify sends one, else the workspace's.
    amount: moneyOf(e.amount, r.currency, currency),
    ...unreadableExtra(e),
  };
}

// ---- summary and weekly reports (group trees) --------------------------------

/** A group of a summary, weekly or shared report, read field by field (src/vendor-http/tolerant.ts). */
const vendorGroupNode = z.looseObject({
  _id: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  clientName: z.string().nullish(),
  duration: z.number().nullish(),
  amount: z.number().nullish(),
  /** Shared report rows carry their own currency. */
  currency: z.string().nullish(),
  days: z.array(z.looseObject({ date: z.string().nullish(), duration: z.number().nullish() })).nullish(),
  children: z.array(z.unknown()).nullish(),
});

export const groupRowOut = z.object({
  level: z.number().describe('1 for a top group, 2 and 3 for groups within it.'),
  group: z.string().describe('What this row groups by, e.g. "project".'),
  id: z.string().nullable(),
  name: z.string(),
  parents: z.array(z.string()).describe('Names of the enclosing groups, top first.'),
  client: z.string().nullable().optional(),
  duration_seconds: z.number(),
  duration: z.string(),
  amount: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  days: z
    .array(z.object({ date: z.string(), duration_seconds: z.number(), duration: z.string() }))
    .optional()
    .describe('Per day, for the weekly report.'),
  extra: unreadableOut,
});
export type GroupRow = z.infer<typeof groupRowOut>;

const NO_NAME: Record<string, string> = {
  project: '(without project)',
  client: '(without client)',
  task: '(without task)',
  tag: '(without tag)',
  user: '(unknown user)',
};

/**
 * Depth-first rows of a group tree: each group, then its subgroups, so
 * subtotals come before their parts. `groups` names the level of each depth.
 */
export function flattenGroups(groupOne: unknown, groups: string[], currency: string | null, maxDepth = 3): GroupRow[] {
  if (!Array.isArray(groupOne)) throw upstreamShape('the report');
  const rows: GroupRow[] = [];
  const walk = (nodes: unknown[], level: number, parents: string[]) => {
    const group = groups[level - 1] ?? `level_${level}`;
    for (const raw of nodes) {
      const node = readObject(vendorGroupNode, raw, { vendor: 'clockify', what: 'report group' });
      if (!node) {
        reportUnreadable({ vendor: 'clockify', what: 'report group' }, ['(entry not an object)']);
        continue;
      }
      const seconds = typeof node.duration === 'number' ? node.duration : 0;
      const name = clipText(node.name ?? null) || NO_NAME[group] || '(none)';
      const row: GroupRow = {
        level,
        group,
        id: node._id ?? node.id ?? null,
        name,
        parents,
        duration_seconds: seconds,
        duration: readableDuration(seconds),
        amount: moneyOf(node.amount, node.currency, currency),
      };
      if (group === 'project' && node.clientName) row.client = node.clientName;
      Object.assign(row, unreadableExtra(node));
      if (Array.isArray(node.days)) {
        row.days = node.days
          .filter((d) => typeof d?.date === 'string')
          .map((d) => {
            const s = typeof d.duration === 'number' ? d.duration : 0;
            return { date: d.date!.slice(0, 10), duration_seconds: s, duration: readableDuration(s) };
          });
      }
      rows.push(row);
      if (level < maxDepth && Array.isArray(node.children) && node.children.length) {
        walk(node.children, level + 1, [...parents, name]);
      }
    }
  };
  walk(groupOne, 1, []);
  return rows;
}

// ---- expense report -----------------------------------------------------------

const vendorExpense = z.looseObject({
  id: str.optional(),
  date: str.nullish(),
  userId: str.nullish(),
  userName: str.nullish(),
  projectId: str.nullish(),
  projectName: str.nullish(),
  categoryName: str.nullish(),
  quantity: num.nullish(),
  amount: num.nullish(),
  billable: z.boolean().nullish(),
  notes: str.nullish(),
});

export const expenseRowOut = z.object({
  id: z.string().nullable(),
  date: z.string().nullable(),
  user_id: z.string().nullable(),
  user: z.string().nullable(),
  project_id: z.string().nullable(),
  project: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.number().nullable(),
  amount: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  billable: z.boolean().nullable(),
  notes: z.string().nullable(),
  extra: unreadableOut,
});
export type ExpenseRow = z.infer<typeof expenseRowOut>;

export function toExpenseRow(raw: unknown, currency: string | null): ExpenseRow | undefined {
  const e = readObject(vendorExpense, raw, { vendor: 'clockify', what: 'expense' });
  if (!e) return undefined;
  if (!e.id && (raw as Record<string, unknown>).id === undefined) reportUnreadable({ vendor: 'clockify', what: 'expense' }, ['id']);
  return {
    id: e.id ?? null,
    date: e.date ? e.date.slice(0, 10) : null,
    user_id: e.userId ?? null,
    user: e.userName ?? null,
    project_id: e.projectId || null,
    project: e.projectName || null,
    category: e.categoryName ?? null,
    quantity: e.quantity ?? null,
    amount: moneyOf(e.amount, (raw as Record<string, unknown>).currency, currency),
    billable: e.billable ?? null,
    notes: clipText(e.notes ?? null) || null,
    ...unreadableExtra(e),
  };
}

export interface ExpenseTotals {
  expenses: number | null;
  total: Money | null;
  billable_total: Money | null;
}

export const expenseTotalsOut = z.object({
  expenses: z.number().nullable(),
  total: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  billable_total: z.object({ amount: z.number(), currency: z.string() }).nullable(),
});

export function toExpenseTotals(raw: unknown, currency: string | null): ExpenseTotals {
  const t = (raw ?? {}) as { expensesCount?: unknown; totalAmount?: unknown; totalAmountBillable?: unknown; currency?: unknown };
  const money = (v: unknown) => (typeof v === 'number' ? moneyOf(v, t.currency, currency) : null);
  return {
    expenses: typeof t.expensesCount === 'number' ? t.expensesCount : null,
    total: money(t.totalAmount),
    billable_total: money(t.totalAmountBillable),
  };
}
