import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { entryId, getEntry, timeEntryOut, toTimeEntry } from './time-entry-shapes';

export const clockifyGetTimeEntry = defineTool({
  name: 'clockify_get_time_entry',
  title: 'Get a time entry',
  description: 'One time entry with names, times in your zone and its rate.\nExample: clockify_get_time_entry {"time_entry_id": "6601a2b3c4d5e6f7a8b9c0d1"}',
  toolset: 'time_entries',
  input: z.strictObject({ time_entry_id: entryId, workspace_id: workspaceIdArg }),
  output: z.object({ time_entry: timeEntryOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const me = await ctx.runtime.me(ctx, ws);
    const raw = await getEntry(ctx, ws, args.time_entry_id, true);
    return { time_entry: await toTimeEntry(ctx, ws, raw, me.timeZone, { [me.id]: me.name }) };
  },
});
