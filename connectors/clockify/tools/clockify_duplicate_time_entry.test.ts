import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6601a2b3c4d5e6f7a8b9c0d1';

describe('clockify_duplicate_time_entry', () => {
  it("copies the entry for its user and returns the copy with names", async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')),
      stub.route('post', `/workspaces/${WS}/user/${ME}/time-entries/${ID}/duplicate`, HttpResponse.json({ ...fixture<Record<string, unknown>>('time-entry'), id: '6601a2b3c4d5e6f7a8b9c0e9' }, { status: 201 })),
    );
    const result = await runTool(clockify, 'clockify_duplicate_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ time_entry: { id: '6601a2b3c4d5e6f7a8b9c0e9', project: { name: 'Acme website' } } });
  });

  it('is not re-sent after a 502', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')),
      stub.route('post', `/workspaces/${WS}/user/${ME}/time-entries/${ID}/duplicate`, new HttpResponse(null, { status: 502 })),
    );
    expect(errorOf(await runTool(clockify, 'clockify_duplicate_time_entry', { time_entry_id: ID }, { runtime: await startClockify() })).code).toBe('upstream_error');
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses a malformed id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_duplicate_time_entry', { time_entry_id: 'x' }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });
});
