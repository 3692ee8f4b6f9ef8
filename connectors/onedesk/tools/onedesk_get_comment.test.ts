import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_get_comment', () => {
  it('reads one message by external id', async () => {
    stub.use(stub.route('get', '/conversation-messages/externalId/:x', ok(fixture<unknown[]>('messages')[0])));
    const result = await runTool(onedesk, 'onedesk_get_comment', { external_id: 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' }, { runtime: await startOnedesk() });
    expect(stub.received[0]?.path).toBe('/conversation-messages/externalId/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8');
    expect(result.structuredContent).toMatchObject({ comment: { content: 'Tried turning it off and on again.', item: { external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' } } });
  });

  it('maps a 404 to not_found', async () => {
    stub.use(stub.route('get', '/conversation-messages/externalId/:x', vendorError(404)));
    expect(errorOf(await runTool(onedesk, 'onedesk_get_comment', { external_id: '0d0e0a0d-0000-4000-8000-00000000dead' }, { runtime: await startOnedesk() })).code).toBe('not_found');
  });

  it('takes no numeric id (OneDesk reads messages by external id only)', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_get_comment', { id: 5 }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });
});
