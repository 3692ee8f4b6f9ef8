import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}`;
const acme = () => fixture<Record<string, unknown>[]>('projects-list')[0]!;

describe('clockify_update_project', () => {
  it('renames a project given by its current name, nothing else changed (the default surface has no project list)', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, acme()), stub.route('put', PATH, ({ body }) => ({ ...acme(), name: (body as { name: string }).name })));
    const result = await runTool(clockify, 'clockify_update_project', { project: 'acme website', name: 'Acme web shop' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')).toMatchObject({ path: PATH, body: { name: 'Acme web shop', clientId: CLIENT_ACME, billable: true, archived: false, note: 'Redesign 2026' } });
    expect(result.structuredContent).toMatchObject({ project: { id: PROJECT_ACME, name: 'Acme web shop' } });
    expect(errorOf(await runTool(clockify, 'clockify_update_project', { name: 'x y' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('project_id');
  });

  it('archives the project and writes back every other field (Clockify replaces the whole project)', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, acme()), stub.route('put', PATH, ({ body }) => ({ ...acme(), archived: (body as { archived: boolean }).archived })));
    const result = await runTool(clockify, 'clockify_update_project', { project_id: PROJECT_ACME, archived: true }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Acme website',
      clientId: CLIENT_ACME,
      billable: true,
      isPublic: false,
      color: '#03A9F4',
      note: 'Redesign 2026',
      archived: true,
      hourlyRate: { amount: 8550 },
      costRate: { amount: 4000 },
    });
    expect(result.structuredContent).toMatchObject({ project: { id: PROJECT_ACME, archived: true, client_name: 'Acme Corp' } });
  });

  it('sets an exact decimal rate and removes the client, keeping the archived state', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...acme(), archived: true }), stub.route('put', PATH, ({ body }) => ({ ...acme(), ...(body as object) })));
    await runTool(clockify, 'clockify_update_project', { project_id: PROJECT_ACME, client_id: null, hourly_rate: { amount: 0.1 + 0.2 } }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toMatchObject({ clientId: '', hourlyRate: { amount: 30 }, archived: true, name: 'Acme website' });
  });

  it('maps a 403 on the write to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, acme()), stub.route('put', PATH, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_update_project', { project_id: PROJECT_ACME, name: 'Acme site' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses a call that changes nothing, and a one-letter name', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_update_project', { project_id: PROJECT_ACME }, { runtime })).code).toBe('invalid_argument');
    expect(errorOf(await runTool(clockify, 'clockify_update_project', { project_id: PROJECT_ACME, name: 'A' }, { runtime })).fields?.[0]?.field).toBe('name');
    expect(stub.received).toEqual([]);
  });
});
