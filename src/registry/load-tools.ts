import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ObjectSchema, ToolDefinition } from './types';

const TOOL_FILE = /^[a-z0-9_]+\.(ts|js)$/;

function isToolDefinition(value: unknown): value is ToolDefinition<never, ObjectSchema, ObjectSchema> {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.handler === 'function' && typeof v.toolset === 'string' && typeof v.input === 'object';
}

/**
 * The tools of a connector, from its `tools/` folder: every file named like
 * a tool (`clockify_list_tags.ts`, not `*.test.ts` or helper files with
 * dashes) is imported and its exported tool definitions collected, in file
 * name order. Adding a tool is adding its file and its test; nothing else.
 *
 * Usage in a connector's index.ts:
 *   tools: await loadTools<MyRuntime>(new URL('./tools/', import.meta.url)),
 */
export async function loadTools<Runtime>(folder: URL): Promise<ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[]> {
  const files = readdirSync(fileURLToPath(folder))
    .filter((f) => TOOL_FILE.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const tools: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[] = [];
  for (const file of files) {
    const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
    const found = Object.values(module).filter(isToolDefinition);
    const expected = file.replace(/\.(ts|js)$/, '');
    if (!found.some((t) => t.name === expected)) {
      throw new Error(`${fileURLToPath(new URL(file, folder))}: a tool file must export the tool named "${expected}"`);
    }
    for (const tool of found) if (!tools.includes(tool as never)) tools.push(tool as never);
  }
  return tools;
}
