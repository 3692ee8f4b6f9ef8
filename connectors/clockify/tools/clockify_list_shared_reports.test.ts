import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const LIST = `/workspaces/${WS}/shared-reports`;

describe('clockify_list_shared_reports', () => {
  it('lists shared reports with links and author names, paging with pageSize', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', LIST, fixture('shared_reports-list')));
    const result = await runTool(clockify, 'clockify_list_shared_reports', { filter: 'created_by_me', limit: 5 }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === LIST)?.query).toEqual({ page: '1', pageSize: '5', sharedReportsFilter: 'CREATED_BY_ME' });
    const out = result.structuredContent as { total: number; items: Record<string, unknown>[]; next_cursor: string | null };
    expect(out.total).toBe(2);
    expect(out.items[0]).toMatchObject({
      id: '6b11c2d3e4f5a6b7c8d9f001',
      name: 'Acme Q3 summary',
      type: 'SUMMARY',
      is_public: true,
      link: 'https://app.clockify.me/shared/6b11c2d3e4f5a6b7c8d9f001',
      author: 'Alice Moreau',
    });
    expect(out.items[1]).toMatchObject({ visible_to_group_ids: ['68e1a2b3c4d5e6f7a8b9c001'] });
    expect(out.next_cursor).toBeNull();
  });

  it('turns HTTP 402 into plan_required naming shared reports', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', LIST, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_list_shared_reports', {}, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
    expect(error.message).toMatch(/shared reports/);
  });

  it('refuses an unknown filter', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_shared_reports', { filter: 'mine' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('filter');
  });
});
