import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, testPrincipal, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}`;
const acme = () => fixture<Record<string, unknown>[]>('projects-list')[0]!;
const memberships = () => acme().memberships as Record<string, unknown>[];

describe('clockify_update_project_memberships', () => {
  it('is for admins only', () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_update_project_memberships')?.minRole).toBe('admin');
  });

  it('adds users with the add/remove endpoint and returns the members by name', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `${PATH}/memberships`, { ...acme(), memberships: [memberships()[0]!, memberships()[1]!] }));
    const result = await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add', user_ids: [BOB, BOB] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ userIds: [BOB], remove: false });
    expect(result.structuredContent).toMatchObject({ project: { members: [{ user_id: ME, user_name: 'Alice Moreau' }, { user_id: BOB, user_name: 'Bob Chen' }] } });
  });

  it('replace keeps the project rates of members who stay', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, acme()), stub.route('patch', `${PATH}/memberships`, { ...acme(), memberships: [memberships()[0]!] }));
    await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'replace', user_ids: [ME] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PATCH')?.body).toEqual({ memberships: [{ userId: ME, hourlyRate: { amount: 9010 } }] });
  });

  it('maps a 403 to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `${PATH}/memberships`, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(
      await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'remove', user_ids: [BOB] }, { runtime: await startClockify(), principal: testPrincipal('admin') }),
    );
    expect(error.code).toBe('permission_denied');
  });

  it('requires at least one user id and a known action', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add', users: [] }, { runtime })).fields?.[0]?.field).toBe('users');
    expect(errorOf(await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'set', user_ids: [BOB] }, { runtime })).fields?.[0]?.field).toBe('action');
    expect(stub.received).toEqual([]);
  });

  it('reads user_ids from a client that cached the old tools/list as users, joined with users when both come', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `${PATH}/memberships`, { ...acme(), memberships: [memberships()[0]!, memberships()[1]!] }));
    await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add', user_ids: [BOB], users: ['Alice Moreau'] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ userIds: expect.arrayContaining([BOB, ME]), remove: false });
  });

  it('takes the project by name and the users by name or email', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `${PATH}/memberships`, { ...acme(), memberships: [memberships()[0]!, memberships()[1]!] }));
    await runTool(clockify, 'clockify_update_project_memberships', { project: 'acme website', action: 'add', users: ['bob@example.com', 'Alice Moreau'] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ userIds: [BOB, ME], remove: false });
  });

  it('names the user it cannot find, with the closest, before writing; and wants users', async () => {
    const runtime = await startClockify();
    stub.use(...commonRoutes(stub));
    const unknown = errorOf(await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add', users: ['Bob Chen', 'Bobby Chan'] }, { runtime }));
    expect(unknown).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'users[1]', problem: expect.stringContaining(BOB) }] });
    const neither = errorOf(await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add' }, { runtime }));
    expect(neither.fields?.[0]?.field).toBe('users');
    expect(stub.received.some((r) => r.method === 'POST' || r.method === 'PATCH')).toBe(false);
  });
});
