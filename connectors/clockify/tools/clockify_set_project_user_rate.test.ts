import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_ACME, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}/users/${BOB}/hourly-rate`;
const withBobRate = (cents: number) => {
  const project = fixture<Record<string, unknown>>('projects-list') as unknown as Record<string, unknown>[];
  const acme = project[0]!;
  const [alice, bob] = acme.memberships as Record<string, unknown>[];
  return { ...acme, memberships: [alice, { ...bob, hourlyRate: { amount: cents, currency: 'EUR' } }] };
};

describe('clockify_set_project_user_rate', () => {
  it('is for admins only', () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_set_project_user_rate')?.minRole).toBe('admin');
  });

  it('sets an exact decimal rate (in cents) from a local start time, and reads it back as a decimal', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('put', PATH, ({ body }) => withBobRate((body as { amount: number }).amount)));
    const args = { project_id: PROJECT_ACME, user: 'Bob Chen', amount: 95.55, currency: 'EUR', since: '2024-04-01 00:00' };
    const result = await runTool(clockify, 'clockify_set_project_user_rate', args, { runtime: await startClockify() });
    // Alice (the key owner) is in Paris: midnight there is 22:00 UTC the day before.
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ amount: 9555, since: '2024-03-31T22:00:00Z' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER,
      project_id: PROJECT_ACME,
      project_name: 'Acme website',
      user_id: BOB,
      user_name: 'Bob Chen',
      hourly_rate: { amount: 95.55, currency: 'EUR' },
      since: '2024-04-01T00:00:00+02:00',
    });
  });

  it('maps a user who is not a project member (400, code 501) to invalid_argument', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('put', PATH, clockifyError(400, 501, 'User is not a member of the project')));
    const error = errorOf(await runTool(clockify, 'clockify_set_project_user_rate', { project_id: PROJECT_ACME, user_id: BOB, amount: 90 }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
  });

  it('refuses a negative amount and another currency than the workspace one', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_set_project_user_rate', { project_id: PROJECT_ACME, user_id: BOB, amount: -5 }, { runtime })).fields?.[0]?.field).toBe('amount');
    expect(errorOf(await runTool(clockify, 'clockify_set_project_user_rate', { project_id: PROJECT_ACME, user_id: BOB, amount: 5, currency: 'USD' }, { runtime })).code).toBe('invalid_argument');
    expect(stub.received.some((r) => r.method === 'PUT')).toBe(false);
  });
});
