import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_comments', () => {
  it("lists an item's conversation messages as comments", async () => {
    stub.use(stub.route('post', '/conversation-messages/filter/details', ok(fixture('messages'))));
    const result = await runTool(onedesk, 'onedesk_list_comments', { item_external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' }, { runtime: await startOnedesk() });
    expect(stub.received[0]?.body).toMatchObject({ properties: [{ property: 'itemExternalId', operation: 'EQ', value: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' }] });
    expect(result.structuredContent).toMatchObject({
      comments: [
        {
          external_id: 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
          conversation_external_id: '0f1e2d3c-4b5a-4968-8776-655443322110',
          author: { name: 'Pam Beesly' },
          content: 'Tried turning it off and on again.',
          visibility: 'INTERNAL',
          created_at: '2024-06-17T16:01:00.000+00:00',
        },
      ],
      next_cursor: null,
    });
  });

  it('says when OneDesk has no such list for this key (404), naming the path', async () => {
    stub.use(stub.route('post', '/conversation-messages/filter/details', vendorError(404)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_comments', { item_id: 1042 }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('/conversation-messages/filter/details');
  });

  it('needs an item', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_list_comments', {}, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
