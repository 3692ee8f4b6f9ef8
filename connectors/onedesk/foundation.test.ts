import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import { silentLog, testPrincipal } from '../../tests/support/connector-kit';
import type { VendorCredential } from '../../src/vendor-http/pool';
import { itemTypes, resolveType, resolveTypeByName } from './organization';
import { decodeCursor, encodeCursor, nextCursor } from './paging';
import type { OnedeskContext, OnedeskRuntime } from './runtime';
import { hoursToDuration } from './shapes';
import { fixture, ok, PERSONAL_KEY, recordEverything, startOnedesk, useOnedesk, vendorError } from './test-support';
import { onedeskFilter, onedeskGet } from './vendor';
import { vendorPath } from '../../src/vendor-http/path';

const stub = useOnedesk();

const ctxOf = (runtime: OnedeskRuntime, credential?: VendorCredential): OnedeskContext => ({
  principal: testPrincipal('staff'),
  runtime,
  log: silentLog,
  requestId: 'test',
  signal: new AbortController().signal,
  credential,
});

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('the delete tools\' proof of no call', () => {
  it('records any request of any method, so an empty record means no call was made', async () => {
    recordEverything(stub);
    const runtime = await startOnedesk();
    await onedeskGet(ctxOf(runtime), vendorPath('/items/id/1'), 'get item');
    await runtime.pool.shared().request({ method: 'DELETE', path: '/items/id/1', operation: 'delete item' });
    expect(stub.received.map((r) => r.method)).toEqual(['GET', 'DELETE']);
  });
});

describe('the OneDesk envelope', () => {
  it('sends the key in OD-Public-API-Key and unwraps data', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))));
    const data = await onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'get organization profile');
    expect(data).toMatchObject({ organizationName: 'Dunder Mifflin Support' });
    expect(stub.received).toMatchObject([{ method: 'GET', path: '/organization/profileAndPolicy', authorized: true, secretIndex: 0 }]);
  });

  it('treats a 200 whose code is not SUCCESS as an error naming the code, never as data', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', { code: 'NOT_FOUND', data: { organizationName: 'ghost' }, message: 'secret text' }));
    const error = await failure(onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'get organization profile'));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('NOT_FOUND');
    expect(error.message).not.toContain('secret text');
  });

  it('treats an unknown non-SUCCESS code as upstream_error and a body without an envelope as upstream_error', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', { code: 'WEIRD_STATE', data: {} }));
    expect((await failure(onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'x'))).code).toBe('upstream_error');
    stub.use(stub.route('get', '/organization/profileAndPolicy', { organizationName: 'no envelope' }));
    const error = await failure(onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'x'));
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('envelope');
  });
});

describe('OneDesk errors, by status and structured code only', () => {
  it.each([
    [401, 'UNAUTHORIZED', 'unauthenticated'],
    [402, 'ERROR', 'plan_required'],
    [403, 'PLAN_REQUIRED', 'plan_required'],
    [403, 'ERROR', 'permission_denied'],
    [400, 'ERROR', 'invalid_argument'],
    [404, 'ERROR', 'not_found'],
    [405, 'ERROR', 'unsupported_by_vendor'],
    [429, 'ERROR', 'rate_limited'],
    [500, 'ERROR', 'upstream_error'],
    [503, 'ERROR', 'upstream_unavailable'],
  ])('HTTP %i with code %s → %s', async (status, code, expected) => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', vendorError(status, code)));
    const error = await failure(onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'get organization profile'));
    expect(error.code).toBe(expected);
    expect(error.vendorStatus).toBe(status);
    expect(error.message).not.toContain('failure');
  });

  it('says what to check for a key without the Enterprise plan', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', vendorError(403, 'PLAN_REQUIRED')));
    const error = await failure(onedeskGet(ctxOf(await startOnedesk()), vendorPath('/organization/profileAndPolicy'), 'x'));
    expect(error.hint).toContain('Enterprise plan');
  });

  it('tells the operator which setting to fix when the key is refused', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))));
    const error = await failure(onedeskGet(ctxOf(await startOnedesk({ apiKey: 'wrong-key-123' })), vendorPath('/organization/profileAndPolicy'), 'x'));
    expect(error.code).toBe('unauthenticated');
    expect(error.hint).toContain('ONEDESK_API_KEY');
    expect(JSON.stringify(error)).not.toContain('wrong-key-123');
  });
});

describe('filters', () => {
  it('sends limit/offset/itemType in the body and marks a 404 or 405 as an unsupported list naming the path', async () => {
    stub.use(stub.route('post', '/timesheets/filter/details', vendorError(405)));
    const error = await failure(onedeskFilter(ctxOf(await startOnedesk()), 'timesheets', { properties: [], limit: 10, offset: 20 }, 'list worklogs'));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('/timesheets/filter/details');
    expect(error.retryable).toBe(false);
    // No filter of its own: the always-true one every public integration sends.
    expect(stub.received[0]?.body).toEqual({ properties: [{ property: 'creationTime', operation: 'LT', value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }], isAsc: false, limit: 10, offset: 20 });
  });

  it('asks OneDesk for at most the page size per request, sends creationTime as a date, and stops at the last page', async () => {
    const bodies: { offset: number; limit: number }[] = [];
    stub.use(
      stub.route('post', '/items/filter/details', ({ body }) => {
        const b = body as { offset: number; limit: number };
        bodies.push(b);
        const rows = Array.from({ length: Math.max(0, Math.min(b.limit, 45 - b.offset)) }, (_, i) => ({ id: b.offset + i + 1 }));
        return ok(rows, { totalNum: 45 });
      }),
    );
    const answer = await onedeskFilter(
      ctxOf(await startOnedesk()),
      'items',
      { properties: [{ property: 'creationTime', operation: 'GE', value: '2024-06-01T00:00:00.000Z' }], limit: 50, offset: 0 },
      'list tickets',
    );
    expect(bodies.map((b) => [b.offset, b.limit])).toEqual([[0, 20], [20, 20], [40, 10]]);
    expect((stub.received[0]?.body as { properties: unknown[] }).properties).toEqual([{ property: 'creationTime', operation: 'GE', value: '2024-06-01' }]);
    expect(answer.rows.map((r) => r.id)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(answer.total).toBe(45);
  });

  it('remembers a filter OneDesk did not apply, or refused by name, and refuses the next list that needs it before asking', async () => {
    const runtime = await startOnedesk();
    const byAssignee = { properties: [{ property: 'assignees', operation: 'EQ' as const, value: 'u-1' }], limit: 10, offset: 0 };
    stub.use(stub.route('post', '/items/filter/details', ok([{ id: 1 }], { notAppliedPropertyFilters: ['assignees'] })));
    expect((await failure(onedeskFilter(ctxOf(runtime), 'items', byAssignee, 'list tickets'))).message).toContain('assignees');
    const asked = stub.received.length;
    const again = await failure(onedeskFilter(ctxOf(runtime), 'items', byAssignee, 'list tickets'));
    expect(again.code).toBe('unsupported_by_vendor');
    expect(stub.received.length).toBe(asked);
    expect([...runtime.unsupportedFilters]).toEqual(['items:assignees']);

    stub.use(stub.route('post', '/timesheets/filter/details', HttpResponse.json({ code: 'BAD_REQUEST', message: 'Unknown property dateStart' }, { status: 400 })));
    const refused = await failure(
      onedeskFilter(ctxOf(runtime), 'timesheets', { properties: [{ property: 'dateStart', operation: 'GE', value: '2024-06-01' }], limit: 10, offset: 0 }, 'list worklogs'),
    );
    expect(refused.code).toBe('unsupported_by_vendor');
    expect(refused.message).toContain('dateStart');
    expect(JSON.stringify(refused)).not.toContain('Unknown property');
  });

  it('refuses rows OneDesk says it did not filter', async () => {
    stub.use(stub.route('post', '/items/filter/details', ok([{ id: 1 }], { notAppliedPropertyFilters: [{ property: 'lifecycleStatus' }] })));
    const error = await failure(
      onedeskFilter(ctxOf(await startOnedesk()), 'items', { properties: [{ property: 'lifecycleStatus', operation: 'EQ', value: 'Done' }], limit: 10, offset: 0 }, 'list tickets'),
    );
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('lifecycleStatus');
  });

  it('a list with no filter of its own is not failed by OneDesk ignoring the always-true creationTime it stands in for', async () => {
    stub.use(stub.route('post', '/users/filter/details', ok([{ id: 1 }, { id: 2 }], { totalNum: 2, notAppliedPropertyFilters: ['creationTime'] })));
    const answer = await onedeskFilter(ctxOf(await startOnedesk()), 'users', { properties: [], limit: 10, offset: 0 }, 'list users for names');
    expect(answer.rows.map((r) => r.id)).toEqual([1, 2]);
    // created_after is asked for: OneDesk ignoring it is a refusal, never the unfiltered rows.
    stub.use(stub.route('post', '/items/filter/details', ok([{ id: 1 }], { notAppliedPropertyFilters: ['creationTime'] })));
    const error = await failure(onedeskFilter(ctxOf(await startOnedesk()), 'items', { properties: [{ property: 'creationTime', operation: 'GT', value: '2024-06-01' }], limit: 10, offset: 0 }, 'list tickets'));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('creationTime');
  });

  it('never sends a filter property that has no doctor check (FILTER_PROPERTIES)', async () => {
    await expect(onedeskFilter(ctxOf(await startOnedesk()), 'items', { properties: [{ property: 'assignee', operation: 'EQ', value: 'x' }], limit: 10, offset: 0 }, 'list tickets')).rejects.toThrow(/FILTER_PROPERTIES/);
    expect(stub.received).toEqual([]);
  });

  it('retries a filter (a read) after a 503', async () => {
    let calls = 0;
    stub.use(stub.route('post', '/items/filter/details', () => (++calls === 1 ? vendorError(503) : ok([]))));
    const answer = await onedeskFilter(ctxOf(await startOnedesk()), 'items', { properties: [], limit: 10, offset: 0 }, 'list tickets');
    expect(answer.rows).toEqual([]);
    expect(calls).toBe(2);
  });
});

describe('item types', () => {
  it('resolves a kind by its code even when the organization renamed the label, cached per credential', async () => {
    stub.use(stub.route('get', '/organization/itemTypes', ok(fixture('item-types'))));
    const runtime = await startOnedesk();
    expect((await resolveType(ctxOf(runtime), 'issue')).label).toBe('Bug');
    expect((await resolveType(ctxOf(runtime), 'ticket')).label).toBe('Ticket');
    expect(stub.received).toHaveLength(1);
    const personal = ctxOf(runtime, { id: 'cred-1', secret: PERSONAL_KEY });
    await itemTypes(personal);
    expect(stub.received.map((r) => r.secretIndex)).toEqual([0, 1]);
  });

  it('names the types the organization has when one is unknown', async () => {
    stub.use(stub.route('get', '/organization/itemTypes', ok([{ label: 'Ticket' }, { label: 'Task' }])));
    const error = await failure(resolveType(ctxOf(await startOnedesk()), 'feedback'));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('Ticket, Task');
    const byName = await failure(resolveTypeByName(ctxOf(await startOnedesk()), 'Epic'));
    expect(byName.message).toContain('"Epic"');
  });

  it('does not cache a failure', async () => {
    let calls = 0;
    stub.use(stub.route('get', '/organization/itemTypes', () => (++calls === 1 ? vendorError(401, 'UNAUTHORIZED') : ok(fixture('item-types')))));
    const runtime = await startOnedesk();
    expect((await failure(itemTypes(ctxOf(runtime)))).code).toBe('unauthenticated');
    expect(await itemTypes(ctxOf(runtime))).toHaveLength(5);
  });
});

describe('paging and durations', () => {
  it('round-trips a cursor and refuses one from another list', () => {
    expect(decodeCursor('onedesk_list_tickets', encodeCursor('onedesk_list_tickets', 50))).toBe(50);
    expect(() => decodeCursor('onedesk_list_issues', encodeCursor('onedesk_list_tickets', 50))).toThrow(/does not belong/);
    expect(() => decodeCursor('onedesk_list_issues', 'garbage')).toThrow(GatewayError);
  });

  it('ends paging on a short page or at the total', () => {
    expect(nextCursor('s', 0, 10, 10, undefined)).not.toBeNull();
    expect(nextCursor('s', 0, 10, 3, undefined)).toBeNull();
    expect(nextCursor('s', 10, 10, 10, 20)).toBeNull();
    expect(nextCursor('s', 0, 10, 10, 25)).not.toBeNull();
  });

  it('turns decimal hours into exact seconds', () => {
    expect(hoursToDuration(1.5)).toEqual({ seconds: 5400, readable: '1h 30m' });
    expect(hoursToDuration(0.1)).toEqual({ seconds: 360, readable: '6m' });
  });
});

