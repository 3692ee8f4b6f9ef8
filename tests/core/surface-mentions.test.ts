import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../src/auth/types';
import { loadConfig } from '../../src/config/config';
import { connectorCatalog } from '../../src/registry/catalog';
import { ToolRegistry } from '../../src/registry/registry';
import { envPrefix } from '../../src/vendor-http/status-errors';

/**
 * No caller is pointed at a tool it cannot call: for every role, each
 * connector's toolsets (default, each one alone, all), read-only or not and
 * a key limited to one connector, nothing in tools/list (descriptions, input
 * schema) or the server instructions names a catalog tool outside that
 * caller's own tools/list.
 */
const catalogNames = new Set(connectorCatalog.flatMap((m) => m.tools.map((t) => t.name)));
const NAME = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const manifest of connectorCatalog) for (const variable of manifest.env) if (variable.required) env[variable.name] = `test-${variable.name.toLowerCase()}`;
  return env;
}

/** Each connector's toolsets: default, each single one, all (the others at their defaults). */
function configurations(): { label: string; env: Record<string, string> }[] {
  const out = [{ label: 'defaults', env: baseEnv() }];
  for (const manifest of connectorCatalog) {
    const variable = `${envPrefix(manifest.id)}_TOOLSETS`;
    for (const value of ['all', ...manifest.toolsets.map((t) => t.id)]) out.push({ label: `${variable}=${value}`, env: { ...baseEnv(), [variable]: value } });
  }
  return out;
}

function principal(role: Role, readOnly: boolean, connectors: string[] | undefined): Principal {
  return { user: { id: `u-${role}`, email: `${role}@example.test`, name: role, role }, key: { id: 'k', name: 'k', connectors, readOnly } };
}

function descriptionsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) descriptionsOf(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'description' && typeof value === 'string') out.push(value);
      else descriptionsOf(value, out);
    }
  }
  return out;
}

describe('every caller sees only mentions of tools it can call', () => {
  it.each(configurations())('$label', ({ env }) => {
    const config = loadConfig(env, connectorCatalog);
    const registry = new ToolRegistry(config.connectors, config.readOnly);
    const problems: string[] = [];
    let listed = 0;
    for (const role of ['user', 'staff', 'admin'] as Role[]) {
      for (const readOnly of [false, true]) {
        for (const connectors of [undefined, ...connectorCatalog.map((m) => [m.id])]) {
          const caller = principal(role, readOnly, connectors);
          const list = registry.listFor(caller);
          listed += list.length;
          const mine = new Set(list.map((t) => t.name));
          const texts: [string, string][] = [['instructions', registry.instructionsFor(caller)]];
          for (const tool of list) {
            texts.push([`${tool.name} description`, tool.description ?? '']);
            for (const text of descriptionsOf(tool.inputSchema)) texts.push([`${tool.name} input`, text]);
          }
          for (const [where, text] of texts) {
            for (const match of text.matchAll(NAME)) {
              if (catalogNames.has(match[0]) && !mine.has(match[0])) problems.push(`${role}${readOnly ? ' read-only' : ''}${connectors ? ` key:${connectors[0]}` : ''}: ${where} names ${match[0]}`);
            }
          }
        }
      }
    }
    expect(listed).toBeGreaterThan(0);
    expect([...new Set(problems)]).toEqual([]);
  });
});
