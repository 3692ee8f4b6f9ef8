import { describe, expect, it } from 'vitest';
import { AS_KEY_OWNER, errorOf, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_create_item', () => {
  it("creates an item with the organization's label for the type", async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/', ok(1077)));
    const result = await runTool(
      onedesk,
      'onedesk_create_item',
      { item_type: 'issue', name: 'Login page 500s', description: 'Since the deploy.', project_external_id: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', priority: 80 },
      { runtime: await startOnedesk() },
    );
    expect(stub.received[1]).toMatchObject({
      method: 'POST',
      path: '/items/',
      body: { name: 'Login page 500s', type: 'Bug', description: 'Since the deploy.', projectExternalId: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', priority: 80 },
    });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, item: { id: 1077, external_id: null, type: 'Bug', name: 'Login page 500s' } });
  });

  it('lists the types the organization has when the type is unknown, without creating anything', async () => {
    stub.use(itemTypesRoute(stub));
    const error = errorOf(await runTool(onedesk, 'onedesk_create_item', { item_type: 'Epic', name: 'x' }, { runtime: await startOnedesk() }));
    expect(error.message).toContain('Ticket, Task, Bug, Requirement, Feedback');
    expect(stub.received.map((r) => r.path)).toEqual(['/organization/itemTypes']);
  });

  it('maps a vendor 400 to invalid_argument', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/', vendorError(400)));
    expect(errorOf(await runTool(onedesk, 'onedesk_create_item', { item_type: 'Ticket', name: 'x' }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });

  it('refuses a priority off the 20-step scale', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_create_item', { item_type: 'Ticket', name: 'x', priority: 50 }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });
});
