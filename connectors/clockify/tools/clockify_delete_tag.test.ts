import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, TAG_MEETING, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/tags/${TAG_MEETING}`;

describe('clockify_delete_tag', () => {
  it('deletes the tag and names it from the answer', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, { id: TAG_MEETING, name: 'meeting', workspaceId: WS, archived: false }));
    const result = await runTool(clockify, 'clockify_delete_tag', { tag_id: TAG_MEETING }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, tag: { id: TAG_MEETING, name: 'meeting' } });
    expect(stub.received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([PATH]);
  });

  it('deletes a tag given by name', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, { id: TAG_MEETING, name: 'meeting', workspaceId: WS, archived: false }));
    const result = await runTool(clockify, 'clockify_delete_tag', { tag: 'meeting' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ deleted: true, tag: { id: TAG_MEETING, name: 'meeting' } });
    expect(stub.received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([PATH]);
  });

  it('maps a 403 to permission_denied naming the missing Clockify role', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_delete_tag', { tag_id: TAG_MEETING }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
    expect(error.message).toContain('role');
  });

  it('rejects unknown arguments', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_delete_tag', { tag_id: TAG_MEETING, force: true }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
