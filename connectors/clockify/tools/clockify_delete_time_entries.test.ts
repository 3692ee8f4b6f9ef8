import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const IDS = ['6601a2b3c4d5e6f7a8b9c0d1', '6601a2b3c4d5e6f7a8b9c0d2'];

describe('clockify_delete_time_entries', () => {
  it('deletes several of my entries in one call, ids repeated in the query, and lists what went', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/user/${ME}/time-entries`, fixture('time-entries-list')));
    const result = await runTool(clockify, 'clockify_delete_time_entries', { time_entry_ids: IDS }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'DELETE')?.queryAll).toEqual({ 'time-entry-ids': IDS });
    const { deleted } = result.structuredContent as { deleted: { id: string; project: { name: string } }[] };
    expect(deleted.map((d) => d.project.name)).toEqual(['Internal', 'Acme website']);
  });

  it('a 403 is permission_denied', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/user/${ME}/time-entries`, clockifyError(403, 0, 'no')));
    expect(errorOf(await runTool(clockify, 'clockify_delete_time_entries', { time_entry_ids: IDS }, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('needs at least one id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_delete_time_entries', { time_entry_ids: [] }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('time_entry_ids');
  });
});
