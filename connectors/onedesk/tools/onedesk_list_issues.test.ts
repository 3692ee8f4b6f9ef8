import { describe, expect, it } from 'vitest';
import { errorOf, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();
const row = {
  id: 2001,
  externalId: '6a1d9c1e-0b7e-4f4a-9a55-0c6f2b1d7e31',
  name: 'Export to CSV',
  type: { label: 'Bug' },
  lifecycleStatus: { name: 'Not started', state: 'NOT_STARTED' },
  project: { id: 17, externalId: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', name: 'IT Support' },
  assignees: [],
  creationTime: '2024-06-20T11:00:00.000+00:00',
};

describe('onedesk_list_issues', () => {
  it('filters items on the type this organization uses for issue', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok([row], { totalNum: 1 })));
    const result = await runTool(onedesk, 'onedesk_list_issues', { project: '17' }, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect(filter?.body).toMatchObject({ itemType: ['Bug'], properties: [{ property: 'projectId', operation: 'EQ', value: 17 }], limit: 20, offset: 0 });
    expect(result.structuredContent).toMatchObject({
      items: [{ id: 2001, type: 'Bug', name: 'Export to CSV', status: 'Not started', project: { name: 'IT Support' }, assignees: [] }],
      next_cursor: null,
    });
  });

  it('answers a filter endpoint OneDesk lacks (404) with unsupported_by_vendor naming the path, never []', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', vendorError(404)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_issues', {}, { runtime: await startOnedesk() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('/items/filter/details');
  });

  it('rejects an unknown argument', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_list_issues', { owner: 'me' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
