import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_messages', () => {
  it('lists the messages of one conversation containing some text', async () => {
    stub.use(stub.route('post', '/conversation-messages/filter/details', ok(fixture('messages'), { totalNum: 1 })));
    const result = await runTool(
      onedesk,
      'onedesk_list_messages',
      { conversation_external_id: '0f1e2d3c-4b5a-4968-8776-655443322110', text: 'again' },
      { runtime: await startOnedesk() },
    );
    expect(stub.received[0]?.body).toMatchObject({
      properties: [
        { property: 'conversationExternalId', operation: 'EQ', value: '0f1e2d3c-4b5a-4968-8776-655443322110' },
        { property: 'content', operation: 'CONTAINS', value: 'again' },
      ],
    });
    expect(result.structuredContent).toMatchObject({ messages: [{ content: 'Tried turning it off and on again.' }], next_cursor: null });
  });

  it('passes a server error on as upstream_error, not as an empty list', async () => {
    stub.use(stub.route('post', '/conversation-messages/filter/details', vendorError(500)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_messages', { item_id: 1042 }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('upstream_error');
  });

  it('needs a conversation or an item, not both', async () => {
    const runtime = await startOnedesk();
    expect(errorOf(await runTool(onedesk, 'onedesk_list_messages', {}, { runtime })).code).toBe('invalid_argument');
    expect(errorOf(await runTool(onedesk, 'onedesk_list_messages', { item_id: 1, conversation_external_id: 'c0c0c0c0-0000-4000-8000-000000000002' }, { runtime })).code).toBe('invalid_argument');
  });
});
