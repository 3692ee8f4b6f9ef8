import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { itemExternalIdArg, itemIdArg, itemProperty } from '../conversations';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { numId, onedeskExternalId, oneId, str } from '../shapes';
import { isRecord, missing, onedeskFilter, onedeskWrite } from '../vendor';
import { vendorPath } from '../../../src/vendor-http/path';

const NAME = 'onedesk_add_comment';

export const onedeskAddComment = defineTool({
  name: NAME,
  title: 'Comment on a OneDesk item',
  description: [
    "Posts a comment on a OneDesk item's conversation (or on a given conversation) as the API key's OneDesk user.",
    'Item ids come from the onedesk_list_* tools.',
    'Example: onedesk_add_comment {"item_id": 1042, "content": "Ordered a new fuser, arriving Friday."}',
    "Side effects: adds a message; not retried once sent. When the item has no conversation yet, one is created first (assumed: POST /conversations/ with the item's id).",
  ].join('\n'),
  toolset: 'conversations',
  input: z.strictObject({
    item_id: itemIdArg,
    item_external_id: itemExternalIdArg,
    conversation_external_id: onedeskExternalId.optional().describe('Post to this conversation instead of an item.'),
    content: z.string().trim().min(1).max(20_000).describe('The comment text.'),
  }),
  output: z.object({
    comment: z.object({ id: z.number().int().nullable(), external_id: z.string().nullable(), conversation_external_id: z.string() }),
    conversation_created: z.boolean(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const byItem = args.item_id !== undefined || args.item_external_id !== undefined;
    if (byItem === (args.conversation_external_id !== undefined)) {
      throw invalidArgument(`${NAME} needs an item (item_id or item_external_id) or a conversation_external_id, not both.`, {
        connector: CONNECTOR,
        fields: [{ field: 'item_id', problem: 'give an item or a conversation' }],
        hint: 'Item ids come from the onedesk_list_* tools.',
      });
    }
    let conversation = args.conversation_external_id;
    let created = false;
    if (!conversation) {
      const item = oneId({ id: args.item_id, external_id: args.item_external_id }, NAME, 'item_id', 'item_external_id');
      const found = await onedeskFilter(ctx, 'conversations', { properties: [itemProperty(item)], limit: 1, offset: 0 }, 'find the item conversation');
      conversation = str(found.rows[0]?.externalId) ?? undefined;
      if (!conversation) {
        const data = await onedeskWrite(ctx, vendorPath('/conversations/'), item.kind === 'id' ? { itemId: item.value } : { itemExternalId: item.value }, 'create conversation');
        conversation = (typeof data === 'string' ? str(data) : isRecord(data) ? str(data.externalId) : null) ?? undefined;
        if (!conversation) throw missing("the new conversation's external id", 'create conversation');
        created = true;
      }
    }
    const data = await onedeskWrite(ctx, vendorPath('/conversation-messages/'), { conversationExternalId: conversation, content: args.content }, 'post comment');
    return {
      comment: {
        id: numId(data) ?? (isRecord(data) ? numId(data.id) : null),
        external_id: (typeof data === 'string' && numId(data) === null ? str(data) : null) ?? (isRecord(data) ? str(data.externalId) : null),
        conversation_external_id: conversation,
      },
      conversation_created: created,
    };
  },
});
