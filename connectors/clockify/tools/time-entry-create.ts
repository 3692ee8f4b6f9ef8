import { z } from 'zod';
import { RecentEntries } from '../runtime';
import { createOnce } from '../../../src/vendor-http/unknown-outcome';
import { vendorTimeEntry, type VendorTimeEntry } from '../schemas';
import { checkWorkspaceRules, entryFields, instant, resolveInterval, resolveRefs, timeEntryOut, toTimeEntry, type Ctx } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

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
  const recent = ctx.runtime.recentEntries;
  const body: Record<string, unknown> = { start: instant(interval.start), description };
  if (interval.end) body.end = instant(interval.end);
  if (refs.projectId) body.projectId = refs.projectId;
  if (refs.taskId) body.taskId = refs.taskId;
  if (refs.tagIds?.length) body.tagIds = refs.tagIds;
  if (args.billable !== undefined) body.billable = args.billable;
  const path = forUserEndpoint ? vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: user.id }) : vendorPath('/workspaces/{workspace_id}/time-entries', { workspace_id: ws });
  // A POST: the core client never re-sends it. An identical create in the last 10 minutes (made, or failed
  // without an answer, on any worker or replica: the marks are in the database) is looked for first, and
  // returned instead of a second entry (src/vendor-http/unknown-outcome.ts).
  const { value: created, duplicateOfRecent } = await createOnce({
    marks: recent.marks,
    key: RecentEntries.key({ ws, userId: user.id, start: instant(interval.start), end: interval.end ? instant(interval.end) : null, description, projectId: refs.projectId ?? null }),
    skipCheck: args.allow_duplicate,
    findSaved: () => findSaved(ctx, ws, user.id, { start: interval.start, end: interval.end ?? null, description, projectId: refs.projectId ?? null }),
    create: () => ctx.runtime.api.call(ctx, 'POST', path, vendorTimeEntry, { operation: 'create time entry', body }),
    refOf: (entry) => entry.id,
    cached: (id) => recent.cached(id),
    vendor: 'Clockify',
    thing: 'entry',
  });
  recent.remember(created);
  return { time_entry: await toTimeEntry(ctx, ws, created, user.timeZone, { [user.id]: user.name }), duplicate_of_recent: duplicateOfRecent };
}

/**
 * An entry of this user that Clockify saved with exactly this start, end,
 * description and project: asked for the entries starting in that second.
 */
async function findSaved(
  ctx: Ctx,
  ws: string,
  userId: string,
  wanted: { start: Date; end: Date | null; description: string; projectId: string | null },
): Promise<VendorTimeEntry | undefined> {
  const from = instant(wanted.start);
  const query = { start: from, end: instant(new Date(wanted.start.getTime() + 1000)), 'page-size': 50 };
  const answer = await ctx.runtime.api.send(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), { operation: 'check for a saved time entry', query });
  const sameInstant = (a: string | null | undefined, b: string | null) => (a ? Date.parse(a) : null) === (b ? Date.parse(b) : null);
  for (const raw of Array.isArray(answer) ? answer : []) {
    const parsed = vendorTimeEntry.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    if (
      sameInstant(e.timeInterval.start, from) &&
      sameInstant(e.timeInterval.end, wanted.end ? instant(wanted.end) : null) &&
      (e.description ?? '').trim() === wanted.description &&
      (e.projectId ?? null) === wanted.projectId
    ) {
      return e;
    }
  }
  return undefined;
}
