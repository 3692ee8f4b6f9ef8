import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, vendorTimeEntry, workspaceIdArg } from '../schemas';
import { assertMayActFor, timeEntryOut, toTimeEntries, userIdArg, userOrMe } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTimeEntries = defineTool({
  name: 'clockify_delete_time_entries',
  title: 'Delete several time entries',
  description: 'Deletes several of one user\'s entries (default: you); returns them.\nExample: clockify_delete_time_entries {"time_entry_ids": ["6601a2b3c4d5e6f7a8b9c0d1", "6601a2b3c4d5e6f7a8b9c0d2"]}',
  toolset: 'bulk',
  input: z.strictObject({
    time_entry_ids: z.array(clockifyId).min(1).max(100).describe('Entry ids of that user (clockify_list_time_entries).'),
    user_id: userIdArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ deleted: z.array(timeEntryOut) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const userId = await userOrMe(ctx, ws, args.user_id, me);
    assertMayActFor(ctx, me, userId);
    const ids = [...new Set(args.time_entry_ids)];
    const body = await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), {
      operation: 'delete time entries',
      query: { 'time-entry-ids': ids },
    });
    const raws = ctx.runtime.api.readItems(vendorTimeEntry, Array.isArray(body) ? body : [], 'delete time entries');
    await ctx.runtime.recentEntries.forget(ids);
    const deleted = await toTimeEntries(ctx, ws, raws, me.timeZone, me);
    return userId === me.id ? { deleted, acted_as: actedAs } : { deleted };
  },
});
