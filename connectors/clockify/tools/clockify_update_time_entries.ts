import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { clockifyId, vendorTimeEntry, workspaceIdArg } from '../schemas';
import { assertMayActFor, checkWorkspaceRules, entryFields, getEntry, resolveRefs, timeEntryOut, toTimeEntries, updateBody, userIdArg } from './time-entry-shapes';

const { description, project, project_id, task, task_id, tags, tag_ids, billable } = entryFields;

export const clockifyUpdateTimeEntries = defineTool({
  name: 'clockify_update_time_entries',
  title: 'Change several time entries',
  description: [
    "Same change to several of one user's entries; times stay.",
    'Example: clockify_update_time_entries {"time_entry_ids": ["6601a2b3c4d5e6f7a8b9c0d1"], "project": "Internal"}',
  ].join('\n'),
  toolset: 'time_entries',
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
  output: z.object({ time_entries: z.array(timeEntryOut) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const me = await ctx.runtime.me(ctx, ws);
    const userId = args.user_id ?? me.id;
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
    const bodies: Record<string, unknown>[] = current.map((entry) => ({
      id: entry.id,
      ...updateBody(entry, { description: args.description, projectId: refs.projectId, taskId: refs.taskId, tagIds: refs.tagIds, billable: args.billable }),
    }));
    for (const b of bodies) await checkWorkspaceRules(ctx, ws, { projectId: b.projectId as string | undefined, taskId: b.taskId as string | undefined });
    const answer = await ctx.runtime.api.send(ctx, 'PUT', `/workspaces/${ws}/user/${userId}/time-entries`, { operation: 'update time entries', body: bodies });
    const list = Array.isArray(answer) ? answer : [];
    const updated = list.flatMap((r) => {
      const p = vendorTimeEntry.safeParse(r);
      return p.success ? [p.data] : [];
    });
    for (const id of ids) ctx.runtime.recentEntries.forget(id);
    return { time_entries: await toTimeEntries(ctx, ws, updated, me.timeZone, me) };
  },
});
