import { unreadFields } from '../../../src/vendor-http/tolerant';
/**
 * Entity change feeds (`/entities/created|updated|deleted`, experimental at
 * Clockify): the `type` enum in the model's words mapped to Clockify's
 * document codes, and each changed document reduced to type, id, name where
 * it has one, and the time of the change, with small scalar fields kept.
 */
import { z } from 'zod';

/** Model-facing type → Clockify document code (official spec's eight first, then the corrected spec's). */
export const CHANGE_TYPES = {
  time_entry: 'TIME_ENTRY',
  project: 'PROJECTS',
  client: 'CLIENTS',
  tag: 'TAGS',
  task: 'TASKS',
  assignment: 'SCHEDULED_ASSIGNMENT',
  time_entry_rate: 'TIME_ENTRY_RATE',
  time_entry_custom_field_value: 'TIME_ENTRY_CUSTOM_FIELD_VALUE',
  holiday: 'HOLIDAYS',
  user: 'USER',
  user_group: 'USER_GROUPS',
  invoice: 'INVOICES',
  approval_request: 'APPROVAL_REQUESTS',
  time_off_request: 'TIME_OFF_REQUEST',
  custom_field: 'CUSTOM_FIELDS',
} as const;
export type ChangeType = keyof typeof CHANGE_TYPES;
const CHANGE_TYPE_NAMES = Object.keys(CHANGE_TYPES) as [ChangeType, ...ChangeType[]];
const BY_CODE = new Map<string, ChangeType>(Object.entries(CHANGE_TYPES).map(([k, v]) => [v, k as ChangeType]));

export const changeTypeArg = z
  .enum(CHANGE_TYPE_NAMES)
  .describe('Kind of entity: time_entry, project, client, tag, task, assignment, time_entry_rate, … (one per call).');

export type ChangeKind = 'created' | 'updated' | 'deleted';

export const changedEntityOut = z.object({
  type: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable().describe('Name, or a time entry description; null when the entity has none.'),
  changed_at: z.string().nullable().describe('When it was created, updated or deleted (ISO with offset, your zone).'),
  extra: z.record(z.string(), z.unknown()).describe('Other short fields of the entity, as Clockify sent them, and any field it sent in a shape the gateway could not read.'),
});
export type ChangedEntity = z.infer<typeof changedEntityOut>;

const SKIP = new Set(['id', '_id', 'name', 'description', 'documentCode', 'documentType', 'auditMetadata', 'deletedAt', 'document', 'workspaceId']);
const MAX_EXTRA_TEXT = 200;

/** The list inside a change-feed answer: a bare array, or `{response: [...]}` (the deleted feed in the official spec). */
export function changeDocuments(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  const inner = (body as { response?: unknown } | null)?.response;
  return Array.isArray(inner) ? inner : undefined;
}

export function toChangedEntity(
  raw: unknown,
  kind: ChangeKind,
  requested: ChangeType,
  formatInstant: (iso: string) => string | null,
): ChangedEntity | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const outer = raw as Record<string, unknown>;
  // Deleted records wrap the entity: {id (of the record), deletedAt, documentCode, document}.
  const doc = (kind === 'deleted' && outer.document && typeof outer.document === 'object' ? outer.document : outer) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const code = text(outer.documentCode) ?? text(outer.documentType);
  const audit = (outer.auditMetadata ?? doc.auditMetadata ?? {}) as Record<string, unknown>;
  const when =
    kind === 'deleted' ? text(outer.deletedAt) : kind === 'created' ? text(audit.createdAt) : (text(audit.updatedAt) ?? text(audit.createdAt));
  const extra: ChangedEntity['extra'] = {};
  for (const [key, value] of Object.entries(doc)) {
    if (SKIP.has(key)) continue;
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) extra[key] = value;
    else if (typeof value === 'string' && value.length <= MAX_EXTRA_TEXT) extra[key] = value;
    else if (key === 'timeInterval' && value && typeof value === 'object') {
      const ti = value as Record<string, unknown>;
      if (text(ti.start)) extra.start = formatInstant(ti.start as string);
      if (text(ti.end)) extra.end = formatInstant(ti.end as string);
    }
  }
  const id = text(doc.id) ?? text(doc._id) ?? text(outer.id);
  const name = text(doc.name) ?? text(doc.description);
  // Fields read but not readable: kept as sent under extra, counted in partly_read (the core's tolerant reader).
  const seen = { ...doc, id: doc.id ?? outer.id, documentCode: outer.documentCode, deletedAt: outer.deletedAt, auditMetadata: outer.auditMetadata ?? doc.auditMetadata, document: outer.document };
  const unread = unreadFields(
    seen,
    [
      [['id', '_id'], id, 'needed'],
      [['name', 'description'], name],
      [['documentCode', 'documentType'], code],
      ['timeInterval', doc.timeInterval === undefined || (typeof doc.timeInterval === 'object' && !Array.isArray(doc.timeInterval)) ? true : null],
      [kind === 'deleted' ? 'deletedAt' : 'auditMetadata', when],
      ...(kind === 'deleted' ? [['document', doc === outer ? null : doc] as const] : []),
    ],
    { vendor: 'clockify', what: `${kind} entity` },
  );
  return {
    type: (code && BY_CODE.get(code)) ?? requested,
    id,
    name,
    changed_at: when ? formatInstant(when) : null,
    extra: { ...extra, ...unread },
  };
}
