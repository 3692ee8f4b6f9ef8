import { describe, expect, it } from 'vitest';
import { AS_KEY_OWNER, PERSONAL_KEY, errorOf, ok, onedesk, runTool, startOnedesk, testPrincipal, usersRoute, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_create_worklog', () => {
  it('after a create with no answer (504), the identical retry finds the saved worklog in OneDesk and returns it instead of logging the time twice', async () => {
    const args = { item_id: 1042, start: '2024-06-18T09:00:00+02:00', hours: 1.5, comment: 'Replaced the fuser' };
    const saved = { id: 777, externalId: '0d0e0a0d-0000-4000-8000-000000000777', itemId: 1042, dateStart: '2024-06-18T09:00:00+02:00', dateFinish: '2024-06-18T08:30:00.000Z', works: 1.5, comments: 'Replaced the fuser' };
    stub.use(
      usersRoute(stub),
      stub.route('post', '/timesheets/', vendorError(504)),
      stub.route('post', '/timesheets/filter/details', ok([{ ...saved, id: 776, comments: 'Another job' }, saved], { totalNum: 2 })),
    );
    const runtime = await startOnedesk();
    const first = errorOf(await runTool(onedesk, 'onedesk_create_worklog', args, { runtime }));
    expect(first).toMatchObject({ retryable: true, message: expect.stringContaining('may or may not have saved the worklog') });
    expect(first.hint).toContain('same arguments within 10 minutes: it is safe');
    // Without the unknown outcome, nothing is asked before a create.
    expect(stub.received.filter((r) => r.path === '/timesheets/filter/details')).toEqual([]);

    const again = await runTool(onedesk, 'onedesk_create_worklog', args, { runtime });
    expect(again.structuredContent).toMatchObject({ duplicate_of_recent: true, worklog: { id: 777, external_id: saved.externalId, item_id: 1042 } });
    expect(stub.received.filter((r) => r.path === '/timesheets/')).toHaveLength(1);
    expect(stub.received.find((r) => r.path === '/timesheets/filter/details')?.body).toMatchObject({ properties: [{ property: 'itemId', operation: 'EQ', value: 1042 }] });
  });

  it('after a create with no answer, an identical retry that OneDesk did not save is created once', async () => {
    const args = { item_id: 1042, start: '2024-06-18T09:00:00+02:00', hours: 1.5 };
    let answers = 0;
    stub.use(
      usersRoute(stub),
      stub.route('post', '/timesheets/', () => (answers++ === 0 ? vendorError(502) : ok(502))),
      stub.route('post', '/timesheets/filter/details', ok([], { totalNum: 0 })),
    );
    const runtime = await startOnedesk();
    expect(errorOf(await runTool(onedesk, 'onedesk_create_worklog', args, { runtime })).retryable).toBe(true);
    const again = await runTool(onedesk, 'onedesk_create_worklog', args, { runtime });
    expect(again.structuredContent).toMatchObject({ duplicate_of_recent: false, worklog: { id: 502 } });
    expect(stub.received.filter((r) => r.path === '/timesheets/')).toHaveLength(2);
  });

  it('posts a timesheet with start, computed finish and hours, and returns the new id', async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', ok(501)));
    const result = await runTool(
      onedesk,
      'onedesk_create_worklog',
      { item_id: 1042, start: '2024-06-18T09:00:00+02:00', hours: 1.5, percent_complete: 50, billable: true, comment: 'Replaced the fuser' },
      { runtime: await startOnedesk() },
    );
    expect(stub.received.filter((r) => r.path === '/timesheets/')).toMatchObject([
      {
        method: 'POST',
        path: '/timesheets/',
        body: { itemId: 1042, dateStart: '2024-06-18T09:00:00+02:00', dateFinish: '2024-06-18T08:30:00.000Z', works: 1.5, percentage: 50, billable: true, comments: 'Replaced the fuser' },
      },
    ]);
    expect(result.structuredContent).toEqual({
      duplicate_of_recent: false,
      worklog: {
        id: 501,
        external_id: null,
        item_id: 1042,
        item_external_id: null,
        start: '2024-06-18T09:00:00+02:00',
        finish: '2024-06-18T08:30:00.000Z',
        duration: { seconds: 5400, readable: '1h 30m' },
        billable: true,
        comment: 'Replaced the fuser',
      },
      acted_as: {
        ...AS_KEY_OWNER,
        note: "Acted as the OneDesk user the gateway's shared key belongs to (OneDesk cannot say who), not as you: no OneDesk user has the email user-admin@example.test.",
      },
    });
  });

  it('takes finish instead of hours, on an item given by external id', async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', ok('8c4f1d2e-3b5a-4c6d-8e7f-9a0b1c2d3e4f')));
    const result = await runTool(
      onedesk,
      'onedesk_create_worklog',
      { item_external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75', start: '2024-06-18T09:00:00Z', finish: '2024-06-18T09:20:00Z' },
      { runtime: await startOnedesk() },
    );
    expect(stub.received.find((r) => r.path === '/timesheets/')?.body).toEqual({ itemExternalId: '20bf477b-5aa4-45aa-b08d-e403e17c4c75', dateStart: '2024-06-18T09:00:00Z', dateFinish: '2024-06-18T09:20:00Z', works: 0.33 });
    expect(result.structuredContent).toMatchObject({ worklog: { external_id: '8c4f1d2e-3b5a-4c6d-8e7f-9a0b1c2d3e4f', duration: { seconds: 1200, readable: '20m' } } });
  });

  it("refuses a caller who is a OneDesk user on the shared key (OneDesk logs as the key's user), with how to link their own key", async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', ok(501)));
    const pam = testPrincipal('staff', { email: 'Pam@DunderMifflin.test' });
    const error = errorOf(await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, start: '2024-06-18T09:00:00Z', hours: 1 }, { runtime: await startOnedesk(), principal: pam }));
    expect(error).toMatchObject({ code: 'precondition_failed', message: expect.stringContaining('cannot log work as you (Pam Beesly (pam@dundermifflin.test))') });
    expect(error.hint).toContain('deskgate credentials set onedesk');
    expect(error.hint).toContain('ONEDESK_SHARED_WRITES=owner');
    expect(stub.received.map((r) => r.path)).not.toContain('/timesheets/');
    // With ONEDESK_SHARED_WRITES=owner it logs, and says on whose account.
    const runtime = await startOnedesk({ common: { sharedWrites: 'owner' } });
    const result = await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, start: '2024-06-18T09:00:00Z', hours: 1 }, { runtime, principal: pam });
    expect(result.structuredContent).toMatchObject({ acted_as: { how: 'shared_key_as_owner', user_id: null, note: expect.stringContaining('ONEDESK_SHARED_WRITES=owner') } });
    // A personal key logs as its own user.
    const own = await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, start: '2024-06-18T09:00:00Z', hours: 1 }, { runtime, principal: pam, credential: { id: 'c1', secret: PERSONAL_KEY } });
    expect(own.structuredContent).toMatchObject({ acted_as: { how: 'personal_key' } });
  });

  it('does not re-send after a 503 (it may have been written) and says so', async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', vendorError(503)));
    const error = errorOf(await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, start: '2024-06-18T09:00:00Z', hours: 1 }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(stub.received.filter((r) => r.path === '/timesheets/')).toHaveLength(1);
  });

  it('treats a 200 with a non-SUCCESS code as a failed write', async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', { code: 'VALIDATION_ERROR', data: null }));
    const error = errorOf(await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, start: '2024-06-18T09:00:00Z', hours: 1 }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('invalid_argument');
  });

  it('takes "yesterday 14:00" and "1h30m" as people say them (UTC: OneDesk keeps no zone for the caller)', async () => {
    stub.use(usersRoute(stub), stub.route('post', '/timesheets/', ok(502)));
    const runtime = await startOnedesk();
    runtime.now = () => new Date('2024-06-19T08:00:00Z');
    const result = await runTool(onedesk, 'onedesk_create_worklog', { item_id: 1042, start: 'yesterday 14:00', hours: '1h30m' }, { runtime });
    expect(stub.received.find((r) => r.path === '/timesheets/')?.body).toEqual({ itemId: 1042, dateStart: '2024-06-18T14:00:00Z', dateFinish: '2024-06-18T15:30:00.000Z', works: 1.5 });
    expect(result.structuredContent).toMatchObject({ worklog: { start: '2024-06-18T14:00:00Z', duration: { seconds: 5400, readable: '1h 30m' } } });
  });

  it('refuses a start that is not a time, both finish and hours, or a finish before start, without calling OneDesk', async () => {
    const runtime = await startOnedesk();
    const call = (args: Record<string, unknown>) => runTool(onedesk, 'onedesk_create_worklog', { item_id: 1, ...args }, { runtime });
    expect(errorOf(await call({ start: 'soonish', hours: 1 })).fields?.[0]?.field).toBe('start');
    expect(errorOf(await call({ start: '2024-06-18T09:00:00Z', hours: 'a while' })).fields?.[0]?.field).toBe('hours');
    expect(errorOf(await call({ start: '2024-06-18T09:00:00Z', hours: 1, finish: '2024-06-18T10:00:00Z' })).code).toBe('invalid_argument');
    expect(errorOf(await call({ start: '2024-06-18T09:00:00Z', finish: '2024-06-18T08:00:00Z' })).code).toBe('invalid_argument');
    expect(errorOf(await call({ start: '2024-06-18T09:00:00Z', hours: 30 })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
