import { describe, expect, it } from 'vitest';
import { AS_KEY_OWNER, errorOf, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_add_comment', () => {
  it("posts to the item's existing conversation", async () => {
    stub.use(
      stub.route('post', '/conversations/filter/details', ok([{ externalId: '0f1e2d3c-4b5a-4968-8776-655443322110' }])),
      stub.route('post', '/conversation-messages/', ok('e0e1e2e3-0000-4000-8000-000000000001')),
    );
    const result = await runTool(onedesk, 'onedesk_add_comment', { item_id: 1042, content: 'Ordered a new fuser.' }, { runtime: await startOnedesk() });
    expect(stub.received.map((r) => r.path)).toEqual(['/conversations/filter/details', '/conversation-messages/']);
    expect(stub.received[1]?.body).toEqual({ conversationExternalId: '0f1e2d3c-4b5a-4968-8776-655443322110', content: 'Ordered a new fuser.' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER,
      comment: { id: null, external_id: 'e0e1e2e3-0000-4000-8000-000000000001', conversation_external_id: '0f1e2d3c-4b5a-4968-8776-655443322110' },
      conversation_created: false,
    });
  });

  it('creates the conversation first when the item has none', async () => {
    stub.use(
      stub.route('post', '/conversations/filter/details', ok([])),
      stub.route('post', '/conversations/', ok('c0c0c0c0-0000-4000-8000-000000000002')),
      stub.route('post', '/conversation-messages/', ok(77)),
    );
    const result = await runTool(onedesk, 'onedesk_add_comment', { item_id: 1042, content: 'First!' }, { runtime: await startOnedesk() });
    expect(stub.received[1]).toMatchObject({ path: '/conversations/', body: { itemId: 1042 } });
    expect(result.structuredContent).toMatchObject({ comment: { id: 77, conversation_external_id: 'c0c0c0c0-0000-4000-8000-000000000002' }, conversation_created: true });
  });

  it('maps a refused post to permission_denied', async () => {
    stub.use(stub.route('post', '/conversation-messages/', vendorError(403)));
    const error = errorOf(await runTool(onedesk, 'onedesk_add_comment', { conversation_external_id: 'c0c0c0c0-0000-4000-8000-000000000002', content: 'x' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses an empty comment', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_add_comment', { item_id: 1, content: '  ' }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
