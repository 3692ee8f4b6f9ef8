import { z } from 'zod';
import { attachmentOut, itemExternalIdArg, itemIdArg, itemProperty, toAttachment } from '../conversations';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool } from '../runtime';
import { oneId } from '../shapes';
import { onedeskFilter } from '../vendor';

const NAME = 'onedesk_list_attachments';

export const onedeskListAttachments = defineTool({
  name: NAME,
  title: "List a OneDesk item's attachments",
  description: [
    "Lists the files attached to one OneDesk item: name, size, type, link, when added; a page per call.",
    'Item ids come from the onedesk_list_* tools.',
    'Example: onedesk_list_attachments {"item_id": 1042}',
    'Read-only. Runs /attachments/filter/details on the item (the item property name is assumed); a missing endpoint is unsupported_by_vendor, never an empty list.',
  ].join('\n'),
  toolset: 'conversations',
  input: z.strictObject({ item_id: itemIdArg, item_external_id: itemExternalIdArg, limit: limitArg(200), cursor: cursorArg }),
  output: z.object({ attachments: z.array(attachmentOut), next_cursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const item = oneId({ id: args.item_id, external_id: args.item_external_id }, NAME, 'item_id', 'item_external_id');
    const offset = decodeCursor(NAME, args.cursor);
    const answer = await onedeskFilter(ctx, 'attachments', { properties: [itemProperty(item)], limit: args.limit, offset }, 'list attachments');
    return { attachments: answer.rows.map(toAttachment), next_cursor: nextCursor(NAME, offset, args.limit, answer.rows.length, answer.total) };
  },
});
