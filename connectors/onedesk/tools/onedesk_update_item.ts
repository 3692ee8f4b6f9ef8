import { z } from 'zod';
import { personRefSchema } from '../../../src/format/names';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { lifecycleStatuses, resolveUser } from '../organization';
import { defineTool } from '../runtime';
import { byIdPath, externalIdArg, idArg, oneId } from '../shapes';
import { onedeskWrite } from '../vendor';
import { priorityArg } from './update-fields';

export const onedeskUpdateItem = defineTool({
  name: 'onedesk_update_item',
  title: 'Update a OneDesk item',
  description: [
    'Changes the given fields of a OneDesk item of any type; close or cancel one via status (OneDesk cannot delete).',
    'Example: onedesk_update_item {"id": 1042, "status": "Closed"}',
    'Not retried once sent. The status and assignees body fields are assumed.',
  ].join('\n'),
  toolset: 'items',
  input: z.strictObject({
    id: idArg,
    external_id: externalIdArg,
    name: z.string().trim().min(1).optional().describe('New title.'),
    description: z.string().optional().describe('New body (replaces it).'),
    priority: priorityArg,
    percent_complete: z.number().int().min(0).max(100).optional().describe('Progress %.'),
    status: z.string().trim().optional().describe('Lifecycle status name.'),
    assignees: z.array(personRefSchema()).max(200).optional().describe('Users: names, emails, external ids or "me" (replaces).'),
  }),
  output: z.object({
    item: z.object({ id: z.number().int().nullable(), external_id: z.string().nullable() }),
    changed: z.array(z.string()).describe('The fields sent to OneDesk.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const pick = oneId(args, 'onedesk_update_item');
    const body: Record<string, unknown> = {};
    const changed: string[] = [];
    const set = (field: string, key: string, value: unknown) => {
      body[key] = value;
      changed.push(field);
    };
    if (args.name !== undefined) set('name', 'name', args.name);
    if (args.description !== undefined) set('description', 'description', args.description);
    if (args.priority !== undefined) set('priority', 'priority', args.priority);
    if (args.percent_complete !== undefined) set('percent_complete', 'percentComplete', args.percent_complete);
    if (args.status !== undefined) {
      const statuses = await lifecycleStatuses(ctx);
      const found = statuses.find((s) => s.name.toLowerCase() === args.status!.toLowerCase());
      if (!found) {
        throw invalidArgument(`OneDesk has no lifecycle status "${args.status}"; this organization's are: ${statuses.map((s) => s.name).join(', ') || '(none)'}.`, {
          connector: CONNECTOR,
          fields: [{ field: 'status', problem: 'not a lifecycle status of this organization' }],
          hint: 'Use one of the listed names exactly (onedesk_get_organization lists them with their state).',
        });
      }
      set('status', 'lifecycleStatus', found.name);
    }
    if (args.assignees !== undefined) set('assignees', 'assignees', await Promise.all(args.assignees.map((a, i) => resolveUser(ctx, a, `assignees[${i}]`))));
    if (!changed.length) {
      throw invalidArgument('onedesk_update_item needs at least one field to change.', {
        connector: CONNECTOR,
        fields: [{ field: '(arguments)', problem: 'nothing to change' }],
        hint: 'Pass name, description, priority, percent_complete, status or assignees.',
      });
    }
    await onedeskWrite(ctx, byIdPath('items', pick), body, 'update item');
    return { item: { id: pick.kind === 'id' ? pick.value : null, external_id: pick.kind === 'externalId' ? pick.value : null }, changed };
  },
});
