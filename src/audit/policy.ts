import type { ObjectSchema, ToolDefinition } from '../registry/types';

/**
 * Which tool arguments an audit record keeps. The trail answers "who did
 * what to which object", so it keeps what identifies the objects and the
 * kind of change (ids, dates, object names, the people a call is about, enum
 * values such as a status or a priority) and never free text (descriptions, bodies, notes, comments,
 * search queries) nor anything that could be a secret.
 *
 * Per tool: `ToolDefinition.auditArgs` lists the kept fields explicitly;
 * otherwise they are derived once from the tool's input schema by the rules
 * below. `auditPolicyFor(tool)` says which fields a tool keeps (a test walks
 * every tool), `auditArgsOf(tool, args)` applies it to one call.
 */

/** Never kept, whatever a tool declares: free text and secrets. */
const DENIED = /(^|_)(description|body|bodies|note|notes|comment|comments|text|content|message|messages|subject|summary|query|q|search|reason|details?|instructions?|html|markdown|password|passwd|secret|secrets|token|tokens|api_?key|credentials?|authorization|cookie|signature)($|_)/i;

/** Ids of objects: `id`, `ids`, `*_id`, `*_ids`. */
const ID = /(^|_)ids?$/i;

/** Dates and times: `date`, `start`, `end`, `since`, `until`, `from`, `to`, `*_date`, `*_at`, `start_*`, `end_*`, `*_time`. */
const DATE = /^(date|dates|day|start|end|since|until|from|to|week|month|year)$|_(date|dates|day|at|time|start|end|since|until|from|to)$|^(start|end)_/i;

/** Names of objects (a project's, a user's), not prose: `name`, `*_name`. */
const NAME = /(^|_)name$/i;

/**
 * People a call is about (`user`, `users`, `employee`, `assignee(s)`,
 * `person`, `member(s)`): an id, a name, `me` or an email naming the person,
 * which is whom the call acted on, so it is kept like an object's id or name.
 */
const PERSON = /^(user|users|employee|employees|assignee|assignees|person|people|member|members)$/i;

/** At most this many characters of a kept string, this many items of a kept list. */
const MAX_STRING = 200;
const MAX_ITEMS = 50;

export interface AuditArgPolicy {
  /** Argument names kept, in input-schema order. */
  fields: string[];
  /** Where they came from: the tool's own `auditArgs`, or the rules above. */
  from: 'tool' | 'default';
}

interface ZodLike {
  _zod?: { def?: { type?: string; innerType?: ZodLike; in?: ZodLike; out?: ZodLike; element?: ZodLike } };
}

/** The schema under optional/nullable/default/readonly/pipe wrappers. */
function unwrap(schema: ZodLike | undefined): ZodLike | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type ?? '')) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else break;
  }
  return current;
}

/** Enum-like values (an enum, a literal, a boolean, or a list of them) say what kind of change, never prose. */
function isClosedSet(schema: ZodLike | undefined): boolean {
  const inner = unwrap(schema);
  const type = inner?._zod?.def?.type;
  if (type === 'enum' || type === 'literal' || type === 'boolean') return true;
  if (type === 'array') return isClosedSet(inner?._zod?.def?.element);
  return false;
}

/** Whether an argument of this name and schema is kept by default. */
export function keptByDefault(name: string, schema?: unknown): boolean {
  // An id names an object, even the id of a message or a key: it is never the text or the secret itself.
  if (ID.test(name)) return true;
  if (DENIED.test(name)) return false;
  return DATE.test(name) || NAME.test(name) || PERSON.test(name) || isClosedSet(schema as ZodLike | undefined);
}

/** Whether a field may be kept at all (the bound on a tool's own `auditArgs`). */
const allowed = (name: string) => ID.test(name) || !DENIED.test(name);

const policies = new WeakMap<object, AuditArgPolicy>();

export function auditPolicyFor(tool: Pick<ToolDefinition<never, ObjectSchema, ObjectSchema>, 'input' | 'auditArgs'>): AuditArgPolicy {
  let policy = policies.get(tool);
  if (policy) return policy;
  const shape = ((tool.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}) as Record<string, unknown>;
  if (tool.auditArgs) {
    // Declared by the tool, but the deny list still wins: a secret or free text is never kept.
    policy = { fields: tool.auditArgs.filter(allowed), from: 'tool' };
  } else {
    policy = { fields: Object.keys(shape).filter((name) => keptByDefault(name, shape[name])), from: 'default' };
  }
  policies.set(tool, policy);
  return policy;
}

/** A kept value: strings cut to 200 characters, lists to 50 items of scalars; objects are dropped. */
function keptValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map(keptValue).filter((v) => v !== undefined);
    return value.length > MAX_ITEMS ? [...items, `…${value.length - MAX_ITEMS} more`] : items;
  }
  return undefined;
}

/** The arguments of one call as the audit trail keeps them (undefined when none is kept). */
export function auditArgsOf(tool: Pick<ToolDefinition<never, ObjectSchema, ObjectSchema>, 'input' | 'auditArgs'>, args: unknown): Record<string, unknown> | undefined {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const field of auditPolicyFor(tool).fields) {
    const value = keptValue((args as Record<string, unknown>)[field]);
    if (value !== undefined) kept[field] = value;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** Only the object ids among some fields (a REST answer, a tool's arguments): the records' `targets`. */
export function idsOf(values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!values) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!ID.test(name)) continue;
    const v = keptValue(value);
    if (v !== undefined && v !== null) kept[name] = v;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** The ids an answer names at its top level: `id`, `*_id`, and `{ ticket: { id } }` as `ticket_id`. Nothing else of it. */
export function answeredIds(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const id = (value as { id?: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') flat[`${name}_id`] = id;
    } else if (ID.test(name)) flat[name] = value;
  }
  return idsOf(flat);
}
