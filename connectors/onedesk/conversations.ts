import { z } from 'zod';
import { extraOf, firstOf, isoTime, num, numId, onedeskExternalId, type Pick1, refOut, str, toRef, unreadIn } from './shapes';
import type { FilterProperty, Row } from './vendor';

/**
 * Comments are OneDesk conversation messages [T]; how a message points at
 * its item, and its field names, are assumed [U] (itemExternalId/itemId,
 * content, createdTime, author…), read leniently.
 */
export const messageOut = z.object({
  external_id: z.string().nullable(),
  id: z.number().int().nullable(),
  conversation_external_id: z.string().nullable(),
  item: refOut.nullable(),
  author: refOut.nullable(),
  content: z.string().nullable(),
  visibility: z.string().nullable().describe('e.g. INTERNAL or PUBLIC, when OneDesk sends it.'),
  created_at: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
});

const M = {
  conversation: ['conversationExternalId', 'conversationId'],
  itemId: ['itemId'],
  itemExternalId: ['itemExternalId'],
  itemName: ['itemName'],
  author: ['author', 'createdBy'],
  authorExternalId: ['authorExternalId'],
  authorName: ['authorName'],
  content: ['content', 'text', 'body'],
  visibility: ['visibility', 'threadVisibilityType', 'visibilityType'],
  created: ['createdTime', 'creationTime', 'created'],
} as const;

function ref(id: number | null, externalId: string | null, name: string | null) {
  const r = { id, external_id: externalId, name };
  return r.id === null && r.external_id === null && r.name === null ? null : r;
}

export function toMessage(row: Row) {
  const externalId = str(row.externalId);
  const id = numId(row.id);
  const authorRef = toRef(firstOf(row, M.author));
  const authorExternalId = str(firstOf(row, M.authorExternalId));
  const authorName = str(firstOf(row, M.authorName));
  const itemId = numId(firstOf(row, M.itemId));
  const itemExternalId = str(firstOf(row, M.itemExternalId));
  const itemName = str(firstOf(row, M.itemName));
  const conversation = str(firstOf(row, M.conversation));
  const content = str(firstOf(row, M.content));
  const visibility = str(firstOf(row, M.visibility));
  const created = isoTime(firstOf(row, M.created));
  // A message is named by its external id (or id): without either it is kept, and counted as partly read.
  const unread = unreadIn(row, 'message', [
    [['externalId', 'id'], externalId ?? id, 'needed'],
    ['externalId', externalId],
    ['id', id],
    [M.conversation, conversation],
    [M.itemId, itemId],
    [M.itemExternalId, itemExternalId],
    [M.itemName, itemName],
    [M.author, authorRef],
    [M.authorExternalId, authorExternalId],
    [M.authorName, authorName],
    [M.content, content],
    [M.visibility, visibility],
    [M.created, created],
  ]);
  return {
    external_id: externalId,
    id,
    conversation_external_id: conversation,
    item: ref(itemId, itemExternalId, itemName),
    author: authorRef ?? ref(null, authorExternalId, authorName),
    content,
    visibility,
    created_at: created,
    extra: { ...extraOf(row, ['externalId', 'id', ...Object.values(M).flat()]), ...unread },
  };
}

export const attachmentOut = z.object({
  external_id: z.string().nullable(),
  id: z.number().int().nullable(),
  name: z.string().nullable(),
  size_bytes: z.number().nullable(),
  content_type: z.string().nullable(),
  url: z.string().nullable(),
  created_at: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
});

const A = {
  name: ['name', 'fileName', 'filename'],
  size: ['size', 'fileSize'],
  type: ['contentType', 'mimeType'],
  url: ['url', 'downloadUrl', 'link'],
  created: ['createdTime', 'creationTime', 'created'],
} as const;

export function toAttachment(row: Row) {
  const out = {
    external_id: str(row.externalId),
    id: numId(row.id),
    name: str(firstOf(row, A.name)),
    size_bytes: num(firstOf(row, A.size)),
    content_type: str(firstOf(row, A.type)),
    url: str(firstOf(row, A.url)),
    created_at: isoTime(firstOf(row, A.created)),
  };
  const unread = unreadIn(row, 'attachment', [
    [['externalId', 'id'], out.external_id ?? out.id, 'needed'],
    ['externalId', out.external_id],
    ['id', out.id],
    [A.name, out.name],
    [A.size, out.size_bytes],
    [A.type, out.content_type],
    [A.url, out.url],
    [A.created, out.created_at],
  ]);
  return { ...out, extra: { ...extraOf(row, ['externalId', 'id', ...Object.values(A).flat()]), ...unread } };
}

/** The filter property naming an item, by numeric id or external id [U]. */
export const itemProperty = (pick: Pick1): FilterProperty =>
  pick.kind === 'id' ? { property: 'itemId', operation: 'EQ', value: pick.value } : { property: 'itemExternalId', operation: 'EQ', value: pick.value };

export const itemIdArg = z.number().int().min(1).max(999_999_999_999).optional().describe('Numeric id of the item.');
export const itemExternalIdArg = onedeskExternalId.optional().describe('External id (UUID) of the item; instead of item_id.');
