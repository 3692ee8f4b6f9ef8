import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, testPrincipal, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_stop_timer', () => {
  it('stops my running timer now and returns the stopped entry', async () => {
    const stopped = { ...fixture<Record<string, unknown>[]>('time-entries-list')[0]!, timeInterval: { start: '2024-03-15T08:30:00Z', end: '2024-03-15T10:00:00Z', duration: 'PT1H30M' } };
    stub.use(...commonRoutes(stub), stub.route('patch', `/workspaces/${WS}/user/${ME}/time-entries`, stopped));
    const result = await runTool(clockify, 'clockify_stop_timer', {}, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PATCH')?.body).toEqual({ end: '2024-03-15T10:00:00Z' });
    expect(result.structuredContent).toMatchObject({ time_entry: { running: false, end: '2024-03-15T11:00:00+01:00', duration: '1h 30m' } });
  });

  it('with nothing running is precondition_failed pointing at clockify_list_running_timers', async () => {
    stub.use(...commonRoutes(stub), stub.route('patch', `/workspaces/${WS}/user/${ME}/time-entries`, clockifyError(404, 404, "Currently running time entry doesn't exist")));
    const error = errorOf(await runTool(clockify, 'clockify_stop_timer', {}, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'precondition_failed', alternatives: ['clockify_list_running_timers'] });
    expect(error.message).toMatch(/No timer is running/);
  });

  it("refuses a bad end, and a non-admin stopping someone else's timer", async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_stop_timer', { end: 'later' }, { runtime })).fields?.[0]?.field).toBe('end');
    expect(errorOf(await runTool(clockify, 'clockify_stop_timer', { user_id: BOB }, { runtime, principal: testPrincipal('staff') })).code).toBe('permission_denied');
    expect(stub.received.filter((r) => r.method === 'PATCH')).toEqual([]);
  });
});
