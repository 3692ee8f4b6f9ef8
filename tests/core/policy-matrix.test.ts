import { describe, expect, it } from 'vitest';
import { ROLES, roleRank, type Principal, type Role } from '../../src/auth/types';
import type { EnabledConnector } from '../../src/config/config';
import { ToolRegistry } from '../../src/registry/registry';
import { connectorCatalog } from '../../src/registry/catalog';
import { accessOf, type AccessLevel, type CommonConnectorConfig } from '../../src/registry/types';

/**
 * The access policy, generated from the catalog: every tool of every
 * connector × role × key limits × access ceiling × read-only. A new tool or
 * connector is covered without editing this file. The expectations are
 * written from the rules as the README states them, not from the code.
 */
const RANK: Record<AccessLevel, number> = { read: 0, write: 1, full: 2 };

function registryWith(common: Partial<CommonConnectorConfig> = {}, globalReadOnly = false) {
  const connectors: EnabledConnector[] = connectorCatalog.map((manifest) => ({
    manifest,
    config: {},
    common: {
      access: 'full',
      toolsets: manifest.toolsets.map((t) => t.id),
      baseUrl: undefined,
      timeoutMs: 1000,
      minRole: manifest.minRole ?? 'staff',
      credentials: 'shared',
      ...common,
    },
  }));
  return new ToolRegistry(connectors, globalReadOnly);
}

const principal = (role: Role, key: Partial<Principal['key']> = {}): Principal => ({
  user: { id: `u-${role}`, email: `${role}@example.test`, name: role, role },
  key: { id: 'k', name: 'k', connectors: undefined, toolsets: undefined, readOnly: false, ...key },
});

const allTools = connectorCatalog.flatMap((m) =>
  m.tools.map((t) => ({
    connector: m.id,
    name: t.name,
    toolset: t.toolset,
    access: accessOf(t.annotations),
    // The effective role: the higher of the connector's default and the tool's own.
    minRole: [m.minRole ?? 'staff', t.minRole ?? 'user'].sort((a, b) => roleRank[b as Role] - roleRank[a as Role])[0] as Role,
  })),
);

describe('the access policy over every tool', () => {
  const registry = registryWith();

  it.each(ROLES)('role %s sees exactly the tools whose connector and tool roles it reaches, and is refused the rest by role', (role) => {
    const who = principal(role);
    const listed = new Set(registry.listFor(who).map((t) => t.name));
    for (const tool of allTools) {
      const reaches = roleRank[role] >= roleRank[tool.minRole];
      expect(listed.has(tool.name), `${role} × ${tool.name}`).toBe(reaches);
      const resolved = registry.resolve(who, tool.name);
      expect(resolved, tool.name).toBeDefined();
      if (reaches) expect(resolved!.denied, tool.name).toBeUndefined();
      else {
        expect(resolved!.denied?.code).toBe('permission_denied');
        expect(resolved!.denied?.message).toContain(`needs the ${tool.minRole} role`);
      }
    }
  });

  it('company-wide vendor data is staff by default; the help desk and the time tools are open to users', () => {
    const user = new Set(registry.listFor(principal('user')).map((t) => t.name));
    for (const tool of allTools) {
      // The gateway's own tools (deskgate_whoami) answer every caller about themselves; the time
      // tools too (a team's time needs staff), each vendor part under that vendor's own role (connectors/time/systems.ts).
      const open = tool.connector === 'helpdesk' || tool.connector === 'deskgate' || (tool.connector === 'time' && tool.minRole === 'user');
      expect(user.has(tool.name), tool.name).toBe(open);
    }
  });

  it('key limits: connectors, toolsets and read-only each narrow an admin key, by tool', () => {
    for (const tool of allTools) {
      if (tool.connector === 'deskgate') {
        // The gateway's own read tools stay with every key, whatever it is limited to.
        for (const limits of [{ connectors: ['nothing-else'] }, { toolsets: ['helpdesk:tickets'] }, { readOnly: true }]) {
          expect(registry.resolve(principal('admin', limits), tool.name)?.denied, tool.name).toBeUndefined();
        }
        continue;
      }
      const otherConnector = principal('admin', { connectors: ['nothing-else'] });
      expect(registry.resolve(otherConnector, tool.name)?.denied?.message, tool.name).toMatch(/limited to connectors/);

      const ownToolset = principal('admin', { toolsets: [`${tool.connector}:${tool.toolset}`] });
      expect(registry.resolve(ownToolset, tool.name)?.denied, tool.name).toBeUndefined();
      const wholeConnector = principal('admin', { toolsets: [tool.connector] });
      expect(registry.resolve(wholeConnector, tool.name)?.denied, tool.name).toBeUndefined();
      const otherToolset = principal('admin', { toolsets: [`${tool.connector}:not-${tool.toolset}`] });
      expect(registry.resolve(otherToolset, tool.name)?.denied?.message, tool.name).toMatch(/limited to toolsets/);

      const readOnly = principal('admin', { readOnly: true });
      const denied = registry.resolve(readOnly, tool.name)?.denied;
      if (tool.access === 'read') expect(denied, tool.name).toBeUndefined();
      else expect(denied?.message, tool.name).toMatch(/read-only/);
    }
  });

  it.each(['read', 'write', 'full'] as const)('access ceiling %s: tools above it are listed for nobody, and a call says which variable allows it', (ceiling) => {
    const capped = registryWith({ access: ceiling });
    const listed = new Set(capped.listFor(principal('admin')).map((t) => t.name));
    for (const tool of allTools) {
      const within = RANK[tool.access] <= RANK[ceiling];
      expect(listed.has(tool.name), `${ceiling} × ${tool.name}`).toBe(within);
      if (!within) {
        const resolved = capped.resolve(principal('admin'), tool.name);
        expect(resolved?.tool, tool.name).toBeUndefined();
        expect(resolved?.denied?.message, tool.name).toMatch(/_ACCESS is "/);
        expect(resolved?.denied?.hint, tool.name).toMatch(new RegExp(`_ACCESS=${tool.access}`));
      }
    }
  });

  it('DESKGATE_READ_ONLY leaves only read tools, whatever the key', () => {
    const readOnly = registryWith({}, true);
    const listed = readOnly.listFor(principal('admin')).map((t) => t.name).sort();
    expect(listed).toEqual(allTools.filter((t) => t.access === 'read').map((t) => t.name).sort());
  });

  it('a connector role lowered to user lets users in, except tools that declare more', () => {
    const lowered = registryWith({ minRole: 'user' });
    const listed = new Set(lowered.listFor(principal('user')).map((t) => t.name));
    for (const m of connectorCatalog) {
      for (const t of m.tools) expect(listed.has(t.name), t.name).toBe(t.minRole === undefined || t.minRole === 'user');
    }
  });

  it('explains each hidden tool with the reason a caller would need to change', () => {
    const capped = registryWith({ access: 'read', toolsets: undefined });
    const explained = capped.explain(principal('user', { readOnly: true }));
    expect(explained).toHaveLength(allTools.length);
    for (const row of explained) {
      const tool = allTools.find((t) => t.name === row.name)!;
      if (tool.access !== 'read') expect(row.hidden?.kind, row.name).toBe('access');
      else if (roleRank.user < roleRank[tool.minRole]) expect(row.hidden?.kind, row.name).toBe('role');
      else expect(row.hidden, row.name).toBeUndefined();
    }
  });
});
