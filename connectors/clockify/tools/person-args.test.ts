import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

/**
 * Issue 17 deliverable 4: every user argument takes an id, an email, a full
 * name, a unique first name or "me" (one resolver, personId in
 * object-names.ts); the tools below used to take only a 24-character id.
 */
const stub = clockifyStub();
const MIA = '5a0ab5acb07987125438b611';
const MIA_W = '5a0ab5acb07987125438b612';
const mia = { id: MIA, name: 'Mia Schneider', email: 'mia@example.com', status: 'ACTIVE' };
const miaW = { id: MIA_W, name: 'Mia Weber', email: 'mia.w@example.com', status: 'ACTIVE' };
const team = (...extra: Record<string, unknown>[]) => stub.route('get', `/workspaces/${WS}/users`, [...fixture<Record<string, unknown>[]>('users-list'), ...extra]);
const AMBIGUOUS = `ambiguous: "Mia Schneider" (id ${MIA}, mia@example.com); "Mia Weber" (id ${MIA_W}, mia.w@example.com)`;
const writes = () => stub.received.filter((r) => r.method !== 'GET');

describe('user arguments take a person, not only an id', () => {
  it('clockify_set_user_hourly_rate: "Mia" (one Mia) sets her rate, not a name in the path', async () => {
    stub.use(team(mia), ...commonRoutes(stub), stub.route('put', `/workspaces/${WS}/users/${MIA}/hourly-rate`, fixture('workspace')));
    const result = await runTool(clockify, 'clockify_set_user_hourly_rate', { user_id: 'Mia', amount: 50 }, { runtime: await startClockify() });
    expect(writes().map((r) => r.path)).toEqual([`/workspaces/${WS}/users/${MIA}/hourly-rate`]);
    expect(result.structuredContent).toMatchObject({ user_id: MIA, hourly_rate: { amount: 50 } });
  });

  it('clockify_set_user_hourly_rate: an ambiguous first name is refused with both candidates, nothing written', async () => {
    stub.use(team(mia, miaW), ...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_set_user_hourly_rate', { user_id: 'mia', amount: 50 }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.fields).toEqual([{ field: 'user_id', problem: AMBIGUOUS }]);
    expect(writes()).toEqual([]);
  });

  it('clockify_create_time_entry_for_user: an email logs time for that member', async () => {
    stub.use(
      team(mia),
      ...commonRoutes(stub),
      stub.route('post', `/workspaces/${WS}/user/${MIA}/time-entries`, ({ body }) =>
        HttpResponse.json({ ...fixture<Record<string, unknown>>('time-entry'), userId: MIA, projectId: null, taskId: null, tagIds: [], timeInterval: { start: (body as { start: string }).start, end: (body as { end: string }).end, duration: 'PT1H' } }, { status: 201 }),
      ),
    );
    const result = await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: 'MIA@example.com', start: '2024-03-14 09:00', duration: '1h' }, { runtime: await startClockify() });
    expect(writes().map((r) => r.path)).toEqual([`/workspaces/${WS}/user/${MIA}/time-entries`]);
    expect(result.structuredContent).toMatchObject({ time_entry: { user: { id: MIA } } });
  });

  it('clockify_create_time_entry_for_user: an ambiguous first name is refused with the candidates', async () => {
    stub.use(team(mia, miaW), ...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: 'Mia', duration: '1h' }, { runtime: await startClockify() }));
    expect(error.fields).toEqual([{ field: 'user_id', problem: AMBIGUOUS }]);
    expect(writes()).toEqual([]);
  });

  it('clockify_list_user_managers: a full name, and "me", reach the right member', async () => {
    stub.use(
      team(mia, miaW),
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/users/${MIA_W}/managers`, []),
      stub.route('get', `/workspaces/${WS}/users/${ME}/managers`, []),
    );
    const runtime = await startClockify();
    expect((await runTool(clockify, 'clockify_list_user_managers', { user_id: 'mia weber' }, { runtime })).isError).toBeFalsy();
    expect((await runTool(clockify, 'clockify_list_user_managers', { user_id: 'me' }, { runtime })).isError).toBeFalsy();
    expect(stub.received.filter((r) => r.path.endsWith('/managers')).map((r) => r.path)).toEqual([`/workspaces/${WS}/users/${MIA_W}/managers`, `/workspaces/${WS}/users/${ME}/managers`]);
  });

  it('clockify_list_user_managers: an ambiguous first name is refused; a path-like value matches nobody and never reaches a path', async () => {
    stub.use(team(mia, miaW), ...commonRoutes(stub));
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_list_user_managers', { user_id: 'Mia' }, { runtime })).fields).toEqual([{ field: 'user_id', problem: AMBIGUOUS }]);
    expect(errorOf(await runTool(clockify, 'clockify_list_user_managers', { user_id: '../x' }, { runtime })).fields?.[0]?.field).toBe('user_id');
    expect(stub.received.filter((r) => r.path.endsWith('/managers'))).toEqual([]);
  });

  it('clockify_update_project_memberships: user_ids takes first names and emails beside ids', async () => {
    const acme = fixture<Record<string, unknown>[]>('projects-list')[0]!;
    stub.use(team(mia, miaW), ...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/projects/${PROJECT_ACME}/memberships`, { ...acme, memberships: [] }));
    await runTool(clockify, 'clockify_update_project_memberships', { project_id: PROJECT_ACME, action: 'add', user_ids: ['mia.w@example.com', 'Bob', ME] }, { runtime: await startClockify() });
    expect(writes()[0]?.body).toMatchObject({ userIds: [MIA_W, '5a0ab5acb07987125438b610', ME] });
  });

  it('clockify_list_holidays: user_id "Mia" filters on her id', async () => {
    stub.use(team(mia), ...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/holidays`, []));
    await runTool(clockify, 'clockify_list_holidays', { user_id: 'Mia' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path.endsWith('/holidays'))?.query).toMatchObject({ 'assigned-to': MIA });
  });

  it('report tools: users takes an id, "me", an email, a full name and a unique first name; the former user_ids is read as users', async () => {
    const SUMMARY = `/workspaces/${WS}/reports/summary`;
    stub.use(team(mia, miaW), ...commonRoutes(stub), stub.route('post', SUMMARY, fixture('reports-summary')), stub.route('post', `/workspaces/${WS}/reports/weekly`, fixture('reports-weekly')));
    const runtime = await startClockify();
    const sent = () => (stub.received.filter((r) => r.path === SUMMARY).at(-1)?.body as { users?: { ids: string[] } }).users?.ids;
    expect((await runTool(clockify, 'clockify_get_summary_report', { start: 'last_week', users: ['mia weber', 'me', 'bob@example.com', BOB] }, { runtime })).isError).toBeFalsy();
    expect(sent()).toEqual([MIA_W, ME, BOB]);
    // A client that cached the old tools/list sends user_ids, and now names in it work too.
    expect((await runTool(clockify, 'clockify_get_weekly_report', { start: 'last_week', user_ids: ['Bob', ME] }, { runtime })).isError).toBeFalsy();
    expect((stub.received.filter((r) => r.path === `/workspaces/${WS}/reports/weekly`).at(-1)?.body as { users: { ids: string[] } }).users.ids).toEqual([BOB, ME]);
    expect((await runTool(clockify, 'clockify_get_summary_report', { start: 'last_week', user_ids: [ME], users: ['Bob'] }, { runtime })).isError).toBeFalsy();
    expect(sent()).toEqual([BOB, ME]);
    // One person-list argument in tools/list.
    for (const tool of clockify.tools.filter((t) => /_report$/.test(t.name) && 'users' in t.input.shape)) expect(Object.keys(tool.input.shape), tool.name).not.toContain('user_ids');
  });

  it('report tools: an ambiguous first name in users is refused with both candidates before any report call', async () => {
    stub.use(team(mia, miaW), ...commonRoutes(stub));
    const runtime = await startClockify();
    for (const tool of ['clockify_get_summary_report', 'clockify_get_detailed_report', 'clockify_get_weekly_report', 'clockify_get_expense_report']) {
      const error = errorOf(await runTool(clockify, tool, { start: 'last_week', users: ['Mia'] }, { runtime }));
      expect(error.fields, tool).toEqual([{ field: 'users[0]', problem: AMBIGUOUS }]);
      expect(errorOf(await runTool(clockify, tool, { start: 'last_week', user_ids: ['Mia'] }, { runtime })).fields, tool).toEqual([{ field: 'users[0]', problem: AMBIGUOUS }]);
    }
    expect(stub.received.filter((r) => r.path.includes('/reports/'))).toEqual([]);
  });
});
