import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, TAG_MEETING, WS } from '../test-support';

const stub = clockifyStub();
const TAGS = `/workspaces/${WS}/tags`;

describe('clockify_list_tags', () => {
  it('lists tags with their archived state, passing the filters and paging Clockify documents', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', TAGS, fixture('tags-list')));
    const result = await runTool(clockify, 'clockify_list_tags', { name: 'e', archived: false }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      tags: [
        { id: TAG_MEETING, name: 'meeting', archived: false, extra: {} },
        { id: '67d1e2f3a4b5c6d7e8f9a002', name: 'overtime', archived: true, extra: {} },
      ],
      next_cursor: null,
    });
    expect(stub.received.find((r) => r.path === TAGS)?.query).toEqual({ name: 'e', archived: 'false', page: '1', 'page-size': '50' });
  });

  it('returns at most limit tags and a cursor that reads the next vendor page', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', TAGS, ({ query }) => {
        const [first, second] = fixture<unknown[]>('tags-list');
        return query.page === '1'
          ? HttpResponse.json([first], { headers: { 'Last-Page': 'false' } })
          : HttpResponse.json([second], { headers: { 'Last-Page': 'true' } });
      }),
    );
    const runtime = await startClockify();
    const one = (await runTool(clockify, 'clockify_list_tags', { limit: 1 }, { runtime })).structuredContent as { tags: { name: string }[]; next_cursor: string };
    expect(one.tags.map((t) => t.name)).toEqual(['meeting']);
    expect(one.next_cursor).toEqual(expect.any(String));
    const two = (await runTool(clockify, 'clockify_list_tags', { limit: 1, cursor: one.next_cursor }, { runtime })).structuredContent as { tags: { name: string }[]; next_cursor: null };
    expect(two).toMatchObject({ tags: [{ name: 'overtime' }], next_cursor: null });
  });

  it('maps a bad API key to unauthenticated with the reason', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', TAGS, clockifyError(401, 4003, 'Api key does not exist')));
    const error = errorOf(await runTool(clockify, 'clockify_list_tags', {}, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'unauthenticated', retryable: false });
    expect(error.message).toContain('does not exist');
  });

  it('rejects a limit over 200 before calling Clockify', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_tags', { limit: 500 }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
