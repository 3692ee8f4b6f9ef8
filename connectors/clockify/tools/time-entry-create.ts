import { z } from 'zod';
import { RecentEntries } from '../runtime';
import { vendorTimeEntry } from '../schemas';
import { checkWorkspaceRules, entryFields, instant, resolveInterval, resolveRefs, timeEntryOut, toTimeEntry, type Ctx } from './time-entry-shapes';

/** The create shared by clockify_create_time_entry (me) and clockify_create_time_entry_for_user. */

export const createFields = {
  ...entryFields,
  allow_duplicate: z.boolean().optional().describe('Create even if identical to one of the last 10 min.'),
};

export const createOutput = z.object({
  time_entry: timeEntryOut,
  duplicate_of_recent: z.boolean().describe('True: an identical entry made in the last 10 minutes was returned instead of a new one.'),
});

type CreateArgs = {
  start?: string;
  end?: string;
  duration?: string | number;
  description?: string;
  project?: string;
  project_id?: string;
  task?: string;
  task_id?: string;
  tags?: string[];
  tag_ids?: string[];
  billable?: boolean;
  allow_duplicate?: boolean;
};

export async function createEntry(ctx: Ctx, ws: string, args: CreateArgs, user: { id: string; name: string | null; timeZone: string }, forUserEndpoint: boolean) {
  const interval = resolveInterval(args, user.timeZone, ctx.runtime.now());
  const refs = await resolveRefs(ctx, ws, args);
  await checkWorkspaceRules(ctx, ws, refs);
  const description = args.description?.trim() ?? '';
  const fingerprint = RecentEntries.fingerprint({
    ws,
    userId: user.id,
    start: instant(interval.start),
    end: interval.end ? instant(interval.end) : null,
    description,
    projectId: refs.projectId ?? null,
  });
  const recent = args.allow_duplicate ? undefined : ctx.runtime.recentEntries.find(fingerprint);
  if (recent) {
    return { time_entry: await toTimeEntry(ctx, ws, recent, user.timeZone, { [user.id]: user.name }), duplicate_of_recent: true };
  }
  const body: Record<string, unknown> = { start: instant(interval.start), description };
  if (interval.end) body.end = instant(interval.end);
  if (refs.projectId) body.projectId = refs.projectId;
  if (refs.taskId) body.taskId = refs.taskId;
  if (refs.tagIds?.length) body.tagIds = refs.tagIds;
  if (args.billable !== undefined) body.billable = args.billable;
  const path = forUserEndpoint ? `/workspaces/${ws}/user/${user.id}/time-entries` : `/workspaces/${ws}/time-entries`;
  // A POST: the core client never re-sends it once it may have reached Clockify.
  const created = await ctx.runtime.api.call(ctx, 'POST', path, vendorTimeEntry, { operation: 'create time entry', body });
  ctx.runtime.recentEntries.remember(fingerprint, created);
  return { time_entry: await toTimeEntry(ctx, ws, created, user.timeZone, { [user.id]: user.name }), duplicate_of_recent: false };
}
