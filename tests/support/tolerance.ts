/**
 * Field mutations for the tolerant-reader tests (issue #19 item 3): each
 * top-level field of a vendor fixture item, once each way.
 */

export interface Mutation {
  field: string;
  kind: 'wrong type' | 'null' | 'missing';
  item: Record<string, unknown>;
  /** The wrong-typed value sent (for 'wrong type'): the result must still show it, read or under extra. */
  marker?: unknown;
}

/** A value of another JSON type than `value`, recognisable in a result. */
export function wrongTypeFor(value: unknown): unknown {
  return typeof value === 'string' ? 987654321 : 'deskgate-wrong-type';
}

export function* mutations(item: Record<string, unknown>): Generator<Mutation> {
  for (const field of Object.keys(item)) {
    const marker = wrongTypeFor(item[field]);
    // A null in the fixture says nothing of the field's type: no "wrong" one to send.
    if (item[field] !== null) yield { field, kind: 'wrong type', item: { ...item, [field]: marker }, marker };
    if (item[field] !== null) yield { field, kind: 'null', item: { ...item, [field]: null } };
    const { [field]: _dropped, ...rest } = item;
    yield { field, kind: 'missing', item: rest };
  }
}

/** The items of a fixture: the array itself, or the array under `key`. */
export function itemsOf(data: unknown, key?: string): Record<string, unknown>[] {
  const list = key ? (data as Record<string, unknown>)[key] : data;
  if (!Array.isArray(list)) throw new Error(`fixture has no item list${key ? ` under ${key}` : ''}`);
  return list as Record<string, unknown>[];
}

interface ToolLike {
  name: string;
  annotations: { readOnlyHint?: boolean };
}

/**
 * Which tools the mutation tests must cover, and what is wrong with a
 * coverage list: the rule is every READ tool of the connector, i.e. every
 * tool whose annotations say readOnlyHint (what the registry serves at
 * `read` access, src/registry/types.ts accessOf), and every tool named
 * `<connector>_list_*`, `_get_*` or `_report*` must be one (so a list or get
 * cannot leave the rule by being marked as a write). A read tool is either
 * covered (a mutation case runs it) or exempt with a reason; a covered or
 * exempt name that is no read tool of the connector is stale.
 */
export function coverageProblems(manifest: { id: string; tools: readonly ToolLike[] }, covered: Iterable<string>, exempt: Record<string, string>): string[] {
  const problems: string[] = [];
  const reads = new Set(manifest.tools.filter((t) => t.annotations.readOnlyHint === true).map((t) => t.name));
  const named = new RegExp(`^${manifest.id}_(list|get|report)`);
  for (const tool of manifest.tools) if (named.test(tool.name) && !reads.has(tool.name)) problems.push(`${tool.name}: named like a read tool but not read-only`);
  const done = new Set(covered);
  for (const name of reads) {
    if (done.has(name) && exempt[name]) problems.push(`${name}: both covered and exempt`);
    else if (!done.has(name) && !exempt[name]) problems.push(`${name}: a read tool with no mutation case`);
  }
  for (const name of [...done, ...Object.keys(exempt)]) if (!reads.has(name)) problems.push(`${name}: not a read tool of ${manifest.id} (stale entry)`);
  for (const [name, why] of Object.entries(exempt)) if (why.trim().length < 20) problems.push(`${name}: exempt without a reason`);
  return problems;
}

/**
 * What a user would notice of one wrong-typed field in a result: the value
 * is shown (read, or as sent under the item's `extra`), and a field the
 * tool reads (not in `extra` when well-formed) that lands under `extra`
 * is counted in `partly_read`.
 */
export function wrongTypeProblems(
  m: Mutation,
  items: readonly unknown[],
  baselineExtra: ReadonlySet<string>,
  partly: { items: number; fields: string[] } | undefined,
): string[] {
  const marker = JSON.stringify(m.marker);
  const outside = JSON.stringify(items.map((i) => (i !== null && typeof i === 'object' ? { ...i, extra: undefined } : i))).includes(marker);
  const extra = items.some((i) => JSON.stringify((i as { extra?: Record<string, unknown> } | null)?.extra?.[m.field]) === marker);
  if (!outside && !extra) return ['the raw value was lost (not read, not under extra)'];
  if (!outside && !baselineExtra.has(m.field) && !(partly && partly.items >= 1 && partly.fields.includes(m.field))) return ['unreadable, but partly_read does not count it'];
  return [];
}

/** The keys under `extra` of any of the items (what a tool passes through as unknown when nothing is odd). */
export function extraKeys(items: readonly unknown[]): Set<string> {
  return new Set(items.flatMap((i) => Object.keys((i as { extra?: Record<string, unknown> } | null)?.extra ?? {})));
}
