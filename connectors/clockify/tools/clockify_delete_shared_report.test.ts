import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const ID = '6b11c2d3e4f5a6b7c8d9f001';

describe('clockify_delete_shared_report', () => {
  it('deletes the shared report on the reports host', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/shared-reports/${ID}`, new HttpResponse(null, { status: 204 })));
    const result = await runTool(clockify, 'clockify_delete_shared_report', { shared_report_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, shared_report_id: ID });
    expect(stub.received.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('maps 404 to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('delete', `/workspaces/${WS}/shared-reports/${ID}`, clockifyError(404, 0)));
    const error = errorOf(await runTool(clockify, 'clockify_delete_shared_report', { shared_report_id: ID }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('refuses a missing id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_delete_shared_report', {}, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('shared_report_id');
  });
});
