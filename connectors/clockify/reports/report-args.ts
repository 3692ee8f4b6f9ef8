/**
 * What the four report tools share: their compact input fields (the reports
 * toolset is on by default, so every token of its schemas counts), name →
 * id resolution of filters, the acting user's zone and week start, and
 * `post` to the reports host with plan limits mapped.
 */
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import type { ClockifyRuntime } from '../runtime';
import { resolveReportRange, WEEK_DAYS, type ReportRange, type WeekDay } from './range';
import type { ReportFilterIds } from './requests';
import type { ReportPost, ReportRun } from './run';
import { clockifyId } from '../schemas';
import { peopleArg, personIds } from '../tools/object-names';

const ids = (what: string) => z.array(clockifyId).optional().describe(`${what} ids`);
const names = (what: string) => z.array(z.string()).optional().describe(`${what} names`);

/** The fields every report tool takes (besides its own grouping); terse on purpose, REPORT_COMMON explains them once. */
export const reportArgs = {
  start: z.string().describe('First day'),
  end: z.string().optional().describe('Last day'),
  users: peopleArg.optional().describe('People: ids, "me", names, first names or emails'),
  group_ids: ids('Group'),
  project_ids: ids('Project'),
  projects: names('Project'),
  client_ids: ids('Client'),
  clients: names('Client'),
  tag_ids: ids('Tag'),
  tags: names('Tag'),
  billable: z.boolean().optional().describe('Billable only, or not'),
  limit: z.number().int().min(1).max(200).optional().describe('Rows, default 50'),
  cursor: z.string().optional().describe('next_cursor'),
  workspace_id: clockifyId.optional().describe('Default: configured'),
};

/** Argument names the report tools had before (ToolDefinition.formerArgs): `user_ids` took ids only, `users` now takes those too. */
export const REPORT_FORMER_ARGS = { user_ids: 'users' } as const;

export type ReportArgs = {
  [K in keyof typeof reportArgs]: z.infer<(typeof reportArgs)[K]>;
};

/** The description lines every report tool repeats, kept to one sentence. */
export const REPORT_COMMON =
  'Days (YYYY-MM-DD, today, yesterday, this_week, last_week, this_month, last_month) in your Clockify zone; end defaults to the end of start. Totals first; rows page. Read-only; ids from the clockify_list_* tools.';

type Ctx = ToolContext<ClockifyRuntime>;

const NAMED: [keyof ReportArgs, 'project' | 'client' | 'tag', keyof ReportFilterIds][] = [
  ['projects', 'project', 'project_ids'],
  ['clients', 'client', 'client_ids'],
  ['tags', 'tag', 'tag_ids'],
];

/** Ids from both the *_ids fields and the name fields (names resolved in the workspace; unknown ones are invalid_argument with candidates). */
export async function resolveFilters(ctx: Ctx, ws: string, args: Partial<ReportArgs>): Promise<ReportFilterIds> {
  const filters: ReportFilterIds = {
    // People: "me" (the acting user), an id, email, full name or unique first name; an ambiguous first name is refused with its candidates.
    user_ids: args.users?.length ? await personIds(ctx, ws, args.users, 'users') : undefined,
    group_ids: args.group_ids ? [...args.group_ids] : undefined,
    project_ids: args.project_ids ? [...args.project_ids] : undefined,
    client_ids: args.client_ids ? [...args.client_ids] : undefined,
    tag_ids: args.tag_ids ? [...args.tag_ids] : undefined,
    billable: args.billable,
  };
  for (const [field, kind, target] of NAMED) {
    const wanted = args[field] as string[] | undefined;
    if (!wanted?.length) continue;
    const list = ((filters[target] as string[] | undefined) ??= []);
    for (const name of wanted) {
      const item = await ctx.runtime.names.resolve(ctx, ws, kind, name, { field });
      list.push(item.id);
    }
  }
  return filters;
}

/** The acting user's week start from their Clockify settings (Monday when unknown or acting as another member). */
async function weekStartOf(ctx: Ctx): Promise<WeekDay> {
  const { forOther } = await ctx.runtime.acting(ctx);
  if (forOther) return 'MONDAY';
  const owner = await ctx.runtime.keyOwner(ctx);
  const setting = (owner.raw.settings?.weekStart ?? '').toUpperCase();
  return (WEEK_DAYS as readonly string[]).includes(setting) ? (setting as WeekDay) : 'MONDAY';
}

/**
 * Turns a refusal from the reports host into what the model can act on.
 * Plan limits are only known to Clockify and their answers were never
 * captured, and Clockify's text is never read: a 402 is `plan_required`;
 * a 400 or 403 for a range over 31 days is most likely the FREE plan's
 * window, so it becomes `plan_required` naming it. Anything else keeps the
 * mapper's meaning (a 403 on a short range is the key's role).
 */
export function reportPlanError(error: unknown, range?: ReportRange): unknown {
  if (!(error instanceof GatewayError) || error.vendorStatus === undefined) return error;
  const overMonth = range !== undefined && range.days > 31;
  if (error.vendorStatus !== 402 && !(overMonth && (error.vendorStatus === 400 || error.vendorStatus === 403))) return error;
  const message = overMonth
    ? `Clockify refused a ${range.days}-day report; the FREE plan allows at most 31 days per report (HTTP ${error.vendorStatus}).`
    : `Clockify says this report needs a higher plan (HTTP ${error.vendorStatus}).`;
  return new GatewayError('plan_required', message, {
    connector: 'clockify',
    vendorStatus: error.vendorStatus,
    retryable: false,
    hint: overMonth
      ? 'Split the range into calls of at most 31 days (e.g. one per month) and add the totals, or tell the user a paid Clockify plan lifts the limit.'
      : 'Tell the user this report needs a paid Clockify plan (ranges over a year need ENTERPRISE); a shorter range or another report may do.',
  });
}

/** Everything a report run needs: workspace, range in the user's zone, filters as ids, currency, and `post` to the reports host. */
export async function prepareReport(
  ctx: Ctx,
  args: Partial<ReportArgs> & { start: string },
  options: { exactlySevenDays?: boolean } = {},
): Promise<ReportRun> {
  const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
  const me = await ctx.runtime.me(ctx, ws);
  const range = resolveReportRange(args.start, args.end, {
    timeZone: me.timeZone,
    now: ctx.runtime.now(),
    weekStart: await weekStartOf(ctx),
    exactlySevenDays: options.exactlySevenDays,
  });
  const filters = await resolveFilters(ctx, ws, args);
  const info = await ctx.runtime.workspace(ctx, ws);
  const post: ReportPost = async (path, body, operation) => {
    try {
      return (await ctx.runtime.reports.request(ctx, 'POST', path, { body, operation, idempotent: true })).body;
    } catch (error) {
      throw reportPlanError(error, range);
    }
  };
  return { post, workspaceId: ws, range, filters, currency: info.currency, limit: args.limit ?? 50, cursor: args.cursor };
}
