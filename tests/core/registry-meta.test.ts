import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolTableMarkdown } from '../../src/cli/tables';
import { connectorCatalog } from '../../src/registry/catalog';
import { MAX_TOOL_NAME_LENGTH, TOOL_NAME_PATTERN, ToolRegistry, validateManifest } from '../../src/registry/registry';

const root = join(import.meta.dirname, '..', '..');
const allTools = connectorCatalog.flatMap((m) => m.tools.map((tool) => ({ connector: m.id, tool })));

describe('every real connector declares its tools well', () => {
  it('passes the registry checks', () => {
    for (const manifest of connectorCatalog) expect(validateManifest(manifest), manifest.id).toEqual([]);
  });

  it('has unique, well-formed names', () => {
    const names = allTools.map((t) => t.tool.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(TOOL_NAME_PATTERN);
      expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
    }
  });

  describe.each(allTools.map((t) => [t.tool.name, t] as const))('%s', (_name, { connector, tool }) => {
    it('sets all four annotations as booleans', () => {
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof tool.annotations[hint], hint).toBe('boolean');
      }
    });

    it('has a description for the model within the length budget, with an example call', () => {
      expect(tool.description.length).toBeGreaterThanOrEqual(80);
      expect(tool.description.length).toBeLessThanOrEqual(1600);
      expect(tool.description).toMatch(new RegExp(`Example[^\\n]*${tool.name}`));
    });

    it('describes every input field', () => {
      const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { description?: string }> };
      for (const [field, spec] of Object.entries(schema.properties ?? {})) {
        expect(spec.description, `${tool.name}.${field}`).toBeTruthy();
      }
    });

    it('rejects arguments it does not know, so a misspelt field is reported, not ignored', () => {
      const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as { additionalProperties?: unknown };
      expect(schema.additionalProperties).toBe(false);
    });

    it('declares an object output schema', () => {
      const schema = z.toJSONSchema(tool.output, { io: 'output', unrepresentable: 'any' }) as { type?: string };
      expect(schema.type).toBe('object');
    });

    it('has its own test file beside it', () => {
      const testFile = join(root, 'connectors', connector, 'tools', `${tool.name}.test.ts`);
      expect(existsSync(testFile), testFile).toBe(true);
      expect(readFileSync(testFile, 'utf8')).toContain(tool.name);
    });
  });
});

describe('the README tool table', () => {
  it('is the one generated from the registry (npx deskgate tools --all --markdown)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const match = /<!-- tools:start -->\n([\s\S]*?)\n<!-- tools:end -->/.exec(readme);
    expect(match, 'README.md needs <!-- tools:start --> … <!-- tools:end --> markers').toBeTruthy();
    expect(match![1]).toBe(toolTableMarkdown(connectorCatalog));
  });
});

describe('.env.example', () => {
  it('lists every variable a connector reads', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const manifest of connectorCatalog) {
      for (const variable of manifest.env) expect(example, variable.name).toMatch(new RegExp(`^#?\\s*${variable.name}=`, 'm'));
    }
  });
});

describe('the committed tool schema snapshot', () => {
  it('matches what tools/list serves, so every schema change shows up in review', async () => {
    const registry = new ToolRegistry(
      connectorCatalog.map((manifest) => ({ manifest, config: {}, common: { access: 'full' as const, toolsets: undefined, baseUrl: undefined, timeoutMs: 1, minRole: 'user' as const, credentials: 'shared' as const } })),
      false,
    );
    const listing = registry.listFor({ user: { id: 'snapshot', email: 'snapshot@example.test', name: 'snapshot', role: 'admin' }, key: { id: 'snapshot', name: 'snapshot', connectors: undefined, readOnly: false } });
    await expect(`${JSON.stringify(listing, null, 2)}\n`).toMatchFileSnapshot('./tool-schemas.snapshot.json');
  });
});
