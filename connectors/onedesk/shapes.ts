import { durationOut, readableDuration } from '../../src/format/duration';
import { z } from 'zod';
import { invalidArgument } from '../../src/errors';
import { CONNECTOR } from './errors';
import { unreadFields, type ReadField } from '../../src/vendor-http/tolerant';
import type { NamedRef } from './organization';
import { isRecord, type Row } from './vendor';
import { vendorPath, type VendorPath } from '../../src/vendor-http/path';
import { numericIdArg, uuidArg } from '../../src/vendor-http/ids';

/**
 * Parsing what OneDesk sends, leniently: its object shapes are known only
 * from third-party code [T/U], so every field is read from the names seen in
 * the wild, nothing fails on an unexpected type, and unknown fields are kept
 * under `extra`.
 */

export const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const numId = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;

/** ISO-8601 as OneDesk sends it (with its offset); epoch milliseconds become ISO UTC. */
export function isoTime(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value) && value > 1e11) return new Date(value).toISOString();
  return null;
}

export function firstOf(row: Row, keys: readonly string[]): unknown {
  for (const key of keys) if (row[key] !== undefined && row[key] !== null) return row[key];
  return undefined;
}

export function extraOf(row: Row, used: readonly string[]): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!used.includes(key) && key !== 'code') extra[key] = value;
  return extra;
}

/**
 * Fields a mapper read as null although OneDesk sent something there (an
 * unexpected shape): their raw values, for `extra`; the item counts as
 * partly read. The core's tolerant reader (src/vendor-http/tolerant.ts),
 * named for OneDesk.
 */
export const unreadIn = (row: Row, what: string, fields: readonly ReadField[]): Record<string, unknown> => unreadFields(row, fields, { vendor: CONNECTOR, what });

export const refOut = z.object({
  id: z.number().int().nullable(),
  external_id: z.string().nullable(),
  name: z.string().nullable(),
});

/** A person or project as an id, an external id, or an object carrying either and a name. */
export function toRef(raw: unknown): NamedRef | null {
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw))) return { id: numId(raw), external_id: null, name: null };
  if (typeof raw === 'string') return raw.trim() ? { id: null, external_id: raw.trim(), name: null } : null;
  if (!isRecord(raw)) return null;
  const full = [str(raw.firstName), str(raw.lastName)].filter(Boolean).join(' ');
  const ref = { id: numId(raw.id), external_id: str(raw.externalId), name: str(raw.name) ?? (full || null) ?? str(raw.email) };
  return ref.id === null && ref.external_id === null && ref.name === null ? null : ref;
}

export { durationOut, readableDuration };

/** Hours as OneDesk counts work (decimal) → whole seconds without float drift on the usual 2 decimals. */
export function hoursToDuration(hours: number): z.infer<typeof durationOut> {
  const seconds = Math.round(Math.round(hours * 1_000_000) * 0.0036);
  return { seconds, readable: readableDuration(seconds) };
}

/** Exactly one of id / external_id, as most OneDesk reads and writes accept either. */
export const onedeskId = numericIdArg();
/** OneDesk external ids are UUIDs [T O4]; anything else is refused before OneDesk is asked. */
export const onedeskExternalId = uuidArg('expected a OneDesk external id (a UUID, as the list and get tools return it)');
export const idArg = onedeskId.optional().describe('Numeric OneDesk id.');
export const externalIdArg = onedeskExternalId.optional().describe('OneDesk external id (UUID); instead of id.');

export type Pick1 = { kind: 'id'; value: number } | { kind: 'externalId'; value: string };

export function oneId(raw: { id?: number | undefined; external_id?: string | undefined }, tool: string, idField = 'id', externalField = 'external_id'): Pick1 {
  const args = { id: raw.id, external_id: raw.external_id || undefined };
  if ((args.id === undefined) === (args.external_id === undefined)) {
    throw invalidArgument(`${tool} needs exactly one of ${idField} or ${externalField}.`, {
      connector: CONNECTOR,
      fields: [{ field: idField, problem: `give ${idField} or ${externalField}, not both or neither` }],
      hint: `Pass ${idField} (number) or ${externalField} (UUID), as the onedesk_list_* tools return them.`,
    });
  }
  return args.id !== undefined ? { kind: 'id', value: args.id } : { kind: 'externalId', value: args.external_id! };
}

/** `/items/id/7` or `/items/externalId/…`, built (checked and encoded) by the core's vendorPath. */
export const byIdPath = (resource: 'items' | 'timesheets' | 'conversation-messages', pick: Pick1): VendorPath =>
  pick.kind === 'id'
    ? vendorPath(`/${resource}/id/{id}`, { id: pick.value })
    : vendorPath(`/${resource}/externalId/{external_id}`, { external_id: pick.value });
