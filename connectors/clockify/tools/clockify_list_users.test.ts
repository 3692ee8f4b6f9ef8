import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_list_users', () => {
  it('lists members with time zone and their workspace rate, filters on the GET list', async () => {
    stub.use(...commonRoutes(stub));
    const result = await runTool(clockify, 'clockify_list_users', { name: 'a', status: 'ACTIVE', project: 'Acme website', limit: 5 }, { runtime: await startClockify() });
    const list = stub.received.filter((r) => r.path === `/workspaces/${WS}/users`).at(-1);
    expect(list?.query).toEqual({ name: 'a', status: 'ACTIVE', 'project-id': PROJECT_ACME, memberships: 'WORKSPACE', 'include-roles': 'true', page: '1', 'page-size': '5' });
    expect(result.structuredContent).toMatchObject({
      users: [
        { id: ME, name: 'Alice Moreau', email: 'alice@example.com', time_zone: 'Europe/Paris', hourly_rate: { amount: 90.1, currency: 'EUR' } },
        { id: BOB, time_zone: 'America/New_York', hourly_rate: null },
      ],
      next_cursor: null,
    });
  });

  it('roles and groups (by name) go to the POST filter', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')),
      stub.route('post', `/workspaces/${WS}/users/info`, [fixture<unknown[]>('users-list')[1]]),
    );
    const result = await runTool(clockify, 'clockify_list_users', { roles: ['TEAM_MANAGER'], groups: ['design'] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toMatchObject({ roles: ['TEAM_MANAGER'], userGroups: ['68e1a2b3c4d5e6f7a8b9c001'], page: 1, pageSize: 50 });
    expect(result.structuredContent).toMatchObject({ users: [{ id: BOB }] });
  });

  it('a 403 is permission_denied', async () => {
    stub.use(stub.route('get', '/user', fixture('user')), stub.route('get', `/workspaces/${WS}`, fixture('workspace')), stub.route('get', `/workspaces/${WS}/users`, clockifyError(403, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_list_users', {}, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('refuses an unknown role', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_list_users', { roles: ['BOSS'] }, { runtime: await startClockify() })).fields?.[0]?.field).toMatch(/^roles/);
  });
});
