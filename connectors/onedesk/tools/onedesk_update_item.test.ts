import { describe, expect, it } from 'vitest';
import { AS_KEY_OWNER, errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_update_item', () => {
  it('posts only the changed fields, with the status checked and assignee emails resolved', async () => {
    stub.use(
      stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))),
      stub.route('post', '/users/filter/details', ok(fixture('users'))),
      stub.route('post', '/items/id/:id', ok(1042)),
    );
    const result = await runTool(
      onedesk,
      'onedesk_update_item',
      { id: 1042, status: 'closed', percent_complete: 100, assignees: ['dwight@dundermifflin.test'] },
      { runtime: await startOnedesk() },
    );
    const update = stub.received.find((r) => r.path === '/items/id/1042');
    expect(update).toMatchObject({ method: 'POST', body: { percentComplete: 100, lifecycleStatus: 'Closed', assignees: ['d5ef5e78-a82b-477f-be9c-a17b04283648'] } });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, item: { id: 1042, external_id: null }, changed: ['percent_complete', 'status', 'assignees'] });
  });

  it('lists the valid statuses when the name is unknown, without updating', async () => {
    stub.use(stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))));
    const error = errorOf(await runTool(onedesk, 'onedesk_update_item', { id: 1, status: 'Deleted' }, { runtime: await startOnedesk() }));
    expect(error.message).toContain('Not started, In progress, Closed, Cancelled');
    expect(stub.received.map((r) => r.path)).toEqual(['/organization/lifecycleStatus']);
  });

  it('maps a 404 to not_found', async () => {
    stub.use(stub.route('post', '/items/externalId/:x', vendorError(404)));
    expect(errorOf(await runTool(onedesk, 'onedesk_update_item', { external_id: '0d0e0a0d-0000-4000-8000-00000000dead', name: 'x' }, { runtime: await startOnedesk() })).code).toBe('not_found');
  });

  it('needs something to change', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_update_item', { id: 1 }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
