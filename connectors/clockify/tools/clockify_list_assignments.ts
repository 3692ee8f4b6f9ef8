import { unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { formatInZone } from '../time';
import { instantArg, instantRange, withFeature } from '../reports/common';
import { vendorPath } from '../../../src/vendor-http/path';

const vendorAssignment = z.looseObject({
  id: z.string(),
  userId: z.string().nullish(),
  userName: z.string().nullish(),
  projectId: z.string().nullish(),
  projectName: z.string().nullish(),
  clientName: z.string().nullish(),
  taskName: z.string().nullish(),
  hoursPerDay: z.number().nullish(),
  billable: z.boolean().nullish(),
  note: z.string().nullish(),
  startTime: z.string().nullish(),
  period: z.looseObject({ start: z.string().nullish(), end: z.string().nullish() }).nullish(),
});

const at = (iso: string | null | undefined, tz: string) => (iso && !Number.isNaN(Date.parse(iso)) ? formatInZone(iso, tz) : null);

export const clockifyListAssignments = defineTool({
  name: 'clockify_list_assignments',
  title: 'List Clockify scheduled assignments',
  description: [
    'Scheduled work (who is planned on which project, hours per day, from when to when) overlapping start..end, across the workspace.',
    'Use for "who is scheduled on Acme next week" or capacity questions. start and end are required.',
    'Example: clockify_list_assignments {"start": "next_week", "end": "next_week"}',
    'No side effects. Scheduling needs a paid Clockify plan.',
  ].join('\n'),
  toolset: 'scheduling',
  input: z.strictObject({
    start: instantArg('From'),
    end: instantArg('Until'),
    name: z.string().max(200).optional().describe('Only assignments whose name matches (Clockify search).'),
    limit: limitArg,
    cursor: cursorArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.string().nullable(),
        user_id: z.string().nullable(),
        user: z.string().nullable(),
        project_id: z.string().nullable(),
        project: z.string().nullable(),
        client: z.string().nullable(),
        task: z.string().nullable(),
        start: z.string().nullable().describe('ISO with offset, your zone.'),
        end: z.string().nullable(),
        hours_per_day: z.number().nullable(),
        start_time: z.string().nullable().describe('Planned daily start, HH:MM:SS.'),
        billable: z.boolean().nullable(),
        note: z.string().nullable(),
        extra: unreadableOut,
      }),
    ),
    next_cursor: nextCursorOut,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const tz = (await ctx.runtime.me(ctx, ws)).timeZone;
    const range = instantRange(args, tz, ctx.runtime.now());
    const page = await withFeature('scheduling', () =>
      ctx.runtime.api.list(
        ctx,
        vendorPath('/workspaces/{workspace_id}/scheduling/assignments/all', { workspace_id: ws }),
        vendorAssignment,
        { operation: 'list assignments', query: { start: range.start, end: range.end, name: args.name } },
        args,
      ),
    );
    return {
      items: page.items.map((a) => ({
        id: a.id ?? null,
        user_id: a.userId ?? null,
        user: a.userName ?? null,
        project_id: a.projectId ?? null,
        project: a.projectName ?? null,
        client: a.clientName || null,
        task: a.taskName || null,
        start: at(a.period?.start, tz),
        end: at(a.period?.end, tz),
        hours_per_day: a.hoursPerDay ?? null,
        start_time: a.startTime ?? null,
        billable: a.billable ?? null,
        note: a.note || null,
        ...unreadableExtra(a),
      })),
      next_cursor: page.next_cursor,
    };
  },
});
