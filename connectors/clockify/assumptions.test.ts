import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { runAssumptions } from '../../src/doctor/assumptions';
import { silentLog } from '../../tests/support/connector-kit';
import { clockifyAssumptions } from './assumptions';
import { clockify, clockifyStub, commonRoutes, fixture, ME, startClockify, WS } from './test-support';

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
});
