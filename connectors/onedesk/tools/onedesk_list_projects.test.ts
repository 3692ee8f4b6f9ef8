import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_projects', () => {
  it('lists projects with status and archived flag', async () => {
    stub.use(stub.route('post', '/projects/filter/details', ok(fixture('projects'), { totalNum: 2 })));
    const result = await runTool(onedesk, 'onedesk_list_projects', { text: 'Support' }, { runtime: await startOnedesk() });
    expect(stub.received[0]?.body).toMatchObject({ properties: [{ property: 'name', operation: 'CONTAINS', value: 'Support' }], limit: 20, offset: 0 });
    expect(result.structuredContent).toMatchObject({
      projects: [
        { id: 17, external_id: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', name: 'IT Support', archived: false, status: 'Active', type: 'Project', author: 'Michael Scott' },
        { id: 18, archived: true, status: 'Closed', status_state: 'COMPLETED' },
      ],
      next_cursor: null,
    });
  });

  it('answers 401 as unauthenticated', async () => {
    stub.use(stub.route('post', '/projects/filter/details', vendorError(401, 'UNAUTHORIZED')));
    expect(errorOf(await runTool(onedesk, 'onedesk_list_projects', {}, { runtime: await startOnedesk() })).code).toBe('unauthenticated');
  });

  it('rejects a cursor from another list', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_list_projects', { cursor: 'eyJzIjoib25lZGVza19saXN0X3RpY2tldHMiLCJvIjo1MH0' }, { runtime: await startOnedesk() }));
    expect(error.fields?.[0]?.field).toBe('cursor');
  });
});
