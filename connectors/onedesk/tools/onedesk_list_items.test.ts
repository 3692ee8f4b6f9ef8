import { describe, expect, it } from 'vitest';
import { errorOf, fixture, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_list_items', () => {
  it('filters items on the organization\'s ticket type and fills in project, assignee and status names', async () => {
    stub.use(
      itemTypesRoute(stub),
      stub.route('post', '/items/filter/details', ok(fixture('items-tickets'), { totalNum: 2 })),
      stub.route('post', '/projects/filter/details', ok(fixture('projects'))),
      stub.route('post', '/users/filter/details', ok(fixture('users'))),
      stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))),
    );
    const result = await runTool(onedesk, 'onedesk_list_items', { type: 'ticket', status: 'in PROGRESS', text: 'printer', created_after: '2024-06-01', limit: 2 }, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect(filter?.body).toEqual({
      properties: [
        { property: 'lifecycleStatus', operation: 'EQ', value: 'In progress' },
        { property: 'name', operation: 'CONTAINS', value: 'printer' },
        { property: 'creationTime', operation: 'GT', value: '2024-05-31' },
      ],
      isAsc: false,
      limit: 2,
      offset: 0,
      itemType: ['Ticket'],
    });
    const out = result.structuredContent as { items: Record<string, unknown>[]; next_cursor: string | null };
    expect(out.next_cursor).toBeNull();
    expect(Object.keys(out)).toEqual(['items', 'next_cursor']);
    expect(out.items[0]).toMatchObject({
      id: 1042,
      external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75',
      type: 'Ticket',
      name: 'Printer on floor 2 jams',
      status: 'In progress',
      status_state: 'IN_PROGRESS',
      priority: 60,
      project: { id: 17, name: 'IT Support' },
      assignees: [{ external_id: '471cb72b-c56a-4413-8a51-abb2ffac0a2f', name: 'Pam Beesly' }],
      created_at: '2024-06-17T15:43:27.201+00:00',
      extra: { customerName: 'Scranton branch' },
    });
    expect(out.items[1]).toMatchObject({
      id: 1043,
      status: 'Not started',
      project: { id: 17, external_id: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', name: 'IT Support' },
      assignees: [{ id: 4, external_id: 'd5ef5e78-a82b-477f-be9c-a17b04283648', name: 'Dwight Schrute' }],
    });
  });

  it('created_after with a time keeps what was made later that same day, and drops what came before it', async () => {
    // OneDesk filters creationTime by day: the filter asks from the day before, the instant is applied here.
    const rows = [
      { id: 1, name: 'before, same day', type: 'Ticket', creationTime: '2024-06-19T08:59:00.000+00:00' },
      { id: 2, name: 'after, same day', type: 'Ticket', creationTime: '2024-06-19T10:00:00.000+00:00' },
      { id: 3, name: 'only a day known', type: 'Ticket', creationTime: '2024-06-19' },
      { id: 4, name: 'no time', type: 'Ticket' },
    ];
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok(rows, { totalNum: 4 })));
    const out = (await runTool(onedesk, 'onedesk_list_items', { created_after: '2024-06-19T09:00:00Z' }, { runtime: await startOnedesk() })).structuredContent as { items: { id: number }[] };
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect((filter?.body as { properties: unknown[] }).properties).toEqual([{ property: 'creationTime', operation: 'GT', value: '2024-06-18' }]);
    expect(out.items.map((i) => i.id)).toEqual([2, 3, 4]);
  });

  it('pages with a cursor that becomes the offset', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ({ body }) => ok((body as { offset: number }).offset === 0 ? [{ id: 1, name: 'a', type: 'Ticket' }] : [])));
    const runtime = await startOnedesk();
    const first = (await runTool(onedesk, 'onedesk_list_items', { type: 'ticket', limit: 1 }, { runtime })).structuredContent as { next_cursor: string };
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await runTool(onedesk, 'onedesk_list_items', { type: 'ticket', limit: 1, cursor: first.next_cursor }, { runtime })).structuredContent;
    expect(second).toEqual({ items: [], next_cursor: null });
    expect(stub.received.filter((r) => r.path === '/items/filter/details').map((r) => r.body)).toMatchObject([{ offset: 0, itemType: ['Ticket'] }, { offset: 1, itemType: ['Ticket'] }]);
  });

  it('resolves an assignee email to the user\'s external id', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/users/filter/details', ok(fixture('users'))), stub.route('post', '/items/filter/details', ok([])));
    await runTool(onedesk, 'onedesk_list_items', { assignee: 'Pam@dundermifflin.test' }, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect((filter?.body as { properties: unknown[] }).properties).toEqual([{ property: 'assignees', operation: 'CONTAINS', value: '471cb72b-c56a-4413-8a51-abb2ffac0a2f' }]);
  });

  it('answers a status the organization does not have by listing its statuses, not with an empty list', async () => {
    stub.use(itemTypesRoute(stub), stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { status: 'Done' }, { runtime: await startOnedesk() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'status' }] });
    expect(error.message).toContain('Not started, In progress, Closed, Cancelled');
    expect(stub.received.some((r) => r.path === '/items/filter/details')).toBe(false);
  });

  it('reports a rate limit as rate_limited, not as an empty list', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', vendorError(429)));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', {}, { runtime: await startOnedesk() }));
    expect(error).toMatchObject({ code: 'rate_limited', vendor_status: 429 });
  });

  it('rejects a bad date and a limit over 100 before calling OneDesk', async () => {
    const runtime = await startOnedesk();
    expect(errorOf(await runTool(onedesk, 'onedesk_list_items', { limit: 500 }, { runtime })).code).toBe('invalid_argument');
    stub.use(itemTypesRoute(stub));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { created_after: 'a while ago' }, { runtime }));
    expect(error.fields?.[0]?.field).toBe('created_after');
    expect(stub.received.filter((r) => r.path !== '/organization/itemTypes')).toEqual([]);
  });
  it.each([
    ['issue', 'Bug'],
    ['requirement', 'Requirement'],
    ['feedback', 'Feedback'],
    ['Bug', 'Bug'],
  ])('filters on the type this organization uses for %s', async (type, label) => {
    const row = { id: 2001, name: 'Export to CSV', type: { label }, lifecycleStatus: { name: 'Not started', state: 'NOT_STARTED' }, project: { id: 17, name: 'IT Support' }, assignees: [] };
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok([row], { totalNum: 1 })));
    const result = await runTool(onedesk, 'onedesk_list_items', { type, project: '17' }, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect(filter?.body).toMatchObject({ itemType: [label], properties: [{ property: 'projectId', operation: 'EQ', value: 17 }], limit: 20, offset: 0 });
    expect(result.structuredContent).toMatchObject({ items: [{ id: 2001, type: label, name: 'Export to CSV', status: 'Not started', project: { name: 'IT Support' } }], next_cursor: null });
  });

  it('lists every item type when no type is given', async () => {
    stub.use(stub.route('post', '/items/filter/details', ok([], { totalNum: 0 })));
    await runTool(onedesk, 'onedesk_list_items', {}, { runtime: await startOnedesk() });
    const filter = stub.received.find((r) => r.path === '/items/filter/details');
    expect(filter?.body).not.toHaveProperty('itemType');
    expect(stub.received.some((r) => r.path === '/organization/itemTypes')).toBe(false);
  });

  it('answers a type the organization does not have with its types, before listing', async () => {
    stub.use(itemTypesRoute(stub));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { type: 'epic' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('Ticket');
    expect(stub.received.some((r) => r.path === '/items/filter/details')).toBe(false);
  });

  it('refuses a project that is neither a numeric id nor a UUID (a 100 KB number was an internal error), before OneDesk is asked', async () => {
    for (const project of ['7'.repeat(100_000), 'IT Support', '../x']) {
      const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { project }, { runtime: await startOnedesk() }));
      expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'project' }] });
    }
    expect(stub.received.filter((r) => r.path === '/items/filter/details')).toEqual([]);
  });

  it('rejects an unknown argument', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { owner: 'me' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });

  describe('state: open or closed, from the lifecycle statuses\' categories', () => {
    const at = (id: number, day: string, status: string) => ({ id, name: `item ${id}`, type: 'Ticket', lifecycleStatus: { name: status }, creationTime: `2024-06-${day}T10:00:00.000+00:00` });
    const byStatus: Record<string, Record<string, unknown>[]> = {
      'Not started': [at(3, '20', 'Not started'), at(1, '10', 'Not started')],
      'In progress': [at(2, '15', 'In progress')],
      Closed: [at(9, '25', 'Closed')],
      Cancelled: [at(8, '05', 'Cancelled')],
    };
    const filterByStatus = stub.route('post', '/items/filter/details', ({ body }) => {
      const status = (body as { properties: { property: string; value: string }[] }).properties.find((p) => p.property === 'lifecycleStatus')?.value ?? '';
      const rows = byStatus[status] ?? [];
      return ok(rows, { totalNum: rows.length });
    });

    it('open merges every not-closed status, newest first; closed the completed and cancelled ones', async () => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))), filterByStatus);
      const runtime = await startOnedesk();
      const open = (await runTool(onedesk, 'onedesk_list_items', { type: 'ticket', state: 'open' }, { runtime })).structuredContent as { items: { id: number }[]; next_cursor: string | null };
      expect(open.items.map((i) => i.id)).toEqual([3, 2, 1]);
      expect(open.next_cursor).toBeNull();
      const asked = stub.received.filter((r) => r.path === '/items/filter/details').map((r) => (r.body as { properties: { value: unknown }[] }).properties.map((p) => p.value));
      expect(asked).toEqual([['Not started'], ['In progress']]);
      const closed = (await runTool(onedesk, 'onedesk_list_items', { type: 'ticket', state: 'closed' }, { runtime })).structuredContent as { items: { id: number }[] };
      expect(closed.items.map((i) => i.id)).toEqual([9, 8]);
    });

    it('pages the merged list with a cursor', async () => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))), filterByStatus);
      const runtime = await startOnedesk();
      const first = (await runTool(onedesk, 'onedesk_list_items', { state: 'open', limit: 2 }, { runtime })).structuredContent as { items: { id: number }[]; next_cursor: string };
      expect(first.items.map((i) => i.id)).toEqual([3, 2]);
      const second = (await runTool(onedesk, 'onedesk_list_items', { state: 'open', limit: 2, cursor: first.next_cursor }, { runtime })).structuredContent as { items: { id: number }[]; next_cursor: string | null };
      expect(second).toEqual({ items: [expect.objectContaining({ id: 1 })], next_cursor: null });
    });

    it('one status in the category is one filter', async () => {
      const statuses = [{ id: 1, name: 'Open', state: 'IN_PROGRESS' }, { id: 2, name: 'Done', state: 'COMPLETED' }];
      stub.use(itemTypesRoute(stub), stub.route('get', '/organization/lifecycleStatus', ok(statuses)), stub.route('post', '/items/filter/details', ok([], { totalNum: 0 })));
      await runTool(onedesk, 'onedesk_list_items', { state: 'closed' }, { runtime: await startOnedesk() });
      expect(stub.received.filter((r) => r.path === '/items/filter/details').map((r) => r.body)).toMatchObject([{ properties: [{ property: 'lifecycleStatus', operation: 'EQ', value: 'Done' }] }]);
    });

    it('refuses a status of the other state, and statuses without categories, instead of answering an empty list', async () => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))));
      const runtime = await startOnedesk();
      const mixed = errorOf(await runTool(onedesk, 'onedesk_list_items', { state: 'open', status: 'Closed' }, { runtime }));
      expect(mixed).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'state' }] });
      stub.use(stub.route('get', '/organization/lifecycleStatus', ok([{ id: 1, name: 'New' }, { id: 2, name: 'Gone' }])));
      const bare = errorOf(await runTool(onedesk, 'onedesk_list_items', { state: 'closed' }, { runtime: await startOnedesk() }));
      expect(bare.code).toBe('invalid_argument');
      expect(bare.message).toContain('New, Gone');
      expect(stub.received.some((r) => r.path === '/items/filter/details')).toBe(false);
    });
  });

  it("maps updated_at from lastUpdatedTime and names the creator instead of a bare UUID", async () => {
    const row = { id: 7, name: 'Broken chair', type: 'Ticket', creationTime: '2024-06-01T08:00:00.000+00:00', lastUpdatedTime: '2024-06-03T09:30:00.000+00:00', creatorExternalId: 'd5ef5e78-a82b-477f-be9c-a17b04283648' };
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok([row], { totalNum: 1 })), stub.route('post', '/users/filter/details', ok(fixture('users'))));
    const result = await runTool(onedesk, 'onedesk_list_items', { type: 'ticket' }, { runtime: await startOnedesk() });
    const [item] = (result.structuredContent as { items: Record<string, unknown>[] }).items;
    expect(item).toMatchObject({ updated_at: '2024-06-03T09:30:00.000+00:00', creator: { external_id: 'd5ef5e78-a82b-477f-be9c-a17b04283648', name: 'Dwight Schrute' } });
    expect(item!.extra).toEqual({});
  });

  it('takes the assignee as a full name or a unique first name, and lists both users for an ambiguous one', async () => {
    const users = [...fixture<Record<string, unknown>[]>('users'), { id: 5, externalId: '9b2c7d1e-1111-4a4a-8b8b-222233334444', firstName: 'Pam', lastName: 'Halpert', email: 'pam.h@dundermifflin.test' }];
    stub.use(itemTypesRoute(stub), stub.route('post', '/users/filter/details', ok(users)), stub.route('post', '/items/filter/details', ok([])));
    const runtime = await startOnedesk();
    for (const assignee of ['dwight', 'Dwight Schrute', '4']) {
      expect((await runTool(onedesk, 'onedesk_list_items', { assignee }, { runtime })).isError, assignee).toBeFalsy();
    }
    const sent = stub.received.filter((r) => r.path === '/items/filter/details').map((r) => (r.body as { properties: { value: unknown }[] }).properties[0]!.value);
    expect(sent).toEqual(Array(3).fill('d5ef5e78-a82b-477f-be9c-a17b04283648'));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { assignee: 'pam' }, { runtime }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'assignee' }] });
    expect(error.fields![0]!.problem).toContain('Pam Beesly');
    expect(error.fields![0]!.problem).toContain('Pam Halpert');
  });
});
