import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}`;

describe('clockify_get_project', () => {
  it('gets a project with its client, rates and named members', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, fixture<object[]>('projects-list')[0]!));
    const result = await runTool(clockify, 'clockify_get_project', { project_id: PROJECT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      project: {
        id: PROJECT_ACME,
        client_id: CLIENT_ACME,
        client_name: 'Acme Corp',
        hourly_rate: { amount: 85.5, currency: 'EUR' },
        members: [{ user_id: ME, user_name: 'Alice Moreau', hourly_rate: { amount: 90.1, currency: 'EUR' } }, { user_name: 'Bob Chen' }],
      },
    });
  });

  it('a rate Clockify sends without a currency reads in the workspace currency (EUR), not USD', async () => {
    stub.use(...commonRoutes(stub));
    const acme = fixture<Record<string, unknown>[]>('projects-list')[0]!;
    const memberships = (acme.memberships as Record<string, unknown>[]).map((m) => (m.userId === ME ? { ...m, hourlyRate: { amount: 9010 } } : m));
    stub.use(stub.route('get', PATH, { ...acme, hourlyRate: { amount: 8550 }, costRate: { amount: 4000, currency: null }, memberships }));
    const result = await runTool(clockify, 'clockify_get_project', { project_id: PROJECT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      project: { hourly_rate: { amount: 85.5, currency: 'EUR' }, cost_rate: { amount: 40, currency: 'EUR' }, members: [{ user_id: ME, hourly_rate: { amount: 90.1, currency: 'EUR' } }, {}] },
    });
  });

  it('reads a duration in milliseconds (as the spec describes it) too', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...fixture<object[]>('projects-list')[0]!, duration: '5400000' }));
    const result = await runTool(clockify, 'clockify_get_project', { project_id: PROJECT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ project: { tracked: { seconds: 5400, readable: '1h 30m' } } });
  });

  it('maps an unknown project to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, clockifyError(404, 501, 'Project not found')));
    const error = errorOf(await runTool(clockify, 'clockify_get_project', { project_id: PROJECT_ACME }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('rejects a project name where the id goes', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_project', { project_id: 'Acme website' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('project_id');
    expect(stub.received).toEqual([]);
  });
});
