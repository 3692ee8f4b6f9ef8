import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AuthUser, Principal } from '../../src/auth/types';
import { GatewayError } from '../../src/errors';
import { createIdentity, type VendorAccount } from '../../src/identity/identity';
import { ToolRegistry } from '../../src/registry/registry';
import type { CommonConnectorConfig, ConnectorManifest, GatewayView, UserDirectory } from '../../src/registry/types';
import { silentLog, testPrincipal } from '../../tests/support/tool-harness';
import timeManifest from './index';
import { presenceAcross, resolvePerson } from './people';
import { RecentLogs, type TimeContext } from './runtime';
import { createMemoryRecentCreates } from '../../src/vendor-http/unknown-outcome';

/**
 * People across systems against a made-up Clockify (its identity hooks answer
 * from a table) and deskgate's users: matched by email, missing said so, and
 * a user never reaches a colleague.
 */
const user = (id: string, name: string, email: string, role: AuthUser['role'] = 'staff'): AuthUser => ({ id, name, email, role });
const USERS = [user('u-ana', 'Ana Lopez', 'ana@example.test', 'user'), user('u-ben', 'Ben Ode', 'ben@example.test'), user('u-ben2', 'Ben Ode', 'ben.ode@example.test'), user('u-cy', 'Cy Park', 'cy@example.test')];
const CLOCKIFY: VendorAccount[] = [
  { id: 'c-owner', name: 'Olga Owner', email: 'olga@example.test' },
  { id: 'c-ana', name: 'Ana L.', email: 'ana@example.test' },
  { id: 'c-cy', name: 'Cy', email: 'CY@example.test' },
];

const users: UserDirectory = {
  getUser: async (id) => USERS.find((u) => u.id === id),
  findUserByEmail: async (email) => USERS.find((u) => u.email === email),
  listUsers: async () => USERS,
  ensureUser: async () => {
    throw new Error('not here');
  },
  updateUser: async () => undefined,
  createKey: async () => ({ secret: '' }),
};

function fakeClockify(down = false): ConnectorManifest<unknown, unknown> {
  const identity = createIdentity({
    connector: 'clockify',
    vendor: 'Clockify',
    memberWord: 'workspace member',
    keyOwner: async () => CLOCKIFY[0],
    findByEmail: async (_ctx, email) => {
      if (down) throw new GatewayError('upstream_unavailable', 'Clockify is down.', { connector: 'clockify' });
      return CLOCKIFY.find((p) => p.email?.toLowerCase() === email);
    },
    actsForMembers: true,
  });
  return {
    id: 'clockify',
    title: 'Clockify',
    configSchema: z.object({}),
    env: [],
    isConfigured: () => true,
    defaultBaseUrl: 'https://clockify.test',
    toolsets: [{ id: 'time_entries', description: '', default: true }],
    tools: [],
    start: () => ({}),
    healthCheck: async () => ({ ok: true, detail: '' }),
    identity: () => identity,
  } as unknown as ConnectorManifest<unknown, unknown>;
}

const common: CommonConnectorConfig = { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 1000, minRole: 'staff', credentials: 'shared' };

function context(principal: Principal, options: { down?: boolean } = {}): TimeContext {
  const connectors = [
    { manifest: fakeClockify(options.down), config: {}, common },
    { manifest: timeManifest as unknown as ConnectorManifest<unknown, unknown>, config: {}, common: { ...common, minRole: 'user' as const } },
  ];
  const view: GatewayView = { connectors, runtimes: new Map([['clockify', {}]]), registry: new ToolRegistry(connectors, false), credentialFor: async () => undefined };
  return {
    principal,
    runtime: { config: { projects: [], onedeskTarget: 'onedesk' }, gateway: () => view, users, log: silentLog, now: () => new Date(), recent: new RecentLogs(createMemoryRecentCreates()) },
    log: silentLog,
    requestId: 'r',
    signal: new AbortController().signal,
  };
}

const as = (u: AuthUser) => testPrincipal(u.role, u);
const ben = USERS[1]!;

describe('who a time call is about', () => {
  it('the caller by default and as "me"; a user naming a colleague is refused, naming themselves is fine', async () => {
    const ana = as(USERS[0]!);
    expect(await resolvePerson(context(ana), undefined)).toMatchObject({ email: 'ana@example.test', isCaller: true });
    expect(await resolvePerson(context(ana), 'ME')).toMatchObject({ isCaller: true });
    expect(await resolvePerson(context(ana), 'Ana@Example.test')).toMatchObject({ isCaller: true });
    await expect(resolvePerson(context(ana), 'cy@example.test')).rejects.toMatchObject({ code: 'permission_denied', message: expect.stringContaining('only your own') });
    await expect(resolvePerson(context(ana), 'Cy Park')).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it('staff name anyone by email, id or name; two people of one name are refused with their emails; an unknown name offers the closest', async () => {
    const ctx = context(as(ben));
    expect(await resolvePerson(ctx, 'cy@example.test')).toMatchObject({ email: 'cy@example.test', name: 'Cy Park', user: { id: 'u-cy' }, isCaller: false });
    expect(await resolvePerson(ctx, 'u-cy')).toMatchObject({ email: 'cy@example.test' });
    expect(await resolvePerson(ctx, 'cy park')).toMatchObject({ email: 'cy@example.test' });
    expect(await resolvePerson(ctx, 'Cy')).toMatchObject({ email: 'cy@example.test' });
    // Someone with no deskgate user may still be in Clockify.
    expect(await resolvePerson(ctx, 'olga@example.test')).toMatchObject({ email: 'olga@example.test', user: null });
    await expect(resolvePerson(ctx, 'Ben Ode')).rejects.toMatchObject({ code: 'invalid_argument', fields: [{ field: 'person', problem: expect.stringContaining('ben.ode@example.test') }] });
    await expect(resolvePerson(ctx, 'Cyy Park')).rejects.toMatchObject({ code: 'not_found', hint: expect.stringContaining('Cy Park <cy@example.test>') });
  });
});

describe('a person in each system, by email', () => {
  it('matched where the email is (any case), missing where it is not, with the reason', async () => {
    const ctx = context(as(ben));
    const cy = await resolvePerson(ctx, 'cy@example.test');
    expect(await presenceAcross(ctx, cy, ['helpdesk', 'clockify'])).toEqual([
      { system: 'helpdesk', account: { id: 'u-cy', name: 'Cy Park', email: 'cy@example.test' } },
      { system: 'clockify', account: { id: 'c-cy', name: 'Cy', email: 'CY@example.test' } },
    ]);
    const olga = await resolvePerson(ctx, 'olga@example.test');
    expect((await presenceAcross(ctx, olga, ['helpdesk']))[0]).toEqual({ system: 'helpdesk', missing: 'no deskgate user has the email olga@example.test' });
    // Ben is in the help desk but not in Clockify: his own reads there act as the key owner, said so.
    const me = await presenceAcross(ctx, await resolvePerson(ctx, undefined), ['clockify']);
    expect(me[0]).toMatchObject({ system: 'clockify', account: { id: 'c-owner' }, actedAs: { how: 'shared_key_as_owner', note: expect.stringContaining('no Clockify workspace member has the email ben@example.test') } });
  });

  it('a system that is off, refused by role or down is named with why, not silently missing', async () => {
    const down = context(as(ben), { down: true });
    const cy = await resolvePerson(down, 'cy@example.test');
    expect(await presenceAcross(down, cy, ['clockify', 'onedesk'])).toEqual([
      { unreached: true, system: 'clockify', code: 'upstream_unavailable', why: 'Clockify is down.' },
      { unreached: true, system: 'onedesk', code: 'precondition_failed', why: expect.stringContaining('OneDesk is not enabled on this gateway.') },
    ]);
    // CLOCKIFY_MIN_ROLE is staff: a user's time tools do not reach Clockify either.
    const ana = context(as(USERS[0]!));
    const [clockify] = await presenceAcross(ana, await resolvePerson(ana, undefined), ['clockify']);
    expect(clockify).toMatchObject({ unreached: true, code: 'permission_denied' });
  });
});
