import { describe, expect, it } from 'vitest';
import { connectorCatalog } from '../../src/registry/catalog';

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

      it('every tool that calls the vendor relies on at least one listed assumption', () => {
        const covered = new Set(assumptions.flatMap((a) => a.tools));
        const callers = manifest.tools.filter((t) => !NO_VENDOR_CALLS.has(`${manifest.id}/${t.toolset}`)).map((t) => t.name);
        expect(callers.filter((t) => !covered.has(t))).toEqual([]);
      });
    });
  }
});
