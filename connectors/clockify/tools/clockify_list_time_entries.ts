import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, vendorTimeEntry, workspaceIdArg } from '../schemas';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { instant, resolveRefs, targetUserId, timeEntryOut, toTimeEntries, userArg, userRefArg } from './time-entry-shapes';
import { instantWindow } from '../../../src/format/dates';
import { CONNECTOR } from '../errors';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListTimeEntries = defineTool({
  name: 'clockify_list_time_entries',
  title: 'List time entries',
  description: [
    "One user's time entries (default: yours), newest first.",
    'Example: clockify_list_time_entries {"start": "yesterday", "project": "Acme website"}',
  ].join('\n'),
  toolset: 'time_entries',
  input: z.strictObject({
    user_id: userRefArg,
    user: userArg,
    start: z.string().optional().describe('From: a time, or days ("yesterday", "last week": alone, just those days).'),
    end: z.string().optional().describe('Until; a day includes that day.'),
    project: z.string().optional().describe('Project name (or project_id).'),
    project_id: clockifyId.optional().describe('Project id.'),
    description: z.string().optional().describe('Description contains.'),
    workspace_id: workspaceIdArg,
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ time_entries: z.array(timeEntryOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const { user: me, actedAs } = await ctx.runtime.acting(ctx);
    const userId = await targetUserId(ctx, ws, args, me);
    const tz = me.timeZone;
    const now = ctx.runtime.now();
    const span = instantWindow(args.start, args.end, { timeZone: tz, now, connector: CONNECTOR });
    const refs = await resolveRefs(ctx, ws, { project: args.project, project_id: args.project_id });
    const query = {
      hydrated: true,
      start: span.start ? instant(span.start) : undefined,
      end: span.end ? instant(span.end) : undefined,
      project: refs.projectId,
      description: args.description,
    };
    const page = await ctx.runtime.api.list(ctx, vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }), vendorTimeEntry, { operation: 'list time entries', query }, args);
    const out = { time_entries: await toTimeEntries(ctx, ws, page.items, tz, me), next_cursor: page.next_cursor };
    // Whose entries these are when they are "mine": the caller's own, or the key owner's (said in acted_as).
    return userId === me.id ? { ...out, acted_as: actedAs } : out;
  },
});
