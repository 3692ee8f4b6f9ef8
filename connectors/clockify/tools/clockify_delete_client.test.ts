import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/clients/${CLIENT_ACME}`;
const acme = () => fixture<Record<string, unknown>[]>('clients-list')[0]!;

describe('clockify_delete_client', () => {
  it('refuses to delete an active client with precondition_failed naming the archive call', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(400, 501, 'Cannot delete an active client')));
    const error = errorOf(await runTool(clockify, 'clockify_delete_client', { client_id: CLIENT_ACME }, { runtime: await startClockify() }));
    expect(error.code).toBe('precondition_failed');
    expect(error.hint).toContain('clockify_update_client {"archived": true}');
    expect(error.hint).toContain('archive_first');
  });

  it('with archive_first archives the active client, then deletes it', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', PATH, acme()),
      stub.route('put', PATH, ({ body }) => ({ ...acme(), ...(body as object) })),
      stub.route('delete', PATH, { ...acme(), archived: true }),
    );
    const result = await runTool(clockify, 'clockify_delete_client', { client_id: CLIENT_ACME, archive_first: true }, { runtime: await startClockify() });
    const writes = stub.received.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    expect(writes[0]?.body).toMatchObject({ archived: true, name: 'Acme Corp', note: 'Net 30' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, client: { id: CLIENT_ACME, name: 'Acme Corp' }, archived_first: true });
  });

  it('with archive_first does not write an already archived client', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...acme(), archived: true }), stub.route('delete', PATH, { ...acme(), archived: true }));
    const result = await runTool(clockify, 'clockify_delete_client', { client_id: CLIENT_ACME, archive_first: true }, { runtime: await startClockify() });
    expect(stub.received.some((r) => r.method === 'PUT')).toBe(false);
    expect(result.structuredContent).toMatchObject({ archived_first: false });
  });

  it('rejects archive_first that is not a boolean', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_delete_client', { client_id: CLIENT_ACME, archive_first: 'yes' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('archive_first');
    expect(stub.received).toEqual([]);
  });
});
