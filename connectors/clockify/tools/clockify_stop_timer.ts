import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorTimeEntry, workspaceIdArg } from '../schemas';
import { parseTimeInput } from '../time';
import { assertMayActFor, instant, targetUserId, timeEntryOut, toTimeEntry, userArg, userRefArg } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyStopTimer = defineTool({
  name: 'clockify_stop_timer',
  title: 'Stop the running timer',
  description: 'Stops your running timer (or another user\'s), now or at end. Nothing running: precondition_failed.\nExample: clockify_stop_timer {}',
  toolset: 'time_entries',
  input: z.strictObject({
    user_id: userRefArg,
    user: userArg,
    end: z.string().optional().describe('Default: now. "17:30", "yesterday 18:00" or ISO; your zone.'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ time_entry: timeEntryOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const userId = await targetUserId(ctx, ws, args, me);
    assertMayActFor(ctx, me, userId);
    const end = args.end ? parseTimeInput(args.end, me.timeZone, ctx.runtime.now(), 'end') : ctx.runtime.now();
    // Clockify answers 404 (code 404) when nothing runs; the mapper makes it precondition_failed.
    const stopped = await ctx.runtime.api.call(ctx, 'PATCH', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), vendorTimeEntry, {
      operation: 'stop timer',
      body: { end: instant(end) },
    });
    const time_entry = await toTimeEntry(ctx, ws, stopped, me.timeZone, { [me.id]: me.name });
    return userId === me.id ? { time_entry, acted_as: actedAs } : { time_entry };
  },
});
