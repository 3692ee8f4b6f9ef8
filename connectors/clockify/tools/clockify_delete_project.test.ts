import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_INTERNAL, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_INTERNAL}`;
const internal = () => fixture<Record<string, unknown>[]>('projects-list')[1]!;

describe('clockify_delete_project', () => {
  it('refuses to delete an active project with precondition_failed naming the archive call', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(400, 501, 'Cannot delete an active project')));
    const error = errorOf(await runTool(clockify, 'clockify_delete_project', { project_id: PROJECT_INTERNAL }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'precondition_failed', vendor_status: 400 });
    expect(error.hint).toContain('clockify_update_project {"archived": true}');
  });

  it('with archive_first archives (keeping its other fields), then deletes', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', PATH, internal()),
      stub.route('put', PATH, ({ body }) => ({ ...internal(), ...(body as object) })),
      stub.route('delete', PATH, { ...internal(), archived: true }),
    );
    const result = await runTool(clockify, 'clockify_delete_project', { project_id: PROJECT_INTERNAL, archive_first: true }, { runtime: await startClockify() });
    const writes = stub.received.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    expect(writes[0]?.body).toEqual({ name: 'Internal', billable: false, isPublic: true, color: '#8BC34A', note: '', archived: true });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, project: { id: PROJECT_INTERNAL, name: 'Internal' }, archived_first: true });
  });

  it('rejects an unknown argument', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_delete_project', { project_id: PROJECT_INTERNAL, archive: true }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
