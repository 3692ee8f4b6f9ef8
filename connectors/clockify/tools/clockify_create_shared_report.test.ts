import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const CREATE = `/workspaces/${WS}/shared-reports`;

describe('clockify_create_shared_report', () => {
  it('shares a public summary of Q3 for a client, with fixed dates in the user zone', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, fixture('shared_reports-created')));
    const result = await runTool(
      clockify,
      'clockify_create_shared_report',
      { name: 'Acme Q3 summary for client', type: 'summary', start: '2023-07-01', end: '2023-09-30', clients: ['Acme Corp'], group_by: ['project', 'user'], is_public: true },
      { runtime: await startClockify() },
    );
    expect(stub.received.find((r) => r.path === CREATE)?.body).toEqual({
      name: 'Acme Q3 summary for client',
      type: 'SUMMARY',
      isPublic: true,
      fixedDate: true,
      visibleToUsers: [],
      visibleToUserGroups: [],
      filter: {
        dateRangeStart: '2023-07-01T00:00:00.000',
        dateRangeEnd: '2023-09-30T23:59:59.999',
        timeZone: 'Europe/Paris',
        exportType: 'JSON',
        clients: { ids: [CLIENT_ACME], contains: 'CONTAINS', status: 'ALL' },
        summaryFilter: { groups: ['PROJECT', 'USER'], sortColumn: 'GROUP' },
      },
    });
    expect(result.structuredContent).toMatchObject({
      shared_report: { id: '6b11c2d3e4f5a6b7c8d9f003', link: 'https://app.clockify.me/shared/6b11c2d3e4f5a6b7c8d9f003', is_public: true, author: 'Alice Moreau' },
      range: { start: '2023-07-01', end: '2023-09-30' },
    });
  });

  it('maps a plan without shared reports (402) to plan_required', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_create_shared_report', { name: 'x', type: 'detailed', start: 'last_month' }, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
  });

  it('refuses a weekly report over 6 days or grouped by tag before any call', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    const six = errorOf(await runTool(clockify, 'clockify_create_shared_report', { name: 'w', type: 'weekly', start: '2024-03-04', end: '2024-03-09' }, { runtime }));
    expect(six.code).toBe('invalid_argument');
    const tag = errorOf(await runTool(clockify, 'clockify_create_shared_report', { name: 'w', type: 'weekly', start: 'last_week', group_by: ['tag'] }, { runtime }));
    expect(tag.fields?.[0]?.field).toBe('group_by');
    expect(stub.received.filter((r) => r.path === CREATE)).toEqual([]);
  });
});
