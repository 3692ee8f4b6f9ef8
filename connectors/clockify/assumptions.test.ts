import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { runAssumptions } from '../../src/doctor/assumptions';
import { silentLog } from '../../tests/support/connector-kit';
import { clockifyAssumptions } from './assumptions';
import { clockify, clockifyError, clockifyStub, commonRoutes, fixture, ME, startClockify, WS } from './test-support';

const stub = clockifyStub();
const defaults = new Set(clockify.tools.filter((t) => clockify.toolsets.find((s) => s.id === t.toolset)?.default).map((t) => t.name));

describe('Clockify vendor assumptions (doctor --deep)', () => {
  it('against a Clockify answering as its specs say, the time entry checks hold; a changed field is reported with the tools it breaks', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, fixture('time-entries-list')));
    const probed = clockifyAssumptions.filter((a) => ['user', 'time_entries.list', 'time_entries.bulk_edit'].includes(a.id));
    const rows = await runAssumptions('clockify', probed, await startClockify(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by.user!.outcome).toBe('holds');
    expect(by['time_entries.list']).toMatchObject({ outcome: 'holds', affectsDefaults: true });
    expect(by['time_entries.bulk_edit']!.outcome).toBe('could_not_check');
    expect(JSON.stringify(rows)).not.toContain('Homepage wireframes');

    const changed = fixture<Record<string, unknown>[]>('time-entries-list').map((e) => ({ ...e, timeInterval: 'PT2H' }));
    stub.use(stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, HttpResponse.json(changed)));
    const again = await runAssumptions('clockify', clockifyAssumptions.filter((a) => a.id === 'time_entries.list'), await startClockify(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    expect(again[0]).toMatchObject({ outcome: 'differs', affectsDefaults: true });
    expect(again[0]!.evidence).toContain('timeInterval: string');
    expect(again[0]!.tools).toContain('clockify_create_time_entry');
  });

  it('checks that lists page and that every summary group and change type the tools send is accepted, naming each refused value', async () => {
    const members = fixture<Record<string, unknown>[]>('users-list');
    stub.use(
      stub.route('get', `/workspaces/${WS}/users`, ({ query }) => {
        const page = Number(query.page ?? 1);
        const size = Number(query['page-size'] ?? 50);
        return HttpResponse.json(members.slice((page - 1) * size, page * size));
      }),
      stub.route('post', `/workspaces/${WS}/reports/summary`, ({ body }) =>
        (body as { summaryFilter: { groups: string[] } }).summaryFilter.groups[0] === 'MONTH' ? clockifyError(400, 501, 'bad group') : HttpResponse.json({ totals: [], groupOne: [] }),
      ),
      stub.route('get', `/workspaces/${WS}/entities/created`, ({ query }) => (query.type === 'INVOICES' ? clockifyError(400, 501, 'bad type') : HttpResponse.json([]))),
      ...commonRoutes(stub),
    );
    const ids = ['paging', 'enums.summary_groups', 'enums.change_types'];
    const rows = await runAssumptions('clockify', clockifyAssumptions.filter((a) => ids.includes(a.id)), await startClockify(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(members.length).toBeGreaterThan(1);
    expect(by.paging, JSON.stringify(by.paging)).toMatchObject({ outcome: 'holds' });
    expect(by['enums.summary_groups']).toMatchObject({ outcome: 'differs', evidence: 'HTTP 400 for group MONTH', affectsDefaults: true });
    expect(by['enums.change_types']).toMatchObject({ outcome: 'differs', evidence: 'HTTP 400 for type INVOICES' });

    // A list that ignores page-size differs.
    stub.use(stub.route('get', `/workspaces/${WS}/users`, HttpResponse.json(members)));
    const [ignored] = await runAssumptions('clockify', clockifyAssumptions.filter((a) => a.id === 'paging'), await startClockify(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    expect(ignored).toMatchObject({ outcome: 'differs', evidence: expect.stringContaining('paging is ignored') });
  });
});
