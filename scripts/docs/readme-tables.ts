/**
 * Rewrites the README's generated blocks in place: the tool table
 * (<!-- tools:start -->) and the catalogue budget (<!-- budget:start -->),
 * exactly as tests/core/registry-meta.test.ts and tests/core/budget.test.ts
 * expect them. Run after changing a tool's name, description or schema:
 *
 *   npm run regen   (also updates tests/core/tool-schemas.snapshot.json)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { budgetMarkdown, toolTableMarkdown } from '../../src/cli/tables';
import { o200kTokenizer, surfaceBudget } from '../../src/registry/budget';
import { connectorCatalog } from '../../src/registry/catalog';
import { ToolRegistry } from '../../src/registry/registry';

const env: Record<string, string> = {};
for (const manifest of connectorCatalog) {
  for (const variable of manifest.env) if (variable.required) env[variable.name] = `test-${variable.name.toLowerCase()}-value`;
}
const config = loadConfig(env, connectorCatalog);
const registry = new ToolRegistry(config.connectors, config.readOnly);

const path = join(import.meta.dirname, '..', '..', 'README.md');
let readme = readFileSync(path, 'utf8');
function replaceBlock(name: string, body: string) {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!pattern.test(readme)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
  readme = readme.replace(pattern, (_m, open: string, close: string) => `${open}${body}${close}`);
}
replaceBlock('tools', toolTableMarkdown(connectorCatalog));
replaceBlock('budget', budgetMarkdown(surfaceBudget(await o200kTokenizer(), connectorCatalog, registry)));
writeFileSync(path, readme);
console.log('README.md: tool table and budget regenerated');
