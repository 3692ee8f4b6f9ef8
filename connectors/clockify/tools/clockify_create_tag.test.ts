import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const NEW_TAG = { id: '67d1e2f3a4b5c6d7e8f9a0ff', name: 'urgent', workspaceId: WS, archived: false };

describe('clockify_create_tag', () => {
  it('creates the tag and the name cache sees it right away', async () => {
    stub.use(...commonRoutes(stub));
    let created = false;
    stub.use(
      stub.route('post', `/workspaces/${WS}/tags`, () => {
        created = true;
        return HttpResponse.json(NEW_TAG, { status: 201 });
      }),
      stub.route('get', `/workspaces/${WS}/tags`, () => (created ? [NEW_TAG] : [])),
    );
    const runtime = await startClockify();
    const ctx = {};
    expect(await runtime.names.nameOf(ctx, WS, 'tag', NEW_TAG.id)).toBeNull();
    const result = await runTool(clockify, 'clockify_create_tag', { name: ' urgent ' }, { runtime });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, tag: { id: NEW_TAG.id, name: 'urgent', archived: false, extra: {} } });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ name: 'urgent' });
    expect(await runtime.names.nameOf(ctx, WS, 'tag', NEW_TAG.id)).toBe('urgent');
  });

  it('maps a duplicate name (400, code 501) to invalid_argument without quoting Clockify', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `/workspaces/${WS}/tags`, clockifyError(400, 501, 'Tag with name urgent already exists')));
    const error = errorOf(await runTool(clockify, 'clockify_create_tag', { name: 'urgent' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', vendor_status: 400 });
    expect(error.message).not.toContain('Tag with name');
  });

  it('requires a non-empty name', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_create_tag', { name: '  ' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('name');
    expect(stub.received).toEqual([]);
  });
});
