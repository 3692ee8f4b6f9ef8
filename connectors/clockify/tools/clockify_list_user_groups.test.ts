import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const GROUPS = `/workspaces/${WS}/user-groups`;
const DESIGN = '68e1a2b3c4d5e6f7a8b9c001';

describe('clockify_list_user_groups', () => {
  it('lists groups with members named from the workspace users, never calling the 405 group routes', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', GROUPS, fixture('groups-list')));
    const result = await runTool(clockify, 'clockify_list_user_groups', { name: 'Des', project_id: PROJECT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      groups: [
        {
          id: DESIGN,
          name: 'Design',
          members: [
            { id: ME, name: 'Alice Moreau', email: 'alice@example.com' },
            { id: BOB, name: 'Bob Chen', email: 'bob@example.com' },
          ],
          member_count: 2,
          team_managers: [{ id: ME, name: 'Alice Moreau' }],
          extra: {},
        },
        {
          id: '68e1a2b3c4d5e6f7a8b9c002',
          name: 'Support',
          members: [
            { id: BOB, name: 'Bob Chen', email: 'bob@example.com' },
            // Not among the workspace's listed users (e.g. deactivated): id only.
            { id: '5a0ab5acb07987125438b6ff', name: null, email: null },
          ],
          member_count: 2,
          team_managers: [],
          extra: {},
        },
      ],
      next_cursor: null,
    });
    expect(stub.received.find((r) => r.path === GROUPS)?.query).toEqual({
      name: 'Des',
      'project-id': PROJECT_ACME,
      includeTeamManagers: 'true',
      page: '1',
      'page-size': '50',
    });
    expect(stub.received.some((r) => r.path.startsWith(`${GROUPS}/`))).toBe(false);
  });

  it('keeps a group whose teamManagers are plain ids (seen from outside), naming them from the workspace users', async () => {
    const groups = fixture<Record<string, unknown>[]>('groups-list');
    groups[0]!.teamManagers = [ME];
    groups[1]!.teamManagers = 'not a list';
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', GROUPS, groups));
    const result = await runTool(clockify, 'clockify_list_user_groups', {}, { runtime: await startClockify() });
    const out = result.structuredContent as { groups: { id: string; team_managers: unknown[]; extra: Record<string, unknown> }[]; partly_read?: unknown };
    expect(out.groups.map((g) => g.id)).toEqual([DESIGN, '68e1a2b3c4d5e6f7a8b9c002']);
    expect(out.groups[0]!.team_managers).toEqual([{ id: ME, name: 'Alice Moreau' }]);
    // A shape nobody has seen: the group stays, the raw value is under extra, and the result says one item was read only in part.
    expect(out.groups[1]).toMatchObject({ team_managers: [], extra: { teamManagers: 'not a list' } });
    expect(out.partly_read).toMatchObject({ items: 1, fields: ['teamManagers'] });
  });

  it('still lists members by id when Clockify refuses the users list to this key', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', GROUPS, fixture('groups-list')), stub.route('get', `/workspaces/${WS}/users`, clockifyError(403, 403, 'Forbidden')));
    const result = await runTool(clockify, 'clockify_list_user_groups', {}, { runtime: await startClockify() });
    expect((result.structuredContent as { groups: { members: unknown[] }[] }).groups[0]!.members[0]).toEqual({ id: ME, name: null, email: null });
  });

  it('maps a 403 on the groups list to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', GROUPS, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_list_user_groups', {}, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('rejects a project_id that is not a Clockify id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_user_groups', { project_id: 'Acme website' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('project_id');
    expect(stub.received).toEqual([]);
  });
});
