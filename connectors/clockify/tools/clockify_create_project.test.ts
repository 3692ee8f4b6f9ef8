import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PROJECTS = `/workspaces/${WS}/projects`;
const created = (body: Record<string, unknown>) => ({
  ...fixture<Record<string, unknown>[]>('projects-list')[0]!,
  id: '65b1c2d3e4f5a6b7c8d9e0aa',
  name: body.name,
  note: body.note ?? '',
  duration: 'PT0S',
  hourlyRate: body.hourlyRate ? { ...(body.hourlyRate as object), currency: 'EUR' } : null,
  memberships: [],
});

describe('clockify_create_project', () => {
  it('creates a project for a client named by the user, with tasks and an exact rate', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', PROJECTS, ({ body }) => HttpResponse.json(created(body as Record<string, unknown>), { status: 201 })));
    const args = { name: 'Q1 audit', client: 'Acme Corp', billable: true, hourly_rate: { amount: 85.55, currency: 'eur' }, tasks: ['Kickoff', 'Fieldwork'] };
    const result = await runTool(clockify, 'clockify_create_project', args, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Q1 audit',
      clientId: CLIENT_ACME,
      billable: true,
      hourlyRate: { amount: 8555 },
      tasks: [{ name: 'Kickoff' }, { name: 'Fieldwork' }],
    });
    expect(result.structuredContent).toMatchObject({
      project: { name: 'Q1 audit', client_id: CLIENT_ACME, client_name: 'Acme Corp', hourly_rate: { amount: 85.55, currency: 'EUR' }, tracked: { seconds: 0 } },
    });
  });

  it('refuses a rate in another currency than the workspace one, before creating', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_create_project', { name: 'Q1 audit', hourly_rate: { amount: 100, currency: 'USD' } }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('EUR');
    expect(stub.received.some((r) => r.method === 'POST')).toBe(false);
  });

  it('maps a duplicate project (400, code 501) to invalid_argument and does not re-send', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', PROJECTS, clockifyError(400, 501, 'Project with name Q1 audit already exists')));
    const error = errorOf(await runTool(clockify, 'clockify_create_project', { name: 'Q1 audit' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('rejects a rate with three decimals, a bad color, and client with client_id, before any call', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_create_project', { name: 'Q1 audit', hourly_rate: { amount: 85.555 } }, { runtime })).fields?.[0]?.field).toBe('hourly_rate.amount');
    expect(errorOf(await runTool(clockify, 'clockify_create_project', { name: 'Q1 audit', color: 'blue' }, { runtime })).fields?.[0]?.field).toBe('color');
    expect(errorOf(await runTool(clockify, 'clockify_create_project', { name: 'Q1 audit', client: 'Acme Corp', client_id: CLIENT_ACME }, { runtime })).fields?.[0]?.field).toBe('client');
    expect(stub.received).toEqual([]);
  });
});
