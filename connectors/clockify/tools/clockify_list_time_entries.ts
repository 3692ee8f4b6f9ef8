import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, vendorTimeEntry, workspaceIdArg } from '../schemas';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { instant, resolveRefs, timeEntryOut, toTimeEntries, userIdArg } from './time-entry-shapes';
import { parseTimeInput, zonedToInstant } from '../time';

/** A date-only end means "through that day": the next midnight in the zone. */
function endOf(text: string, tz: string, now: Date): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!day) return parseTimeInput(text, tz, now, 'end');
  parseTimeInput(text, tz, now, 'end'); // validates the date
  const next = new Date(Date.UTC(+day[1]!, +day[2]! - 1, +day[3]! + 1));
  return zonedToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }, tz);
}

export const clockifyListTimeEntries = defineTool({
  name: 'clockify_list_time_entries',
  title: 'List time entries',
  description: [
    "One user's time entries (default: yours), newest first.",
    'Example: clockify_list_time_entries {"start": "2024-03-11", "end": "2024-03-16", "project": "Acme website"}',
  ].join('\n'),
  toolset: 'time_entries',
  input: z.strictObject({
    user_id: userIdArg,
    start: z.string().optional().describe('From (ISO 8601; no offset = your zone).'),
    end: z.string().optional().describe('Until; a date includes that day.'),
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
    const me = await ctx.runtime.me(ctx, ws);
    const userId = args.user_id ?? me.id;
    const tz = me.timeZone;
    const now = ctx.runtime.now();
    const refs = await resolveRefs(ctx, ws, { project: args.project, project_id: args.project_id });
    const query = {
      hydrated: true,
      start: args.start ? instant(parseTimeInput(args.start, tz, now, 'start')) : undefined,
      end: args.end ? instant(endOf(args.end, tz, now)) : undefined,
      project: refs.projectId,
      description: args.description,
    };
    const page = await ctx.runtime.api.list(ctx, `/workspaces/${ws}/user/${userId}/time-entries`, vendorTimeEntry, { operation: 'list time entries', query }, args);
    return { time_entries: await toTimeEntries(ctx, ws, page.items, tz, me), next_cursor: page.next_cursor };
  },
});
