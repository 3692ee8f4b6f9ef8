import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, TAG_OVERTIME, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_get_tag', () => {
  it('gets one tag', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', `/workspaces/${WS}/tags/${TAG_OVERTIME}`, fixture<unknown[]>('tags-list')[1]!));
    const result = await runTool(clockify, 'clockify_get_tag', { tag_id: TAG_OVERTIME }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ tag: { id: TAG_OVERTIME, name: 'overtime', archived: true, extra: {} } });
  });

  it('maps an unknown tag to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', `/workspaces/${WS}/tags/${TAG_OVERTIME}`, clockifyError(404, 501, 'Tag not found')));
    const error = errorOf(await runTool(clockify, 'clockify_get_tag', { tag_id: TAG_OVERTIME }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'not_found', vendor_status: 404 });
  });

  it('rejects an id that is not a Clockify id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_tag', { tag_id: 'meeting' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('tag_id');
    expect(stub.received).toEqual([]);
  });
});
