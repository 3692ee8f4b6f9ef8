import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_PROPERTIES } from '../../connectors/onedesk/vendor';
import { connectorCatalog } from '../../src/registry/catalog';

const root = join(import.meta.dirname, '..', '..');
/** A route template with its parameters blanked: /workspaces/{workspace_id}/tags → /workspaces/{}/tags. */
const norm = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

/**
 * Every vendor route a connector's code names (`vendorPath('…')`, the one
 * way a path is built), by the file that names it: outside tests and the
 * assumption list itself.
 */
function routesIn(connector: string): { route: string; file: string }[] {
  const out: { route: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('test') && entry.name !== 'assumptions.ts') {
        for (const m of readFileSync(full, 'utf8').matchAll(/vendorPath\(\s*'([^']+)'/g)) out.push({ route: norm(m[1]!), file: full });
      }
    }
  };
  walk(join(root, 'connectors', connector));
  return out;
}

/** Routes built from a variable, which no literal names: OneDesk's by-id paths (shapes.ts byIdPath) and filter paths (vendor.ts). */
const DYNAMIC_ROUTES: Record<string, string[]> = {
  onedesk: [
    ...['items', 'timesheets', 'conversation-messages'].flatMap((r) => [`/${r}/id/{}`, `/${r}/externalId/{}`]).filter((r) => r !== '/conversation-messages/id/{}'),
    ...Object.keys(FILTER_PROPERTIES).map((r) => `/${r}/filter/details`),
  ],
};

/** Toolsets whose tools never call the vendor (OneDesk's delete refusals answer without a request). */
const NO_VENDOR_CALLS = new Set(['onedesk/delete']);

describe('vendor assumptions as data', () => {
  const withVendor = connectorCatalog.filter((m) => m.defaultBaseUrl !== undefined);

  it('every connector with a vendor lists its assumptions', () => {
    expect(withVendor.map((m) => m.id).sort()).toEqual(['clockify', 'desktime', 'onedesk']);
    for (const m of withVendor) expect(m.assumptions?.length, m.id).toBeGreaterThan(3);
  });

  for (const manifest of withVendor) {
    describe(manifest.id, () => {
      const assumptions = manifest.assumptions ?? [];

      it('names only real tools, each assumption once, each with a confidence, evidence and a check', () => {
        const names = new Set(manifest.tools.map((t) => t.name));
        expect(new Set(assumptions.map((a) => a.id)).size).toBe(assumptions.length);
        for (const a of assumptions) {
          for (const tool of a.tools) expect(names.has(tool), `${a.id} names ${tool}`).toBe(true);
          expect(['confirmed', 'likely', 'unknown']).toContain(a.confidence);
          expect(a.evidence.length, a.id).toBeGreaterThan(5);
          expect(typeof a.check, a.id).toBe('function');
        }
      });

      it('every vendor route the code calls is named by an assumption, and one that a tool calls from its own file lists that tool', () => {
        const covered = assumptions.flatMap((a) => (a.covers ?? []).map((c) => ({ route: norm(c.replace(/^[A-Z]+ /, '').replace(/ property .*$/, '')), tools: a.tools })));
        const routes = [...routesIn(manifest.id), ...(DYNAMIC_ROUTES[manifest.id] ?? []).map((route) => ({ route, file: '' }))].filter((r) => r.route !== '/items/id/1');
        expect(routes.length).toBeGreaterThan(3);
        const unnamed = [...new Set(routes.filter((r) => !covered.some((c) => c.route === r.route)).map((r) => r.route))];
        expect(unnamed, 'routes no assumption covers').toEqual([]);
        const tools = new Set(manifest.tools.map((t) => t.name));
        const unlisted = routes
          .filter((r) => tools.has(basename(r.file, '.ts')))
          .filter((r) => !covered.some((c) => c.route === r.route && c.tools.includes(basename(r.file, '.ts'))))
          .map((r) => `${basename(r.file, '.ts')} calls ${r.route}`);
        expect([...new Set(unlisted)], 'tools relying on an assumption that does not list them').toEqual([]);
      });

      it('every tool that calls the vendor relies on at least one listed assumption', () => {
        const covered = new Set(assumptions.flatMap((a) => a.tools));
        const callers = manifest.tools.filter((t) => !NO_VENDOR_CALLS.has(`${manifest.id}/${t.toolset}`)).map((t) => t.name);
        expect(callers.filter((t) => !covered.has(t))).toEqual([]);
      });
    });
  }
});
