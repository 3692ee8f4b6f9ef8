import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';
import { createIdentity, type VendorAccount } from '../../../src/identity/identity';
import { ToolRegistry } from '../../../src/registry/registry';
import type { CommonConnectorConfig, ConnectorManifest, GatewayView } from '../../../src/registry/types';
import { runTool, testPrincipal } from '../../../tests/support/connector-kit';
import deskgate from '../index';

/**
 * deskgate_whoami against a made-up vendor connector ("acme") whose identity
 * hooks answer from a table, so each rule of src/identity shows in what the
 * model reads. The end-to-end test (tests/e2e/identity.test.ts) runs it over
 * /mcp against the Clockify stand-in.
 */
const OWNER: VendorAccount = { id: 'u-1', name: 'Olga Owner', email: 'olga@example.test', timeZone: 'Europe/Riga' };
const PEOPLE: VendorAccount[] = [OWNER, { id: 'u-2', name: 'Mia Member', email: 'mia@example.test', timeZone: 'Asia/Tokyo' }];

function acme(options: { actsForMembers: boolean; failLookup?: boolean }): { manifest: ConnectorManifest<unknown, unknown>; runtime: unknown } {
  const identity = createIdentity({
    connector: 'acme',
    vendor: 'Acme',
    memberWord: 'member',
    keyOwner: async () => OWNER,
    findByEmail: async (_ctx, email) => {
      if (options.failLookup) throw new GatewayError('upstream_unavailable', 'Acme is down.', { connector: 'acme', hint: 'Retry later.' });
      return PEOPLE.find((p) => p.email === email);
    },
    actsForMembers: options.actsForMembers,
  });
  const manifest = {
    id: 'acme',
    title: 'Acme',
    configSchema: z.object({}),
    env: [],
    isConfigured: () => true,
    defaultBaseUrl: 'https://acme.test',
    toolsets: [
      { id: 'time', description: 'Time.', default: true },
      { id: 'admin', description: 'Admin.' },
    ],
    tools: ['time', 'admin'].map((toolset) => ({
      name: `acme_list_${toolset}`,
      title: toolset,
      description: 'A test tool.',
      toolset,
      input: z.strictObject({}),
      output: z.object({}),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      handler: async () => ({}),
    })),
    start: () => ({}),
    healthCheck: async () => ({ ok: true, detail: '' }),
    identity: () => identity,
  } as unknown as ConnectorManifest<unknown, unknown>;
  return { manifest, runtime: {} };
}

const common = (toolsets?: string[]): CommonConnectorConfig => ({ access: 'full', toolsets, baseUrl: undefined, timeoutMs: 1000, minRole: 'staff', credentials: 'personal_or_shared' });

function whoami(options: { actsForMembers?: boolean; failLookup?: boolean; email: string; role?: 'user' | 'staff' }) {
  const vendor = acme({ actsForMembers: options.actsForMembers ?? true, failLookup: options.failLookup });
  const connectors = [
    { manifest: deskgate as unknown as ConnectorManifest<unknown, unknown>, config: {}, common: { ...common(), minRole: 'user' as const } },
    { manifest: vendor.manifest, config: {}, common: common(['time']) },
  ];
  const registry = new ToolRegistry(connectors, false);
  const view: GatewayView = { connectors, runtimes: new Map([['acme', vendor.runtime]]), registry, credentialFor: async () => undefined };
  return runTool(deskgate, 'deskgate_whoami', {}, {
    runtime: { gateway: () => view, now: () => new Date('2024-03-15T23:30:00Z') },
    principal: testPrincipal(options.role ?? 'staff', { email: options.email, name: 'Someone' }),
  });
}

const acmeRow = (result: Awaited<ReturnType<typeof whoami>>) =>
  (result.structuredContent as { connectors: Record<string, unknown>[] }).connectors.find((c) => c.connector === 'acme');

describe('deskgate_whoami', () => {
  it('names a matched member, the key owner, how calls act and the toolsets; today is read in the member\'s own zone', async () => {
    const result = await whoami({ email: 'mia@example.test' });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ today: '2024-03-16', weekday: 'Saturday', time_zone: 'Asia/Tokyo', time_zone_from: 'your Acme profile' });
    expect(acmeRow(result)).toEqual({
      connector: 'acme',
      you: { id: 'u-2', name: 'Mia Member', email: 'mia@example.test' },
      not_matched: null,
      key: 'shared',
      key_owner: { id: 'u-1', name: 'Olga Owner', email: 'olga@example.test' },
      key_owner_unknown: null,
      reads: 'shared_key_as_you',
      writes: 'shared_key_as_you',
      note: 'The shared Acme key acts as you for your own data.',
      toolsets_on: ['time'],
      toolsets_off: [{ toolset: 'admin', why: 'toolset "admin" is not in ACME_TOOLSETS' }],
    });
  });

  it('where the vendor acts only as the key owner, reads are yours and your own writes are refused with how to link a key', async () => {
    const row = acmeRow(await whoami({ email: 'mia@example.test', actsForMembers: false }));
    expect(row).toMatchObject({ reads: 'shared_key_as_you', writes: 'refused', note: expect.stringContaining('deskgate credentials set acme') });
  });

  it('an unmatched caller acts as the key owner, and says why', async () => {
    const result = await whoami({ email: 'admin@localhost' });
    expect(acmeRow(result)).toMatchObject({
      you: null,
      not_matched: 'no Acme member has the email admin@localhost',
      reads: 'shared_key_as_owner',
      writes: 'shared_key_as_owner',
      note: expect.stringContaining('Olga Owner'),
    });
    // No system knows this caller's zone: the gateway's own clock, said so.
    expect(result.structuredContent).toMatchObject({ time_zone_from: expect.stringContaining("gateway's clock") });
  });

  it('the key owner is themselves', async () => {
    expect(acmeRow(await whoami({ email: 'OLGA@example.test' }))).toMatchObject({ you: { id: 'u-1' }, writes: 'shared_key_as_you', note: 'The shared Acme key is yours: calls act as you.' });
  });

  it('a vendor that cannot be asked is reported on its row, and the rest still answers', async () => {
    const result = await whoami({ email: 'mia@example.test', failLookup: true });
    expect(result.isError).toBeUndefined();
    expect(acmeRow(result)).toMatchObject({ you: null, not_matched: 'upstream_unavailable: Acme is down.', reads: null, note: 'Retry later.' });
  });

  it('a role below the connector is told so, without asking the vendor', async () => {
    const row = acmeRow(await whoami({ email: 'mia@example.test', role: 'user', failLookup: true }));
    expect(row).toMatchObject({ you: null, toolsets_on: [], note: expect.stringContaining('needs role staff') });
  });
});
