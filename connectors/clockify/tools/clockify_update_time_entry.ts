import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorTimeEntry, workspaceIdArg } from '../schemas';
import {
  assertMayActFor,
  checkWorkspaceRules,
  entryFields,
  entryId,
  getEntry,
  resolveInterval,
  resolveRefs,
  timeEntryOut,
  toTimeEntry,
  updateBody,
} from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateTimeEntry = defineTool({
  name: 'clockify_update_time_entry',
  title: 'Change a time entry',
  description: [
    'Changes only the fields given. A new start keeps the length unless end or duration is given.',
    'Example: clockify_update_time_entry {"time_entry_id": "6601a2b3c4d5e6f7a8b9c0d1", "project": "Internal", "duration": "45m"}',
  ].join('\n'),
  toolset: 'time_entries',
  input: z.strictObject({ time_entry_id: entryId, ...entryFields, workspace_id: workspaceIdArg }),
  output: z.object({ time_entry: timeEntryOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const current = await getEntry(ctx, ws, args.time_entry_id);
    assertMayActFor(ctx, me, current.userId ?? me.id);
    const refs = await resolveRefs(ctx, ws, args, current.projectId);
    const touchesTime = args.start !== undefined || args.end !== undefined || args.duration !== undefined;
    const startRaw = current.timeInterval.start;
    const interval = touchesTime
      ? resolveInterval(args, me.timeZone, ctx.runtime.now(), {
          start: startRaw ? new Date(startRaw) : ctx.runtime.now(),
          end: current.timeInterval.end ? new Date(current.timeInterval.end) : null,
        })
      : undefined;
    const body = updateBody(current, {
      start: interval?.start,
      end: interval?.end,
      description: args.description,
      projectId: refs.projectId,
      taskId: refs.taskId,
      tagIds: refs.tagIds,
      billable: args.billable,
    });
    await checkWorkspaceRules(ctx, ws, { projectId: body.projectId as string | undefined, taskId: body.taskId as string | undefined });
    const updated = await ctx.runtime.api.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/time-entries/{time_entry_id}', { workspace_id: ws, time_entry_id: args.time_entry_id }), vendorTimeEntry, {
      operation: 'update time entry',
      body,
    });
    await ctx.runtime.recentEntries.forget([args.time_entry_id]);
    const time_entry = await toTimeEntry(ctx, ws, updated, me.timeZone, { [me.id]: me.name });
    return time_entry.user.id === me.id ? { time_entry, acted_as: actedAs } : { time_entry };
  },
});
