import { z } from 'zod';
import { itemExternalIdArg, itemIdArg, itemProperty, messageOut, toMessage } from '../conversations';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool } from '../runtime';
import { oneId } from '../shapes';
import { onedeskFilter } from '../vendor';

const NAME = 'onedesk_list_comments';

export const onedeskListComments = defineTool({
  name: NAME,
  title: "List a OneDesk item's comments",
  description: [
    "Lists the comments on one OneDesk item (OneDesk keeps them as conversation messages), newest first, a page per call.",
    'Item ids come from the onedesk_list_* tools; add one with onedesk_add_comment.',
    'Example: onedesk_list_comments {"item_id": 1042}',
    'Read-only. Runs /conversation-messages/filter/details on the item (the item property name is assumed); a missing endpoint is unsupported_by_vendor, never an empty list.',
  ].join('\n'),
  toolset: 'conversations',
  input: z.strictObject({ item_id: itemIdArg, item_external_id: itemExternalIdArg, limit: limitArg(200), cursor: cursorArg }),
  output: z.object({ comments: z.array(messageOut), next_cursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const item = oneId({ id: args.item_id, external_id: args.item_external_id }, NAME, 'item_id', 'item_external_id');
    const offset = decodeCursor(NAME, args.cursor);
    const answer = await onedeskFilter(ctx, 'conversation-messages', { properties: [itemProperty(item)], limit: args.limit, offset }, 'list comments');
    return { comments: answer.rows.map(toMessage), next_cursor: nextCursor(NAME, offset, args.limit, answer.rows.length, answer.total) };
  },
});
