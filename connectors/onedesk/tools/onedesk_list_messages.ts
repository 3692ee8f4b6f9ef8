import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { itemExternalIdArg, itemIdArg, itemProperty, messageOut, toMessage } from '../conversations';
import { CONNECTOR } from '../errors';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool } from '../runtime';
import { onedeskExternalId, oneId } from '../shapes';
import { onedeskFilter, type FilterProperty } from '../vendor';

const NAME = 'onedesk_list_messages';

export const onedeskListMessages = defineTool({
  name: NAME,
  title: 'List OneDesk conversation messages',
  description: [
    'Lists OneDesk conversation messages of one conversation or one item, optionally containing some text, newest first, a page per call.',
    'Use for customer-facing threads; onedesk_list_comments is the same list for an item.',
    'Example: onedesk_list_messages {"conversation_external_id": "0f1e2d3c-4b5a-4968-8776-655443322110"}',
    'Read-only. Runs /conversation-messages/filter/details (property names assumed); a missing endpoint is unsupported_by_vendor, never an empty list.',
  ].join('\n'),
  toolset: 'conversations',
  input: z.strictObject({
    conversation_external_id: onedeskExternalId.optional().describe('External id of the conversation.'),
    item_id: itemIdArg,
    item_external_id: itemExternalIdArg,
    text: z.string().trim().min(1).max(200).optional().describe('Words the message contains.'),
    limit: limitArg(200),
    cursor: cursorArg,
  }),
  output: z.object({ messages: z.array(messageOut), next_cursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const byItem = args.item_id !== undefined || args.item_external_id !== undefined;
    if (byItem === (args.conversation_external_id !== undefined)) {
      throw invalidArgument(`${NAME} needs a conversation_external_id or an item (item_id or item_external_id), not both.`, {
        connector: CONNECTOR,
        fields: [{ field: 'conversation_external_id', problem: 'give a conversation or an item' }],
        hint: 'Item ids come from the onedesk_list_* tools; conversation ids from the conversation_external_id of a message.',
      });
    }
    const properties: FilterProperty[] = byItem
      ? [itemProperty(oneId({ id: args.item_id, external_id: args.item_external_id }, NAME, 'item_id', 'item_external_id'))]
      : [{ property: 'conversationExternalId', operation: 'EQ', value: args.conversation_external_id! }];
    if (args.text) properties.push({ property: 'content', operation: 'CONTAINS', value: args.text });
    const offset = decodeCursor(NAME, args.cursor);
    const answer = await onedeskFilter(ctx, 'conversation-messages', { properties, limit: args.limit, offset }, 'list messages');
    return { messages: answer.rows.map(toMessage), next_cursor: nextCursor(NAME, offset, args.limit, answer.rows.length, answer.total) };
  },
});
