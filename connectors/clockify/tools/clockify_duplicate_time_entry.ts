import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorTimeEntry, workspaceIdArg } from '../schemas';
import { assertMayActFor, entryId, getEntry, timeEntryOut, toTimeEntry } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDuplicateTimeEntry = defineTool({
  name: 'clockify_duplicate_time_entry',
  title: 'Duplicate a time entry',
  description: 'Copies an entry (same times, project, task, tags) for its user.\nExample: clockify_duplicate_time_entry {"time_entry_id": "6601a2b3c4d5e6f7a8b9c0d1"}',
  toolset: 'bulk',
  input: z.strictObject({ time_entry_id: entryId, workspace_id: workspaceIdArg }),
  output: z.object({ time_entry: timeEntryOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const current = await getEntry(ctx, ws, args.time_entry_id);
    const userId = current.userId ?? me.id;
    assertMayActFor(ctx, me, userId);
    const copy = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries/{time_entry_id}/duplicate', { workspace_id: ws, user_id: userId, time_entry_id: args.time_entry_id }), vendorTimeEntry, {
      operation: 'duplicate time entry',
    });
    const time_entry = await toTimeEntry(ctx, ws, copy, me.timeZone, { [me.id]: me.name });
    return userId === me.id ? { time_entry, acted_as: actedAs } : { time_entry };
  },
});
