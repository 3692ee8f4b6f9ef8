import { z } from 'zod';
import { messageOut, toMessage } from '../conversations';
import { defineTool } from '../runtime';
import { isRecord, missing, onedeskGet } from '../vendor';
import { vendorPath } from '../../../src/vendor-http/path';
import { onedeskExternalId } from '../shapes';

export const onedeskGetComment = defineTool({
  name: 'onedesk_get_comment',
  title: 'Get a OneDesk comment',
  description: [
    'Gets one OneDesk comment (a conversation message) by its external id: content, author, item, visibility, time.',
    "OneDesk's API reads messages by external id only (no numeric id); the ids come from onedesk_list_comments or onedesk_list_messages.",
    'Example: onedesk_get_comment {"external_id": "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8"}',
    'Read-only.',
  ].join('\n'),
  toolset: 'conversations',
  input: z.strictObject({ external_id: onedeskExternalId.describe('External id (UUID) of the comment.') }),
  output: z.object({ comment: messageOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const data = await onedeskGet(ctx, vendorPath('/conversation-messages/externalId/{external_id}', { external_id: args.external_id }), 'get comment');
    if (!isRecord(data)) throw missing('the comment', 'get comment');
    return { comment: toMessage(data) };
  },
});
