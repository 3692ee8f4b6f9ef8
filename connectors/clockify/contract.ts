import { readFileSync } from 'node:fs';

/**
 * The contract check: every request the connector sends must be a method
 * and path that exists in Clockify's official OpenAPI or the live-probed
 * corrected one, using only the query parameter names (and, where the spec
 * describes an object body, the top-level body fields) that spec documents.
 *
 * The two specs (1.7 MB) live outside the repository, so their routes are
 * distilled into `spec-routes.json` by `buildRouteIndex` (regenerate with
 * `npx tsx connectors/clockify/contract.ts <official.json> <corrected.json>`).
 * The test stub runs `checkContract` on every request it receives.
 */

export interface SpecRoute {
  method: string;
  /** Relative to `…/v1` on either host, with `{param}` segments. */
  path: string;
  query: string[];
  /** Top-level JSON body fields; null when the spec gives no object schema. */
  body: string[] | null;
  specs: string[];
}

type Json = Record<string, unknown>;

function resolve(spec: Json, node: unknown, depth = 0): Json | undefined {
  if (!node || typeof node !== 'object' || depth > 10) return undefined;
  const n = node as Json;
  if (typeof n.$ref === 'string') {
    const target = n.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Json)[key] : undefined), spec);
    return resolve(spec, target, depth + 1);
  }
  return n;
}

function bodyFields(spec: Json, schema: unknown, depth = 0): string[] | null {
  const s = resolve(spec, schema);
  if (!s || depth > 5) return null;
  if (s.type === 'array') return bodyFields(spec, s.items, depth + 1);
  const names = new Set<string>();
  let known = false;
  if (s.properties && typeof s.properties === 'object') {
    known = true;
    for (const k of Object.keys(s.properties)) names.add(k);
  }
  for (const part of [...((s.allOf as unknown[]) ?? []), ...((s.oneOf as unknown[]) ?? []), ...((s.anyOf as unknown[]) ?? [])]) {
    const sub = bodyFields(spec, part, depth + 1);
    if (sub === null) return null;
    known = true;
    for (const k of sub) names.add(k);
  }
  if (s.additionalProperties && s.additionalProperties !== false) return null;
  return known ? [...names].sort() : null;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Distils the specs (official: `/v1/…` paths; corrected: paths under servers ending in `/v1`) into one route list. */
export function buildRouteIndex(specs: { name: string; spec: Json }[]): SpecRoute[] {
  const byKey = new Map<string, SpecRoute>();
  for (const { name, spec } of specs) {
    const paths = (spec.paths ?? {}) as Record<string, Json>;
    for (const [rawPath, item] of Object.entries(paths)) {
      const path = rawPath.replace(/^\/v1(?=\/)/, '').replace(/\{[^}]+\}/g, '{}');
      const shared = ((item.parameters as unknown[]) ?? []).map((p) => resolve(spec, p)).filter(Boolean) as Json[];
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const params = [...shared, ...(((op.parameters as unknown[]) ?? []).map((p) => resolve(spec, p)).filter(Boolean) as Json[])];
        const query = params.filter((p) => p.in === 'query').map((p) => String(p.name));
        const content = (resolve(spec, op.requestBody)?.content ?? {}) as Record<string, Json>;
        const json = content['application/json'];
        const body = json ? bodyFields(spec, json.schema) : [];
        const key = `${method.toUpperCase()} ${path}`;
        const existing = byKey.get(key);
        if (existing) {
          existing.query = [...new Set([...existing.query, ...query])].sort();
          existing.body = existing.body === null || body === null ? null : [...new Set([...existing.body, ...body])].sort();
          existing.specs.push(name);
        } else {
          byKey.set(key, { method: method.toUpperCase(), path, query: [...new Set(query)].sort(), body, specs: [name] });
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
}

let cached: SpecRoute[] | undefined;
export function specRoutes(): SpecRoute[] {
  cached ??= JSON.parse(readFileSync(new URL('./spec-routes.json', import.meta.url), 'utf8')) as SpecRoute[];
  return cached;
}

function matches(template: string, path: string): boolean {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((seg, i) => seg === '{}' ? p[i] !== '' : seg === p[i]);
}

/**
 * Problems with one request (empty when it fits a spec). `path` is relative
 * to the host's `/v1` base, without the query string.
 */
export function checkContract(
  request: { method: string; path: string; query?: Record<string, unknown>; body?: unknown },
  routes: SpecRoute[] = specRoutes(),
): string[] {
  const method = request.method.toUpperCase();
  const path = request.path.replace(/\/$/, '');
  const candidates = routes.filter((r) => r.method === method && matches(r.path, path));
  if (!candidates.length) return [`${method} ${path}: no such route in the official or corrected Clockify spec`];
  // Prefer the most literal template (fewest params) when several match.
  candidates.sort((a, b) => a.path.split('{}').length - b.path.split('{}').length);
  const route = candidates[0]!;
  const problems: string[] = [];
  for (const name of Object.keys(request.query ?? {})) {
    if (!route.query.includes(name)) problems.push(`${method} ${route.path}: query parameter "${name}" is not documented (known: ${route.query.join(', ') || 'none'})`);
  }
  const body = request.body;
  const objects = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  if (route.body !== null) {
    for (const item of objects) {
      if (!item || typeof item !== 'object') continue;
      for (const key of Object.keys(item as object)) {
        if (!route.body.includes(key)) problems.push(`${method} ${route.path}: body field "${key}" is not documented (known: ${route.body.join(', ')})`);
      }
    }
  }
  return problems;
}

// CLI: regenerate spec-routes.json from the two spec files.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!) && process.argv.length === 4) {
  const [official, corrected] = process.argv.slice(2) as [string, string];
  const index = buildRouteIndex([
    { name: 'official', spec: JSON.parse(readFileSync(official, 'utf8')) as Json },
    { name: 'corrected', spec: JSON.parse(readFileSync(corrected, 'utf8')) as Json },
  ]);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('./spec-routes.json', import.meta.url), `${JSON.stringify(index, null, 1)}\n`);
  console.log(`${index.length} routes`);
}
