import { z } from 'zod';
import { defineTool } from '../runtime';
import { categoryOut } from '../schemas';

export default defineTool({
  name: 'helpdesk_list_categories',
  title: 'List help desk categories',
  description: [
    "Lists the active category tree: categories, their types and the items under each type, with ids.",
    "Use this for helpdesk_create_ticket (category_id, type_id, item_id) or a category name for helpdesk_list_tickets.",
    "Example: helpdesk_list_categories({}).",
  ].join(' '),
  toolset: 'catalog',
  input: z.strictObject({}),
  output: z.object({ items: z.array(categoryOut) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, ctx) {
    return { items: await ctx.runtime.service.catalog.listCategories() };
  },
});
