import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_list_time_entries', () => {
  const MIA = '5a0ab5acb07987125438b611';
  const team = (...extra: Record<string, unknown>[]) => [...fixture<Record<string, unknown>[]>('users-list'), ...extra];

  it('takes the user as a unique first name ("Mia" when there is one Mia), not only a 24-character id (issue 17)', async () => {
    stub.use(
      stub.route('get', `/workspaces/${WS}/users`, team({ id: MIA, name: 'Mia Schneider', email: 'mia@example.com', status: 'ACTIVE' })),
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/user/${MIA}/time-entries`, []),
    );
    const result = await runTool(clockify, 'clockify_list_time_entries', { user: 'Mia', start: 'yesterday' }, { runtime: await startClockify() });
    expect(result.isError).toBeFalsy();
    expect(stub.received.some((r) => r.path === `/workspaces/${WS}/user/${MIA}/time-entries`)).toBe(true);
  });

  it('answers an ambiguous first name with the candidates, and asks Clockify for nobody\'s entries', async () => {
    stub.use(
      stub.route('get', `/workspaces/${WS}/users`, team({ id: MIA, name: 'Mia Schneider', email: 'mia@example.com' }, { id: '5a0ab5acb07987125438b612', name: 'Mia Weber', email: 'mia.w@example.com' })),
      ...commonRoutes(stub),
    );
    const error = errorOf(await runTool(clockify, 'clockify_list_time_entries', { user: 'mia' }, { runtime: await startClockify() }));
    expect(error.message).toBe('2 users match "mia" by first name.');
    expect(error.fields).toEqual([
      { field: 'user', problem: `ambiguous: "Mia Schneider" (id ${MIA}, mia@example.com); "Mia Weber" (id 5a0ab5acb07987125438b612, mia.w@example.com)` },
    ]);
    expect(stub.received.filter((r) => r.path.endsWith('/time-entries'))).toEqual([]);
  });

  it('reads start "yesterday" alone as that whole day in the user\'s zone, and "last week" as Monday to Sunday (issue 17)', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, []));
    const runtime = await startClockify(); // now: Friday 2024-03-15 11:00 in Paris
    await runTool(clockify, 'clockify_list_time_entries', { start: 'yesterday' }, { runtime });
    await runTool(clockify, 'clockify_list_time_entries', { start: 'last week' }, { runtime });
    const lists = stub.received.filter((r) => r.path.endsWith('/time-entries'));
    expect(lists.map((r) => [r.query.start, r.query.end])).toEqual([
      ['2024-03-13T23:00:00Z', '2024-03-14T23:00:00Z'],
      ['2024-03-03T23:00:00Z', '2024-03-10T23:00:00Z'],
    ]);
  });

  it("lists my entries hydrated, with names, Paris times and the running one as running with end null", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, fixture('time-entries-list')));
    const result = await runTool(clockify, 'clockify_list_time_entries', { start: '2024-03-11', end: '2024-03-15', project: 'Acme website', limit: 10 }, { runtime: await startClockify() });
    const list = stub.received.find((r) => r.path.endsWith('/time-entries'));
    expect(list?.query).toEqual({ hydrated: 'true', start: '2024-03-10T23:00:00Z', end: '2024-03-15T23:00:00Z', project: PROJECT_ACME, page: '1', 'page-size': '10' });
    const { time_entries, next_cursor } = result.structuredContent as { time_entries: Record<string, unknown>[]; next_cursor: string | null };
    expect(next_cursor).toBeNull();
    expect(time_entries[0]).toMatchObject({ running: true, end: null, start: '2024-03-15T09:30:00+01:00', duration_seconds: 5400, project: { name: 'Internal' }, user: { name: 'Alice Moreau' } });
    expect(time_entries[1]).toMatchObject({
      project: { id: PROJECT_ACME, name: 'Acme website' },
      client: { name: 'Acme Corp' },
      task: { name: 'Design' },
      tags: [{ name: 'meeting' }],
      start: '2024-03-14T14:00:00+01:00',
      end: '2024-03-14T16:00:00+01:00',
      duration: '2h',
    });
  });

  it('pages with limit and cursor, never more than asked', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, ({ query }) =>
        new Response(JSON.stringify(fixture<unknown[]>('time-entries-list').slice(Number(query.page) - 1, Number(query.page))), {
          headers: { 'content-type': 'application/json', 'Last-Page': query.page === '2' ? 'true' : 'false' },
        }),
      ),
    );
    const runtime = await startClockify();
    const first = (await runTool(clockify, 'clockify_list_time_entries', { user_id: BOB, limit: 1 }, { runtime })).structuredContent as { time_entries: unknown[]; next_cursor: string };
    expect(first.time_entries).toHaveLength(1);
    const second = (await runTool(clockify, 'clockify_list_time_entries', { user_id: BOB, limit: 1, cursor: first.next_cursor }, { runtime })).structuredContent as { time_entries: unknown[]; next_cursor: string | null };
    expect(second.time_entries).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
  });

  it('a bad key is unauthenticated with the reason', async () => {
    stub.use(stub.route('get', '/user', clockifyError(401, 4003, 'Api key does not exist')));
    const error = errorOf(await runTool(clockify, 'clockify_list_time_entries', {}, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'unauthenticated', retryable: false });
  });

  it('refuses a limit over 200 and an unknown field', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_list_time_entries', { limit: 500 }, { runtime })).fields?.[0]?.field).toBe('limit');
    expect(errorOf(await runTool(clockify, 'clockify_list_time_entries', { employee: 'bob' }, { runtime })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
