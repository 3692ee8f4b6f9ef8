import { z } from 'zod';
import { defineTool } from '../runtime';
import { statusOut } from '../schemas';

export default defineTool({
  name: 'helpdesk_list_statuses',
  title: 'List help desk statuses',
  description: [
    "Lists every ticket status with id, name, kind (new, in_progress, pending, resolved, closed, custom) and whether it can still be set.",
    "Use this for helpdesk_update_ticket_status (status_id) or a status name for helpdesk_list_tickets.",
    "Example: helpdesk_list_statuses({}).",
  ].join(' '),
  toolset: 'catalog',
  input: z.strictObject({}),
  output: z.object({ items: z.array(statusOut) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, ctx) {
    return { items: await ctx.runtime.service.catalog.listStatuses() };
  },
});
