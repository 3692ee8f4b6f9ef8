import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_worklogs', () => {
  it('filters timesheets by item, user email and an inclusive date range, with durations and a page total', async () => {
    stub.use(stub.route('post', '/users/filter/details', ok(fixture('users'))), stub.route('post', '/timesheets/filter/details', ok(fixture('timesheets'), { totalNum: 1 })));
    const result = await runTool(
      onedesk,
      'onedesk_list_worklogs',
      { item_id: 1042, user: 'pam@dundermifflin.test', from: '2024-06-01', to: '2024-06-30' },
      { runtime: await startOnedesk() },
    );
    const filter = stub.received.find((r) => r.path === '/timesheets/filter/details');
    expect(filter?.body).toEqual({
      properties: [
        { property: 'itemId', operation: 'EQ', value: 1042 },
        { property: 'authorExternalId', operation: 'EQ', value: '471cb72b-c56a-4413-8a51-abb2ffac0a2f' },
        { property: 'dateStart', operation: 'GE', value: '2024-06-01T00:00:00.000Z' },
        { property: 'dateStart', operation: 'LT', value: '2024-07-01T00:00:00.000Z' },
      ],
      isAsc: false,
      limit: 20,
      offset: 0,
    });
    expect(result.structuredContent).toMatchObject({
      worklogs: [
        {
          id: 501,
          item: { id: 1042, external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75', name: 'Printer on floor 2 jams' },
          user: { external_id: '471cb72b-c56a-4413-8a51-abb2ffac0a2f', name: 'Pam Beesly' },
          start: '2024-06-18T09:00:00.000+00:00',
          duration: { seconds: 5400, readable: '1h 30m' },
          percent_complete: 50,
          billable: true,
          comment: 'Replaced the fuser',
        },
      ],
      page_total: { seconds: 5400, readable: '1h 30m' },
      next_cursor: null,
    });
  });

  it('answers a missing /timesheets/filter endpoint with unsupported_by_vendor naming it, never []', async () => {
    stub.use(stub.route('post', '/timesheets/filter/details', vendorError(405)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_worklogs', {}, { runtime: await startOnedesk() }));
    expect(error).toMatchObject({ code: 'unsupported_by_vendor', retryable: false });
    expect(error.message).toContain('/timesheets/filter/details');
  });

  it('reads "last week" alone as that week, Monday to Sunday (UTC)', async () => {
    stub.use(stub.route('post', '/timesheets/filter/details', ok([], { totalNum: 0 })));
    const runtime = await startOnedesk();
    runtime.now = () => new Date('2024-06-19T08:00:00Z'); // a Wednesday
    await runTool(onedesk, 'onedesk_list_worklogs', { from: 'last week' }, { runtime });
    expect(stub.received[0]?.body).toMatchObject({
      properties: [
        { property: 'dateStart', operation: 'GE', value: '2024-06-10T00:00:00.000Z' },
        { property: 'dateStart', operation: 'LT', value: '2024-06-17T00:00:00.000Z' },
      ],
    });
  });

  it('rejects a malformed date', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_list_worklogs', { from: 'June' }, { runtime: await startOnedesk() }));
    expect(error.fields?.[0]?.field).toBe('from');
    expect(stub.received).toEqual([]);
  });
});
