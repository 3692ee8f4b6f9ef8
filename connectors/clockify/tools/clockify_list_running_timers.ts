import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyUserId, vendorTimeEntry, workspaceIdArg } from '../schemas';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { timeEntryOut, toTimeEntries, userOrMe } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListRunningTimers = defineTool({
  name: 'clockify_list_running_timers',
  title: 'List running timers',
  description: "What is running right now: the workspace's running timers, all users unless user_id.\nExample: clockify_list_running_timers {}",
  toolset: 'time_entries',
  input: z.strictObject({ user_id: clockifyUserId.optional().describe('Only this user: "me" or an id (clockify_list_users).'), workspace_id: workspaceIdArg, limit: limitArg, cursor: cursorArg }),
  output: z.object({ time_entries: z.array(timeEntryOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const me = await ctx.runtime.me(ctx, ws);
    const api = ctx.runtime.api;
    const userId = args.user_id === undefined ? undefined : userOrMe(args.user_id, me);
    const page = userId
      ? await api.list(ctx, vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), vendorTimeEntry, { operation: 'list running timer', query: { 'in-progress': true, hydrated: true } }, args)
      : await api.list(ctx, vendorPath('/workspaces/{workspace_id}/time-entries/status/in-progress', { workspace_id: ws }), vendorTimeEntry, { operation: 'list running timers' }, args);
    return { time_entries: await toTimeEntries(ctx, ws, page.items, me.timeZone, me), next_cursor: page.next_cursor };
  },
});
