import { describe, expect, it } from 'vitest';
import { BOB, CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, PROJECT_INTERNAL, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PROJECTS = `/workspaces/${WS}/projects`;

describe('clockify_list_projects', () => {
  it('lists projects with client names, decimal rates, time tracked and named members', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    stub.use(stub.route('get', PROJECTS, fixture('projects-list')));
    const result = await runTool(clockify, 'clockify_list_projects', { client: 'acme corp', archived: false, billable: true }, { runtime });
    expect(result.structuredContent).toEqual({
      projects: [
        {
          id: PROJECT_ACME,
          name: 'Acme website',
          client_id: CLIENT_ACME,
          client_name: 'Acme Corp',
          archived: false,
          billable: true,
          public: false,
          color: '#03A9F4',
          note: 'Redesign 2026',
          hourly_rate: { amount: 85.5, currency: 'EUR' },
          cost_rate: { amount: 40, currency: 'EUR' },
          tracked: { seconds: 45000, readable: '12h 30m' },
          members: [
            { user_id: ME, user_name: 'Alice Moreau', hourly_rate: { amount: 90.1, currency: 'EUR' }, cost_rate: null, status: 'ACTIVE' },
            { user_id: BOB, user_name: 'Bob Chen', hourly_rate: null, cost_rate: null, status: 'ACTIVE' },
          ],
          extra: expect.objectContaining({ template: false, estimate: { estimate: 'PT0S', type: 'AUTO' } }),
        },
        expect.objectContaining({ id: PROJECT_INTERNAL, name: 'Internal', client_id: null, client_name: null, public: true, hourly_rate: null, members: [] }),
      ],
      next_cursor: null,
    });
    const sent = stub.received.filter((r) => r.path === PROJECTS).at(-1)!;
    expect(sent.query).toEqual({ archived: 'false', billable: 'true', clients: CLIENT_ACME, page: '1', 'page-size': '50' });
  });

  it('names the client from the clients list when the project lacks clientName', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PROJECTS, [{ ...fixture<object[]>('projects-list')[0]!, clientName: undefined, memberships: [] }]));
    const result = await runTool(clockify, 'clockify_list_projects', { client_id: CLIENT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ projects: [{ client_id: CLIENT_ACME, client_name: 'Acme Corp' }] });
  });

  it('maps a server error to upstream_error', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PROJECTS, clockifyError(500, 500, 'Internal')));
    const error = errorOf(await runTool(clockify, 'clockify_list_projects', {}, { runtime: await startClockify() }));
    expect(error.code).toBe('upstream_error');
  });

  it('lists the closest clients for an unknown client name, without listing projects', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_list_projects', { client: 'Acme' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.fields?.[0]).toMatchObject({ field: 'client' });
    expect(error.fields?.[0]?.problem).toContain(CLIENT_ACME);
  });
});
