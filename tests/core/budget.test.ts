import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetMarkdown } from '../../src/cli/tables';
import type { Principal } from '../../src/auth/types';
import { loadConfig } from '../../src/config/config';
import { listingSize, modelVisibleText, o200kTokenizer, surfaceBudget } from '../../src/registry/budget';
import { connectorCatalog } from '../../src/registry/catalog';
import { stripSchemaNoise, ToolRegistry } from '../../src/registry/registry';

/** The budget for the default surface a staff key sees with every connector configured. */
const MAX_TOOLS = 40;
const MAX_TOKENS = 12_000;

/** Every connector of the catalog configured the way an operator starts: its required variables (API keys) set, nothing else. */
function everyConnectorConfigured(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const manifest of connectorCatalog) {
    for (const variable of manifest.env) if (variable.required) env[variable.name] = `test-${variable.name.toLowerCase()}-value`;
  }
  return env;
}

const staffKey: Principal = {
  user: { id: 'staff', email: 'staff@example.test', name: 'Staff', role: 'staff' },
  key: { id: 'staff-key', name: 'staff-laptop', connectors: undefined, readOnly: false },
};

describe('the default tool surface fits the model-visible budget', () => {
  const config = loadConfig(everyConnectorConfigured(), connectorCatalog);
  const registry = new ToolRegistry(config.connectors, config.readOnly);

  it('enables every connector of the catalog from its keys alone', () => {
    expect(config.connectors.map((c) => c.manifest.id)).toEqual(connectorCatalog.map((m) => m.id));
  });

  it(`gives a staff key at most ${MAX_TOOLS} tools and ${MAX_TOKENS} tokens (name, title, description, input schema, instructions)`, async () => {
    const tokens = await o200kTokenizer();
    const size = listingSize(tokens, registry.listFor(staffKey), registry.instructionsFor(staffKey));
    expect(size.tools).toBeGreaterThan(0);
    expect(size.tools, 'tools on by default').toBeLessThanOrEqual(MAX_TOOLS);
    expect(size.tokens, 'model-visible tokens of the default surface').toBeLessThanOrEqual(MAX_TOKENS);
  });

  it('counts real tokens, not characters', async () => {
    const tokens = await o200kTokenizer();
    expect(tokens('helpdesk_list_tickets')).toBeLessThan('helpdesk_list_tickets'.length / 2);
    const first = registry.listFor(staffKey)[0]!;
    expect(modelVisibleText(first)).toContain(first.description);
    expect(modelVisibleText(first)).toContain(JSON.stringify(first.inputSchema));
    expect(modelVisibleText(first)).not.toContain('outputSchema');
  });

  it('reports per toolset what is on now and what everything costs', async () => {
    const budget = surfaceBudget(await o200kTokenizer(), connectorCatalog, registry);
    const enabledNow = budget.rows.reduce((sum, r) => sum + r.current.tools, 0);
    expect(enabledNow).toBe(registry.tools.length);
    expect(budget.all.total.tools).toBe(connectorCatalog.reduce((sum, m) => sum + m.tools.length, 0));
    expect(budget.all.total.tokens).toBeGreaterThanOrEqual(budget.current.total.tokens);
    for (const row of budget.rows) expect(row.current.tools === 0 || row.current.tools === row.all.tools, `${row.connector}/${row.toolset}`).toBe(true);
  });

  it("matches the README's summary of the whole catalogue (regenerate with tools --budget --markdown)", async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const match = /<!-- budget:start -->\n([\s\S]*?)\n<!-- budget:end -->/.exec(readme);
    expect(match, 'README.md needs <!-- budget:start --> … <!-- budget:end --> markers').toBeTruthy();
    expect(match![1]).toBe(budgetMarkdown(surfaceBudget(await o200kTokenizer(), connectorCatalog, registry)));
  });
});

describe('listed schemas carry no noise', () => {
  it('drops the safe-integer bounds and $schema, folds nullable anyOf, keeps additionalProperties false', () => {
    expect(
      stripSchemaNoise({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          n: { type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991, description: 'A count.' },
          m: { type: 'integer', minimum: -9007199254740991, maximum: 10 },
          id: { description: 'Id or null.', anyOf: [{ type: 'string', maxLength: 64 }, { type: 'null' }] },
          p: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
        },
        additionalProperties: false,
      }),
    ).toEqual({
      type: 'object',
      properties: {
        n: { type: 'integer', exclusiveMinimum: 0, description: 'A count.' },
        m: { type: 'integer', maximum: 10 },
        id: { description: 'Id or null.', type: ['string', 'null'], maxLength: 64 },
        // An enum would also need null among its values: left as it is.
        p: { anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] },
      },
      additionalProperties: false,
    });
  });

  it('leaves none in any listed input schema', () => {
    const everything = new ToolRegistry(
      connectorCatalog.map((manifest) => ({ manifest, config: {}, common: { access: 'full' as const, toolsets: undefined, baseUrl: undefined, timeoutMs: 1, minRole: 'user' as const, credentials: 'shared' as const } })),
      false,
    );
    for (const tool of everything.tools) {
      const text = JSON.stringify(tool.listing.inputSchema);
      expect(text, tool.name).not.toContain('9007199254740991');
      expect(text, tool.name).not.toContain('$schema');
    }
  });
});
