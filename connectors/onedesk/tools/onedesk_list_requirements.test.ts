import { describe, expect, it } from 'vitest';
import { errorOf, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();
const row = {
  id: 2001,
  externalId: '6a1d9c1e-0b7e-4f4a-9a55-0c6f2b1d7e31',
  name: 'Export to CSV',
  type: { label: 'Requirement' },
  lifecycleStatus: { name: 'Not started', state: 'NOT_STARTED' },
  project: { id: 17, externalId: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', name: 'IT Support' },
  assignees: [],
  creationTime: '2024-06-20T11:00:00.000+00:00',
};

describe('onedesk_list_requirements', () => {
  it('refuses a project that is neither a numeric id nor a UUID (a 100 KB number was an internal error), before OneDesk is asked', async () => {
    for (const project of ['7'.repeat(100_000), 'IT Support', '../x']) {
      const error = errorOf(await runTool(onedesk, 'onedesk_list_requirements', { project }, { runtime: await startOnedesk() }));
      expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'project' }] });
    }
    expect(stub.received.filter((r) => r.path === '/items/filter/details')).toEqual([]);
  });

  it('filters items on the type this organization uses for requirement', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok([row], { totalNum: 1 })));
    const result = await runTool(onedesk, 'onedesk_list_requirements', { project: '17' }, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect(filter?.body).toMatchObject({ itemType: ['Requirement'], properties: [{ property: 'projectId', operation: 'EQ', value: 17 }], limit: 20, offset: 0 });
    expect(result.structuredContent).toMatchObject({
      items: [{ id: 2001, type: 'Requirement', name: 'Export to CSV', status: 'Not started', project: { name: 'IT Support' }, assignees: [] }],
      next_cursor: null,
    });
  });

  it('answers a filter endpoint OneDesk lacks (404) with unsupported_by_vendor naming the path, never []', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', vendorError(404)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_requirements', {}, { runtime: await startOnedesk() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('/items/filter/details');
  });

  it('rejects an unknown argument', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_list_requirements', { owner: 'me' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
