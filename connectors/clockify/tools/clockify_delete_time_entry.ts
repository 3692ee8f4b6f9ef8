import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { assertMayActFor, entryId, getEntry } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTimeEntry = defineTool({
  name: 'clockify_delete_time_entry',
  title: 'Delete a time entry',
  description: 'Deletes one time entry for good.\nExample: clockify_delete_time_entry {"time_entry_id": "6601a2b3c4d5e6f7a8b9c0d1"}',
  toolset: 'time_entries',
  input: z.strictObject({ time_entry_id: entryId, workspace_id: workspaceIdArg }),
  output: z.object({ deleted: z.literal(true), time_entry_id: z.string(), description: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const current = await getEntry(ctx, ws, args.time_entry_id);
    assertMayActFor(ctx, me, current.userId ?? me.id);
    await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/time-entries/{time_entry_id}', { workspace_id: ws, time_entry_id: args.time_entry_id }), { operation: 'delete time entry' });
    await ctx.runtime.recentEntries.forget([args.time_entry_id]);
    const out = { deleted: true as const, time_entry_id: args.time_entry_id, description: current.description ?? '' };
    return (current.userId ?? me.id) === me.id ? { ...out, acted_as: actedAs } : out;
  },
});
