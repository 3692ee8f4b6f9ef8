import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const DESIGN = '68e1a2b3c4d5e6f7a8b9c001';
const PATH = `/workspaces/${WS}/user-groups/${DESIGN}`;

describe('clockify_update_user_group', () => {
  it('renames the group and returns its members with names', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('put', PATH, ({ body }) => ({ ...fixture<Record<string, unknown>[]>('groups-list')[0]!, ...(body as object) })));
    const result = await runTool(clockify, 'clockify_update_user_group', { group_id: DESIGN, name: 'Product design' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ name: 'Product design' });
    expect(result.structuredContent).toMatchObject({
      group: { id: DESIGN, name: 'Product design', member_count: 2, members: [{ name: 'Alice Moreau' }, { name: 'Bob Chen' }] },
    });
  });

  it('maps an unknown group to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('put', PATH, clockifyError(404, 501, 'not found')));
    const error = errorOf(await runTool(clockify, 'clockify_update_user_group', { group_id: DESIGN, name: 'X' }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('requires the new name', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_user_group', { group_id: DESIGN }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('name');
    expect(stub.received).toEqual([]);
  });

  it('finds the group by its current name', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')));
    stub.use(stub.route('put', `/workspaces/${WS}/user-groups/${DESIGN}`, ({ body }) => ({ ...fixture<Record<string, unknown>[]>('groups-list')[0]!, name: (body as { name: string }).name })));
    const result = await runTool(clockify, 'clockify_update_user_group', { group: 'design', name: 'Product design' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ group: { id: DESIGN, name: 'Product design' } });
  });

  it('refreshes the name cache: the new name resolves right after the rename', async () => {
    let groups = fixture<Record<string, unknown>[]>('groups-list');
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, () => groups));
    stub.use(
      stub.route('put', PATH, ({ body }) => {
        groups = groups.map((g) => (g.id === DESIGN ? { ...g, name: (body as { name: string }).name } : g));
        return groups[0]!;
      }),
    );
    const runtime = await startClockify();
    expect((await runTool(clockify, 'clockify_update_user_group', { group: 'Design', name: 'Product design' }, { runtime })).isError).toBeFalsy();
    const back = await runTool(clockify, 'clockify_update_user_group', { group: 'Product design', name: 'Design' }, { runtime });
    expect(back.isError).toBeFalsy();
    expect(back.structuredContent).toMatchObject({ group: { id: DESIGN, name: 'Design' } });
  });
});
