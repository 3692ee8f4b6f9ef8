import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6b11c2d3e4f5a6b7c8d9f002';

describe('clockify_update_shared_report', () => {
  it('makes a report public keeping its name, dates setting and audience', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/shared-reports`, fixture('shared_reports-list')),
      stub.route('put', `/workspaces/${WS}/shared-reports/${ID}`, ({ body }) => ({ id: ID, type: 'WEEKLY', ...(body as object) })),
    );
    const result = await runTool(clockify, 'clockify_update_shared_report', { shared_report_id: ID, is_public: true }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Design team weekly',
      isPublic: true,
      fixedDate: false,
      visibleToUsers: ['5a0ab5acb07987125438b60f'],
      visibleToUserGroups: ['68e1a2b3c4d5e6f7a8b9c001'],
    });
    expect(result.structuredContent).toMatchObject({ shared_report: { id: ID, is_public: true, name: 'Design team weekly', link: 'https://app.clockify.me/shared/6b11c2d3e4f5a6b7c8d9f002' } });
  });

  it('says not_found for an id that is not in the list, without writing', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/shared-reports`, fixture('shared_reports-list')));
    const error = errorOf(await runTool(clockify, 'clockify_update_shared_report', { shared_report_id: '6b11c2d3e4f5a6b7c8d9f0ff', name: 'x' }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it("maps Clockify's refusal of the write (403) to permission_denied", async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/shared-reports`, fixture('shared_reports-list')),
      stub.route('put', `/workspaces/${WS}/shared-reports/${ID}`, clockifyError(403, 403)),
    );
    const error = errorOf(await runTool(clockify, 'clockify_update_shared_report', { shared_report_id: ID, name: 'New' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses an empty name', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_shared_report', { shared_report_id: ID, name: '' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('name');
  });
});
