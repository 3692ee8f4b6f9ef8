import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, errorOf, fixture, runTool, startClockify } from '../test-support';

const stub = clockifyStub();

describe('clockify_create_workspace', () => {
  it('declares the admin role and creates the workspace', async () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_create_workspace')?.minRole).toBe('admin');
    stub.use(stub.route('post', '/workspaces', ({ body }) => HttpResponse.json({ ...fixture<Record<string, unknown>>('workspace'), id: '64a687e29ae1f428e7ebe777', name: (body as { name: string }).name, memberships: [] }, { status: 201 })));
    const result = await runTool(clockify, 'clockify_create_workspace', { name: ' Globex consulting ' }, { runtime: await startClockify() });
    expect(stub.received[0]?.body).toEqual({ name: 'Globex consulting' });
    expect(result.structuredContent).toMatchObject({ workspace: { id: '64a687e29ae1f428e7ebe777', name: 'Globex consulting', member_count: 0 } });
  });

  it('is not re-sent after a 503', async () => {
    stub.use(stub.route('post', '/workspaces', clockifyError(503, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_create_workspace', { name: 'X' }, { runtime: await startClockify() })).code).toBe('upstream_unavailable');
    expect(stub.received).toHaveLength(1);
  });

  it('needs a name', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_create_workspace', { name: '  ' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('name');
  });
});
