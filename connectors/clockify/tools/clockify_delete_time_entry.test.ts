import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, testPrincipal, WS, MINE_AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const ID = '6601a2b3c4d5e6f7a8b9c0d1';

describe('clockify_delete_time_entry', () => {
  it('deletes my entry and says which', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')),
      stub.route('delete', `/workspaces/${WS}/time-entries/${ID}`, new HttpResponse(null, { status: 204 })),
    );
    const result = await runTool(clockify, 'clockify_delete_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: MINE_AS_KEY_OWNER, deleted: true, time_entry_id: ID, description: 'Homepage wireframes' });
    expect(stub.received.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it("a non-admin may not delete another user's entry", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...fixture<Record<string, unknown>>('time-entry'), userId: BOB }));
    const error = errorOf(await runTool(clockify, 'clockify_delete_time_entry', { time_entry_id: ID }, { runtime: await startClockify(), principal: testPrincipal('staff') }));
    expect(error.code).toBe('permission_denied');
    expect(stub.received.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('an unknown entry is not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, clockifyError(404, 501, 'nope')));
    expect(errorOf(await runTool(clockify, 'clockify_delete_time_entry', { time_entry_id: ID }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('needs a time_entry_id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_delete_time_entry', {}, { runtime: await startClockify() })).fields?.[0]?.field).toBe('time_entry_id');
  });
});
