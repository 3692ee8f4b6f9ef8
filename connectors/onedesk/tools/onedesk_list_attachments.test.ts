import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_attachments', () => {
  it("lists an item's attachments with size and type", async () => {
    stub.use(stub.route('post', '/attachments/filter/details', ok(fixture('attachments'))));
    const result = await runTool(onedesk, 'onedesk_list_attachments', { item_id: 1042 }, { runtime: await startOnedesk() });
    expect(stub.received[0]?.body).toMatchObject({ properties: [{ property: 'itemId', operation: 'EQ', value: 1042 }] });
    expect(result.structuredContent).toMatchObject({
      attachments: [{ external_id: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d', name: 'jam-photo.jpg', size_bytes: 482133, content_type: 'image/jpeg', extra: { itemExternalId: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' } }],
    });
  });

  it('maps a 403 to permission_denied', async () => {
    stub.use(stub.route('post', '/attachments/filter/details', vendorError(403)));
    expect(errorOf(await runTool(onedesk, 'onedesk_list_attachments', { item_id: 1 }, { runtime: await startOnedesk() })).code).toBe('permission_denied');
  });

  it('rejects a limit over 200', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_list_attachments', { item_id: 1, limit: 201 }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });
});
