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
