import { z } from 'zod';
import { defineTool } from '../runtime';
import { invalidArgument, permissionDenied } from '../../../src/errors';
import { hasRole } from '../../../src/auth/types';
import { CONNECTOR } from '../errors';
import { vendorTimeEntry, workspaceIdArg } from '../schemas';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { targetUserId, timeEntryOut, toTimeEntries, userArg, userRefArg } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListRunningTimers = defineTool({
  name: 'clockify_list_running_timers',
  title: 'List running timers',
  description: "What is running right now: your timer (or another user's); everyone's with all_users.\nExample: clockify_list_running_timers {}",
  toolset: 'time_entries',
  input: z.strictObject({
    user_id: userRefArg,
    user: userArg,
    all_users: z.boolean().optional().describe("Every user's running timer in the workspace (staff and admins)."),
    workspace_id: workspaceIdArg,
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ time_entries: z.array(timeEntryOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    // Checked before any Clockify call.
    if (args.all_users && (args.user_id !== undefined || args.user !== undefined)) {
      throw invalidArgument('all_users lists everyone; it takes no user_id or user.', { connector: CONNECTOR, fields: [{ field: 'all_users', problem: 'given with user_id or user' }], hint: 'Drop all_users to see one user, or drop the user to see everyone.' });
    }
    if (args.all_users && !hasRole(ctx.principal.user.role, 'staff')) {
      throw permissionDenied("Only staff and admins may list everyone's running timers.", { connector: CONNECTOR, hint: 'Leave out all_users to see your own timer.' });
    }
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const api = ctx.runtime.api;
    if (args.all_users) {
      const page = await api.list(ctx, vendorPath('/workspaces/{workspace_id}/time-entries/status/in-progress', { workspace_id: ws }), vendorTimeEntry, { operation: 'list running timers' }, args);
      return { time_entries: await toTimeEntries(ctx, ws, page.items, me.timeZone, me), next_cursor: page.next_cursor };
    }
    // No user means the caller (the acting user: themselves when matched, else the key owner, said in acted_as), not the whole workspace.
    const userId = await targetUserId(ctx, ws, args, me);
    const page = await api.list(ctx, vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), vendorTimeEntry, { operation: 'list running timer', query: { 'in-progress': true, hydrated: true } }, args);
    const out = { time_entries: await toTimeEntries(ctx, ws, page.items, me.timeZone, me), next_cursor: page.next_cursor };
    return userId === me.id ? { ...out, acted_as: actedAs } : out;
  },
});
