/**
 * Every id argument of every vendor connector has the vendor's syntax and a
 * length cap (issue 18, item 1): a path-shaped, query-shaped, encoded,
 * surrogate or 100 KB "id" is refused by the tool's input schema, with the
 * argument named, before the tool runs.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorCatalog } from '../../src/registry/catalog';

const HOSTILE = ['../../x', 'abc?x=1#', '..', '.', '%2F', 'a/b', '\ud800', ' ', 'x'.repeat(100_000)];
/** Ids, and the person arguments that take an id among other forms (`user`, `users`, `employee`, `assignees`: an id, "me", a name or an email). */
const ID_KEY = /(^id$|_id$|_ids$|^ids$|^users?$|^employees?$|^assignees?$)/;

type Json = { type?: string | string[]; properties?: Record<string, Json>; items?: Json; anyOf?: Json[] };

/** Paths to every id field (an array step is the index 0). */
function idPaths(schema: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const found: (string | number)[][] = [];
  for (const branch of schema.anyOf ?? []) found.push(...idPaths(branch, prefix));
  if (schema.items) found.push(...idPaths(schema.items, [...prefix, 0]));
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, key];
    if (ID_KEY.test(key)) found.push(sub.type === 'array' || sub.items ? [...path, 0] : path);
    else found.push(...idPaths(sub, path));
  }
  return found;
}

function withValue(path: (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = withValue(rest, value);
  return typeof head === 'number' ? [inner] : { [head]: inner };
}

const cases = connectorCatalog
  .filter((m) => m.id !== 'helpdesk')
  .flatMap((m) =>
    m.tools.flatMap((tool) => {
      const json = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Json;
      return [...new Set(idPaths(json).map((p) => JSON.stringify(p)))].map((p) => [tool.name, JSON.parse(p) as (string | number)[], tool.input] as const);
    }),
  );

describe('vendor id arguments refuse what is not an id', () => {
  it('finds the id arguments of the three vendor connectors', () => {
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases.map(([name, path, input]) => [`${name} ${path.join('.')}`, path, input] as const))('%s', (_label, path, input) => {
    for (const value of HOSTILE) {
      const parsed = input.safeParse(withValue(path, value));
      const named = parsed.success ? [] : parsed.error.issues.filter((issue) => JSON.stringify(issue.path.slice(0, path.length)) === JSON.stringify(path) || JSON.stringify(issue.path) === JSON.stringify(path.slice(0, -1)));
      expect(named.length, `${JSON.stringify(value).slice(0, 20)} at ${path.join('.')}`).toBeGreaterThan(0);
    }
  });
});
