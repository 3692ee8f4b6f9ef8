import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, TAG_OVERTIME, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/tags/${TAG_OVERTIME}`;
const ARCHIVED = { id: TAG_OVERTIME, name: 'overtime', workspaceId: WS, archived: true };

describe('clockify_update_tag', () => {
  it('renaming an archived tag leaves it archived (Clockify replaces the whole tag)', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', PATH, ARCHIVED),
      stub.route('put', PATH, ({ body }) => ({ ...ARCHIVED, ...(body as object), archived: (body as { archived?: boolean }).archived ?? false })),
    );
    const result = await runTool(clockify, 'clockify_update_tag', { tag_id: TAG_OVERTIME, name: 'overtime (paid)' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ name: 'overtime (paid)', archived: true });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, tag: { id: TAG_OVERTIME, name: 'overtime (paid)', archived: true, extra: {} } });
  });

  it('archives a tag given by name', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...ARCHIVED, archived: false }), stub.route('put', PATH, ({ body }) => ({ ...ARCHIVED, ...(body as object) })));
    await runTool(clockify, 'clockify_update_tag', { tag: 'Overtime', archived: true }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')).toMatchObject({ path: PATH, body: { name: 'overtime', archived: true } });
  });

  it('unarchives while keeping the name', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, ARCHIVED), stub.route('put', PATH, ({ body }) => ({ ...ARCHIVED, ...(body as object) })));
    await runTool(clockify, 'clockify_update_tag', { tag_id: TAG_OVERTIME, archived: false }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ name: 'overtime', archived: false });
  });

  it('maps a missing tag to not_found and writes nothing', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, clockifyError(404, 501, 'not found')));
    const error = errorOf(await runTool(clockify, 'clockify_update_tag', { tag_id: TAG_OVERTIME, name: 'x' }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
    expect(stub.received.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('refuses a call that changes nothing', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_tag', { tag_id: TAG_OVERTIME }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
