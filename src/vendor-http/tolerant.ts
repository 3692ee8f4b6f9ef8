import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import type { Logger } from '../observability/logger';
import type { ObjectSchema, ToolDefinition } from '../registry/types';

/**
 * Tolerant readers for vendor answers (issue #19 item 3). A list or get
 * never drops an item, and never fails the call, because one field has an
 * unexpected shape or is missing:
 *
 * - a field the tool reads (a key of the vendor schema) that does not match
 *   is read as absent (null where the schema requires it), its raw value is
 *   kept for `extra` (`unreadableOf`), and the log says so once per field per
 *   process (never the value: it may be personal data);
 * - such an item counts as partly read for the tool call, and the result
 *   says how many (`partly_read`, added by `withReadReport` in the manifest).
 *
 * Unknown fields pass through (the vendor schemas are loose objects) and
 * the connectors' `extra` helpers add `unreadableOf(item)` to them.
 */

/**
 * Where an item read here keeps the raw values of the fields it could not
 * read: a symbol key, so Object.keys, entries and JSON never see it, while
 * a spread (`{ ...item }`) keeps it.
 */
const UNREADABLE = Symbol('deskgate.unreadable');

/** The raw values of the fields a tolerant read could not read, by field name (for `extra`). */
export function unreadableOf(item: unknown): Record<string, unknown> {
  if (item === null || typeof item !== 'object') return {};
  return ((item as Record<symbol, unknown>)[UNREADABLE] as Record<string, unknown> | undefined) ?? {};
}

/** `extra` on outputs that have none of their own: present only when a field could not be read. */
export const unreadableOut = z.record(z.string(), z.unknown()).optional().describe('Fields the vendor sent in a shape the gateway could not read, as sent (only then).');

/** `{ extra }` with the raw values of the fields that could not be read, or nothing: for outputs that have no `extra` of their own. */
export function unreadableExtra(item: unknown, secret: readonly string[] = []): { extra?: Record<string, unknown> } {
  const kept = Object.fromEntries(Object.entries(unreadableOf(item)).filter(([k]) => !secret.includes(k)));
  return Object.keys(kept).length ? { extra: kept } : {};
}

/** Fields of `raw` not in `known`, plus the ones that were in `known` but could not be read (raw, as sent). */
export function extraWithUnreadable(raw: Record<string, unknown>, known: readonly string[], skip: readonly string[] = []): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!known.includes(key) && !skip.includes(key)) extra[key] = value;
  return { ...extra, ...unreadableOf(raw) };
}

interface ReadReport {
  items: number;
  fields: Set<string>;
  /** The tool call's log: where warnings go when the reader was given none. */
  log?: Logger;
}

const calls = new AsyncLocalStorage<ReadReport>();
const warned = new Set<string>();

/** For tests: forget which fields were already warned about. */
export function resetReadWarnings() {
  warned.clear();
}

export interface ReadOptions {
  /** e.g. "clockify": prefixes the warning key and the log line. */
  vendor: string;
  /** What the item is, e.g. "user group": names it in the log. */
  what: string;
  log?: Logger;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The schema under optional/nullable/default/catch wrappers. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 8; i++) {
    const def = (s as { def?: { type?: string; innerType?: z.ZodType } }).def;
    if (def?.innerType && ['optional', 'nullable', 'default', 'catch', 'prefault', 'nonoptional', 'readonly'].includes(def.type ?? '')) s = def.innerType;
    else break;
  }
  return s;
}

/** The schema without its `.catch()`: a field that silently fell back is still unreadable here. */
function withoutCatch(schema: z.ZodType): z.ZodType {
  const def = (schema as { def?: { type?: string; innerType?: z.ZodType } }).def;
  return def?.type === 'catch' && def.innerType ? def.innerType : schema;
}

function note(options: ReadOptions, field: string) {
  calls.getStore()?.fields.add(field);
  const key = `${options.vendor}:${options.what}.${field}`;
  if (warned.has(key)) return;
  warned.add(key);
  if (warned.size > 10_000) warned.clear();
  (options.log ?? calls.getStore()?.log)?.warn(
    { connector: options.vendor, item: options.what, field },
    `${options.vendor} sent a ${options.what} whose "${field}" has an unexpected shape or is missing: read as empty, the raw value is under extra (warned once per field)`,
  );
}

/**
 * For connectors that read vendor rows by hand (OneDesk): these fields of
 * one item were sent but could not be read. Warns once per field, and the
 * item counts as partly read in the call's result.
 */
export function reportUnreadable(options: ReadOptions, fields: readonly string[]) {
  if (!fields.length) return;
  for (const field of fields) note(options, field);
  const report = calls.getStore();
  if (report) report.items += 1;
}

/**
 * One field of a row a connector reads by hand: the row keys it may come
 * from (the first one sent counts), what the mapper read there (null when it
 * could not), and whether the tool needs it (then absent counts as unreadable
 * too, under the first key's name).
 */
export type ReadField = readonly [keys: readonly string[] | string, read: unknown, needed?: 'needed'];

/**
 * For connectors that read vendor rows by hand rather than through a schema
 * (OneDesk, whose shapes are known only from third-party code): the fields a
 * mapper read as null although the vendor sent something there, by the key
 * it was sent under, with their raw values (for `extra`). Each is warned
 * once per field per process, and the item counts as partly read (as does
 * one missing a needed field) in the call's result.
 */
export function unreadFields(row: Record<string, unknown>, fields: readonly ReadField[], options: ReadOptions): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [keys, read, needed] of fields) {
    if (read !== null && read !== undefined) continue;
    const list = typeof keys === 'string' ? [keys] : keys;
    const key = list.find((k) => row[k] !== undefined && row[k] !== null);
    if (key !== undefined) kept[key] = row[key];
    else if (needed && list[0] !== undefined) missing.push(list[0]);
  }
  reportUnreadable(options, [...Object.keys(kept), ...missing]);
  return kept;
}

/**
 * One vendor object read field by field against a loose object schema:
 * every readable field as the schema parses it, every other field absent
 * (or null when required), unknown fields as sent. Nested objects and arrays
 * of objects are read the same way. Returns undefined only when `raw` is
 * not an object at all.
 */
export function readObject<S extends z.ZodObject>(schema: S, raw: unknown, options: ReadOptions): z.infer<S> | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { value, unreadable } = readFields(schema, raw, options, '');
  if (unreadable) {
    const report = calls.getStore();
    if (report) report.items += 1;
  }
  return value as z.infer<S>;
}

/** Items of a list, none dropped for a field; an entry that is not an object at all is skipped (and counted). */
export function readList<S extends z.ZodObject>(schema: S, raw: unknown[], options: ReadOptions): z.infer<S>[] {
  const items: z.infer<S>[] = [];
  for (const entry of raw) {
    const item = readObject(schema, entry, options);
    if (item !== undefined) items.push(item);
    else {
      note(options, '(entry not an object)');
      const report = calls.getStore();
      if (report) report.items += 1;
    }
  }
  return items;
}

function readFields(schema: z.ZodObject, raw: Record<string, unknown>, options: ReadOptions, prefix: string): { value: Record<string, unknown>; unreadable: boolean } {
  const out: Record<string, unknown> = { ...raw };
  const kept: Record<string, unknown> = {};
  let unreadable = false;
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = raw[key];
    const strict = withoutCatch(field).safeParse(value);
    if (strict.success) {
      if (strict.data === undefined) delete out[key];
      else out[key] = strict.data;
      continue;
    }
    const inner = core(field);
    const optional = field.safeParse(undefined).success;
    // A missing optional field is not a surprise: the vendor may leave it out.
    if (value === undefined && optional) {
      delete out[key];
      continue;
    }
    unreadable = true;
    note(options, prefix + key);
    if (value !== undefined) kept[key] = value;
    if (inner instanceof z.ZodObject && (isPlainObject(value) || !optional)) {
      // An object read as far as it goes (or, when required, an empty one), so mappers can still read its parts.
      out[key] = readFields(inner, isPlainObject(value) ? value : {}, options, `${prefix}${key}.`).value;
      continue;
    }
    if (inner instanceof z.ZodArray && Array.isArray(value)) {
      const element = core(inner.element as z.ZodType);
      out[key] = value.flatMap((entry) => {
        if (element instanceof z.ZodObject) return isPlainObject(entry) ? [readFields(element, entry, options, `${prefix}${key}[].`).value] : [];
        const parsed = (inner.element as z.ZodType).safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      });
      continue;
    }
    if (optional) delete out[key];
    else out[key] = field.safeParse(null).success ? field.parse(null) : null;
  }
  if (Object.keys(kept).length) Object.defineProperty(out, UNREADABLE, { value: kept, enumerable: true });
  return { value: out, unreadable };
}

// ---------------------------------------------------------------------------
// Saying so in the result

export const partlyReadOut = z
  .object({
    items: z.number().int().min(1),
    fields: z.array(z.string()),
    note: z.string(),
  })
  .describe('Present when some items had fields in an unexpected shape: they are kept, those fields are empty and their raw values are under extra.');

/**
 * Adds `partly_read` to a connector's tools (applied once in the manifest,
 * beside withActedAs): the handler runs with a fresh read report, and a
 * result with items read only in part says how many and which fields.
 */
export function withReadReport<Runtime>(tools: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[]): ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[] {
  return tools.map((tool) => ({
    ...tool,
    output: tool.output.extend({ partly_read: partlyReadOut.optional() }) as unknown as ObjectSchema,
    handler: async (args, ctx) => {
      const report: ReadReport = { items: 0, fields: new Set(), log: ctx.log };
      const out = (await calls.run(report, () => tool.handler(args, ctx))) as Record<string, unknown>;
      if (!report.items) return out;
      const fields = [...report.fields].sort();
      return {
        ...out,
        partly_read: {
          items: report.items,
          fields,
          note: `${report.items} item(s) had ${fields.join(', ')} in a shape the gateway does not know: they are kept, with those fields empty (null) and the raw values under extra (an entry that is not an object at all cannot be shown). Do not read the empty fields as facts.`,
        },
      };
    },
  }));
}
