import { z } from 'zod';
import { invalidArgument, toGatewayError } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { clockifyId, vendorTimeEntry, workspaceIdArg, type VendorTimeEntry } from '../schemas';
import { assertMayActFor, checkWorkspaceRules, entryFields, getEntry, resolveRefs, timeEntryOut, toTimeEntries, updateBody, userIdArg, userOrMe } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

const { description, project, project_id, task, task_id, tags, tag_ids, billable } = entryFields;

export const clockifyUpdateTimeEntries = defineTool({
  name: 'clockify_update_time_entries',
  title: 'Change several time entries',
  description: [
    "Same change to several of one user's entries; times stay. Entries Clockify refuses are listed in not_updated; the others still change.",
    'Example: clockify_update_time_entries {"time_entry_ids": ["6601a2b3c4d5e6f7a8b9c0d1"], "project": "Internal"}',
  ].join('\n'),
  toolset: 'bulk',
  input: z.strictObject({
    time_entry_ids: z.array(clockifyId).min(1).max(50).describe('Entry ids of that user (clockify_list_time_entries).'),
    user_id: userIdArg,
    description,
    project,
    project_id,
    task,
    task_id,
    tags,
    tag_ids,
    billable,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    time_entries: z.array(timeEntryOut).describe('The entries as they are now.'),
    not_updated: z
      .array(z.object({ time_entry_id: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .describe('Entries Clockify refused, each with why; absent when every entry changed.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const userId = await userOrMe(ctx, ws, args.user_id, me);
    assertMayActFor(ctx, me, userId);
    const refs = await resolveRefs(ctx, ws, args);
    const ids = [...new Set(args.time_entry_ids)];
    // Clockify's bulk PUT replaces each entry, so read them first and merge.
    const current = [];
    for (const id of ids) current.push(await getEntry(ctx, ws, id));
    const foreign = current.filter((e) => e.userId && e.userId !== userId);
    if (foreign.length) {
      throw invalidArgument(`${foreign.length} of these entries belong to another user.`, {
        connector: CONNECTOR,
        fields: [{ field: 'time_entry_ids', problem: `not ${userId === me.id ? 'yours' : "user_id's"}: ${foreign.map((e) => e.id).join(', ')}` }],
        hint: 'Change one user\'s entries per call (user_id selects the user).',
      });
    }
    const change = { description: args.description, projectId: refs.projectId, taskId: refs.taskId, tagIds: refs.tagIds, billable: args.billable };
    const planned = current.map((entry) => ({ entry, body: updateBody(entry, change) }));
    for (const { body } of planned) await checkWorkspaceRules(ctx, ws, { projectId: body.projectId as string | undefined, taskId: body.taskId as string | undefined });
    // Clockify's live bulk edit needs id, start and end for every entry and
    // takes no tagIds (shared/vendors/EVIDENCE.md): a running entry, or a tag
    // change, goes through the single-entry PUT instead.
    const viaBulk = refs.tagIds === undefined ? planned.filter(({ body }) => body.end !== undefined) : [];
    const oneByOne = planned.filter((p) => !viaBulk.includes(p));
    const updated: VendorTimeEntry[] = [];
    if (viaBulk.length) {
      const answer = await ctx.runtime.api.send(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), {
        operation: 'update time entries',
        body: viaBulk.map(({ entry, body }) => bulkEditBody(entry.id, body)),
      });
      // Every updated entry is shown, even one with a field in an unexpected shape.
      updated.push(...ctx.runtime.api.readItems(vendorTimeEntry, Array.isArray(answer) ? answer : [], 'update time entries'));
    }
    const notUpdated: { time_entry_id: string; code: string; message: string }[] = [];
    for (const { entry, body } of oneByOne) {
      try {
        updated.push(await ctx.runtime.api.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/time-entries/{time_entry_id}', { workspace_id: ws, time_entry_id: entry.id }), vendorTimeEntry, { operation: 'update time entry', body }));
      } catch (error) {
        // One refused entry must not hide the ones already changed.
        if (ctx.signal.aborted) throw error;
        const refused = toGatewayError(error, CONNECTOR);
        notUpdated.push({ time_entry_id: entry.id, code: refused.code, message: refused.message });
      }
    }
    await ctx.runtime.recentEntries.forget(ids);
    const out = {
      time_entries: await toTimeEntries(ctx, ws, updated, me.timeZone, me),
      ...(notUpdated.length ? { not_updated: notUpdated } : {}),
    };
    return userId === me.id ? { ...out, acted_as: actedAs } : out;
  },
});

/** An entry of Clockify's bulk edit: only the fields its live schema lists (BulkEditTimeEntryRequest). */
function bulkEditBody(id: string, body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  for (const key of ['start', 'end', 'description', 'projectId', 'taskId', 'billable']) if (body[key] !== undefined) out[key] = body[key];
  return out;
}
