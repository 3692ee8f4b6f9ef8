/**
 * Tool arguments generated from a tool's input JSON Schema (as tools/list
 * publishes it), seeded so a failure can be replayed: valid values, boundary
 * values, wrong types, missing and extra keys, huge strings, control and
 * surrogate characters, deep nesting and path-shaped ids.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
};

/** mulberry32: small, fast, good enough to spread cases; the same seed gives the same calls. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids the stand-ins know, so valid calls get past the vendor's not_found now and then. */
export interface KnownIds {
  clockifyIds: string[];
  numericIds: number[];
  uuids: string[];
}

/** Strings meant to escape a path segment, a query or a parser. */
export const HOSTILE_STRINGS: readonly string[] = [
  '../../x',
  '..',
  '.',
  '%2F',
  '%2e%2e',
  'a/b',
  'abc?x=1#',
  '#frag',
  '?q=1',
  '\\..\\x',
  '\ud800',
  'x\udfff',
  '\u0000',
  'a\r\nX-Injected: 1',
  '\u202e',
  ' ',
  '',
  '😀',
  "' OR 1=1 --",
  '<script>x</script>',
  '${jndi:ldap://x}',
  '64a687e29ae1f428e7ebe303/../x',
  '64a687e29ae1f428e7ebe303?x=1',
];

export type CaseKind = 'valid' | 'boundary' | 'wrong_type' | 'missing' | 'extra' | 'hostile' | 'huge' | 'nested' | 'not_object';
const KINDS: CaseKind[] = ['valid', 'valid', 'boundary', 'wrong_type', 'missing', 'extra', 'hostile', 'hostile', 'huge', 'nested', 'not_object'];

export class ArgumentGenerator {
  constructor(
    private readonly random: () => number,
    private readonly known: KnownIds,
  ) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
  private chance(p: number) {
    return this.random() < p;
  }
  private int(min: number, max: number) {
    return Math.floor(min + this.random() * (max - min + 1));
  }

  /** One call's arguments and what kind of case it is. */
  next(schema: JsonSchema): { kind: CaseKind; args: unknown } {
    const kind = this.pick(KINDS);
    const base = this.validObject(schema);
    const keys = Object.keys(schema.properties ?? {});
    const target = keys.length ? this.pick(keys) : undefined;
    const prop = target ? schema.properties![target]! : undefined;
    switch (kind) {
      case 'valid':
        return { kind, args: base };
      case 'boundary':
        if (target && prop) base[target] = this.boundary(prop);
        return { kind, args: base };
      case 'wrong_type':
        if (target && prop) base[target] = this.wrongType(prop);
        return { kind, args: base };
      case 'missing': {
        const required = schema.required ?? [];
        if (required.length) delete base[this.pick(required)];
        else if (target) delete base[target];
        return { kind, args: base };
      }
      case 'extra':
        base[this.pick(['extra', '__proto__', 'constructor', 'user_id_override', 'x'.repeat(300)])] = this.pick<unknown>(['x', 1, null, {}, []]);
        return { kind, args: base };
      case 'hostile': {
        // Ids first: they are what reaches a vendor path.
        const idKeys = keys.filter((k) => /(^id$|_id$|_ids$)/.test(k));
        const key = idKeys.length && this.chance(0.7) ? this.pick(idKeys) : target;
        if (key) {
          const value = this.pick(HOSTILE_STRINGS);
          base[key] = schema.properties![key]!.type === 'array' ? [value] : value;
        }
        return { kind, args: base };
      }
      case 'huge':
        if (target) base[target] = this.pick(['7'.repeat(100_000), 'é'.repeat(50_000), 'a\u0000'.repeat(20_000)]);
        return { kind, args: base };
      case 'nested': {
        let deep: unknown = this.pick<unknown>(['x', 1, null]);
        const depth = this.pick([50, 200, 1_000]);
        for (let i = 0; i < depth; i++) deep = this.chance(0.5) ? [deep] : { a: deep };
        if (target) base[target] = deep;
        else base.nested = deep;
        return { kind, args: base };
      }
      case 'not_object':
        return { kind, args: this.pick<unknown>([null, [], 'args', 42, true, [base]]) };
    }
  }

  validObject(schema: JsonSchema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      if (required.has(key) || this.chance(0.35)) out[key] = this.valid(prop, key, 0);
    }
    return out;
  }

  valid(schema: JsonSchema, key: string, depth: number): unknown {
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches?.length) return this.valid(this.pick(branches), key, depth);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum?.length) return this.pick(schema.enum);
    const type = Array.isArray(schema.type) ? this.pick(schema.type.filter((t) => t !== 'null').length ? schema.type.filter((t) => t !== 'null') : schema.type) : schema.type;
    switch (type) {
      case 'integer':
      case 'number': {
        if (/(^id$|_id$)/.test(key) && this.chance(0.6)) return this.pick(this.known.numericIds);
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(min + 100, 100));
        const n = this.int(Math.ceil(min), Math.floor(Math.min(max, min + 1000)));
        return type === 'integer' ? n : n + (this.chance(0.3) ? 0.25 : 0);
      }
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const min = schema.minItems ?? 0;
        const max = Math.min(schema.maxItems ?? 3, min + 3);
        return Array.from({ length: this.int(min, Math.max(min, max)) }, () => this.valid(schema.items ?? {}, key, depth + 1));
      }
      case 'object':
        return depth > 4 ? {} : this.validObject(schema);
      case 'string':
        return this.validString(schema, key);
      default:
        return this.pick<unknown>(['x', 1, true]);
    }
  }

  private validString(schema: JsonSchema, key: string): string {
    if (/(^id$|_id$|_ids$)/.test(key)) {
      if (/external/.test(key)) return this.pick(this.known.uuids);
      return this.chance(0.8) ? this.pick(this.known.clockifyIds) : this.pick(this.known.uuids);
    }
    if (/(^|_)(start|end|date|from|to|since|until|day)$/.test(key)) {
      return this.pick(['2024-03-15', 'today', 'yesterday', 'this_week', 'last_month', '2024-03-15T09:00:00+01:00', '2026-11-02']);
    }
    if (/email/.test(key)) return this.pick(['alice@example.com', 'nobody@example.test']);
    if (/(url|uri)$/.test(key)) return this.pick(['https://hooks.example.com/x', 'http://127.0.0.1:1/x']);
    if (/(duration|hours|time)$/.test(key)) return this.pick(['1h', '30m', 'PT1H', '01:30']);
    if (/^(user|users|assignee|employee|member)$/.test(key)) return this.pick(['me', 'Alice Moreau', 'alice@example.com']);
    const min = schema.minLength ?? 1;
    const max = schema.maxLength ?? 40;
    const word = this.pick(['Acme', 'Design', 'Printer on floor 2 jams', 'weekly sync', 'x', 'Ünïcode ✓', 'HD-2026-000001']);
    let s = word.slice(0, max);
    while (s.length < min) s += 'x';
    return s;
  }

  boundary(schema: JsonSchema): unknown {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'integer' || type === 'number') {
      return this.pick<unknown>([
        schema.minimum ?? 0,
        schema.maximum ?? Number.MAX_SAFE_INTEGER,
        (schema.minimum ?? 0) - 1,
        (schema.maximum ?? Number.MAX_SAFE_INTEGER) + 1,
        -0,
        1e308,
        -1e308,
        0.5,
        2 ** 53,
      ]);
    }
    if (type === 'string') {
      const max = schema.maxLength ?? 256;
      return this.pick(['', 'x'.repeat(max), 'x'.repeat(max + 1), ' '.repeat(3), '0']);
    }
    if (type === 'array') {
      const max = schema.maxItems ?? 100;
      return this.pick<unknown>([[], Array.from({ length: Math.min(max + 1, 5_000) }, () => this.valid(schema.items ?? {}, 'item', 1))]);
    }
    return this.wrongType(schema);
  }

  wrongType(schema: JsonSchema): unknown {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    const candidates: unknown[] = ['1', 1, 1.5, true, null, [], {}, ['x'], { id: 1 }, 'NaN', '-1'];
    return this.pick(candidates.filter((c) => typeof c !== type && !(type === 'array' && Array.isArray(c))));
  }
}
