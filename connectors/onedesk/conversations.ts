import { z } from 'zod';
import { extraOf, firstOf, isoTime, num, numId, onedeskExternalId, type Pick1, refOut, str, toRef } from './shapes';
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

function ref(id: unknown, externalId: unknown, name: unknown) {
  const r = { id: numId(id), external_id: str(externalId), name: str(name) };
  return r.id === null && r.external_id === null && r.name === null ? null : r;
}

export function toMessage(row: Row) {
  const author = toRef(firstOf(row, M.author));
  return {
    external_id: str(row.externalId),
    id: numId(row.id),
    conversation_external_id: str(firstOf(row, M.conversation)),
    item: ref(firstOf(row, M.itemId), firstOf(row, M.itemExternalId), firstOf(row, M.itemName)),
    author: author ?? ref(undefined, firstOf(row, M.authorExternalId), firstOf(row, M.authorName)),
    content: str(firstOf(row, M.content)),
    visibility: str(firstOf(row, M.visibility)),
    created_at: isoTime(firstOf(row, M.created)),
    extra: extraOf(row, ['externalId', 'id', ...Object.values(M).flat()]),
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
  return {
    external_id: str(row.externalId),
    id: numId(row.id),
    name: str(firstOf(row, A.name)),
    size_bytes: num(firstOf(row, A.size)),
    content_type: str(firstOf(row, A.type)),
    url: str(firstOf(row, A.url)),
    created_at: isoTime(firstOf(row, A.created)),
    extra: extraOf(row, ['externalId', 'id', ...Object.values(A).flat()]),
  };
}

/** The filter property naming an item, by numeric id or external id [U]. */
export const itemProperty = (pick: Pick1): FilterProperty =>
  pick.kind === 'id' ? { property: 'itemId', operation: 'EQ', value: pick.value } : { property: 'itemExternalId', operation: 'EQ', value: pick.value };

export const itemIdArg = z.number().int().min(1).max(999_999_999_999).optional().describe('Numeric id of the item.');
export const itemExternalIdArg = onedeskExternalId.optional().describe('External id (UUID) of the item; instead of item_id.');
