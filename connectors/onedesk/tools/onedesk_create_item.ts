import { z } from 'zod';
import { resolveTypeByName } from '../organization';
import { defineTool } from '../runtime';
import { numId, onedeskExternalId, str } from '../shapes';
import { isRecord, onedeskWrite } from '../vendor';
import { priorityArg } from './update-fields';
import { vendorPath } from '../../../src/vendor-http/path';

export const onedeskCreateItem = defineTool({
  name: 'onedesk_create_item',
  title: 'Create a OneDesk item',
  description: [
    "Creates a OneDesk item of any of the organization's types (onedesk_get_organization lists them).",
    'Example: onedesk_create_item {"item_type": "Ticket", "name": "Printer jams"}',
    "Writes as the key's OneDesk user, not retried once sent. Project ids: onedesk_list_projects.",
  ].join('\n'),
  toolset: 'items',
  input: z.strictObject({
    item_type: z.string().trim().min(1).describe('e.g. "Ticket".'),
    name: z.string().trim().min(1).describe('Title.'),
    description: z.string().optional().describe('Body text.'),
    project_external_id: onedeskExternalId.optional().describe('Project external id.'),
    priority: priorityArg,
  }),
  output: z.object({ item: z.object({ id: z.number().int().nullable(), external_id: z.string().nullable(), type: z.string(), name: z.string() }) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const type = await resolveTypeByName(ctx, args.item_type);
    const body: Record<string, unknown> = { name: args.name, type: type.label };
    if (args.description !== undefined) body.description = args.description;
    if (args.project_external_id) body.projectExternalId = args.project_external_id;
    if (args.priority !== undefined) body.priority = args.priority;
    const data = await onedeskWrite(ctx, vendorPath('/items/'), body, 'create item');
    // OneDesk answers a create with the new id [T]: a number, or an external id.
    return {
      item: {
        id: numId(data) ?? (isRecord(data) ? numId(data.id) : null),
        external_id: (typeof data === 'string' && numId(data) === null ? str(data) : null) ?? (isRecord(data) ? str(data.externalId) : null),
        type: type.label,
        name: args.name,
      },
    };
  },
});
