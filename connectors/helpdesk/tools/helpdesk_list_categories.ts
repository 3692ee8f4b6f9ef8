import { z } from 'zod';
import { defineTool } from '../runtime';
import { categoryOut } from '../schemas';

export default defineTool({
  name: 'helpdesk_list_categories',
  title: 'List help desk categories',
  description: [
    'Lists the active category tree: categories, the types under each, and the items under each type, with their ULIDs.',
    'Use this before helpdesk_create_ticket (it needs category_id, optionally type_id and item_id) or to find a category name for helpdesk_list_tickets.',
    'Example: helpdesk_list_categories({}).',
    'Read-only; takes no arguments.',
  ].join(' '),
  toolset: 'catalog',
  input: z.strictObject({}),
  output: z.object({ items: z.array(categoryOut) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, ctx) {
    return { items: await ctx.runtime.service.catalog.listCategories() };
  },
});
