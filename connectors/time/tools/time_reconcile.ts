import { z } from 'zod';
import { defineTool } from '../runtime';
import { DEFAULT_LIMIT, MAX_LIMIT, reconcile, reconcileOut } from '../reconcile';

export const timeReconcile = defineTool({
  name: 'time_reconcile',
  title: "A team's tracked vs logged time",
  description: [
    'Per person and day: DeskTime tracked vs Clockify logged vs OneDesk worklogs, flagged where tracked and logged differ by more than the tolerance; worst first, totals first, paged.',
    'Vendor calls for the whole team: 1-2 DeskTime; Clockify the member list plus 1 report call per 200 entries (1 per person if the key may not read reports); OneDesk 1 per 20 users and per 20 worklogs. Example: time_reconcile {"team": "Support", "range": "last week"}',
  ].join('\n'),
  toolset: 'time',
  minRole: 'staff',
  input: z.strictObject({
    team: z.string().trim().min(1).max(100).optional().describe('Help desk group or Clockify user group, name or id. Default: everyone in DeskTime, Clockify or OneDesk.'),
    range: z.string().trim().max(60).optional().describe('Default this week; at most 31 days.'),
    tolerance_minutes: z.number().int().min(0).max(600).optional().describe('Default 30.'),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional().describe(`Rows per page, default ${DEFAULT_LIMIT}.`),
    cursor: z.string().max(200).optional().describe('next_cursor of the previous page.'),
  }),
  output: reconcileOut,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => reconcile(ctx, args),
});
