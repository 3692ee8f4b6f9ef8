import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { runAssumptions } from '../../src/doctor/assumptions';
import { silentLog } from '../../tests/support/connector-kit';
import { onedeskAssumptions } from './assumptions';
import { FILTER_PROPERTIES } from './vendor';
import { fixture, ok, onedesk, startOnedesk, useOnedesk } from './test-support';

const stub = useOnedesk();

const ITEM = { id: 1042, externalId: 'T-1042', name: 'Printer jams', type: 'Ticket', lifecycleStatus: 'In progress', creationTime: '2024-06-01', lastUpdatedTime: '2024-06-03', projectId: 7, assignees: ['u-1'] };
const ITEM2 = { ...ITEM, id: 1043, externalId: 'T-1043' };

/** A OneDesk stand-in that behaves as the evidence says, with `ignored` filter properties reported as not applied. */
function onedeskAsDocumented(ignored: string[] = []) {
  stub.use(
    stub.route('get', '/organization/profileAndPolicy', ok({ organizationName: 'Acme' })),
    stub.route('get', '/organization/itemTypes', ok(fixture('item-types'))),
    stub.route('get', '/organization/lifecycleStatus', ok([{ name: 'New' }, { name: 'In progress' }])),
    stub.route('get', '/items/id/:id', ({ params }) => ok({ ...ITEM, id: Number(params.id) })),
    stub.route('post', '/:resource/filter/details', ({ body }) => {
      const b = body as { properties: { property: string }[]; limit: number; offset: number };
      if (!b.properties.length) return HttpResponse.json({ code: 'BAD_REQUEST' }, { status: 400 });
      const rows = [ITEM, ITEM2].slice(b.offset, b.offset + b.limit);
      return ok(rows, { totalNum: 2, notAppliedPropertyFilters: b.properties.map((p) => p.property).filter((p) => ignored.includes(p)) });
    }),
  );
}

const defaults = new Set(onedesk.tools.filter((t) => onedesk.toolsets.find((s) => s.id === t.toolset)?.default).map((t) => t.name));

describe('OneDesk vendor assumptions', () => {
  it('doctor --deep: against a OneDesk that behaves as documented, what can be checked holds; an empty filter list and the page size are reported as they are', async () => {
    onedeskAsDocumented();
    const rows = await runAssumptions('onedesk', onedeskAssumptions, await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(by['items.filter.lifecycleStatus']).toMatchObject({ outcome: 'holds', affectsDefaults: true });
    expect(by['items.get']!.outcome).toBe('holds');
    expect(by['items.fields']!.outcome).toBe('holds');
    expect(by['items.paging']!.outcome).toBe('holds');
    expect(by['items.filter.empty']).toMatchObject({ outcome: 'differs', affectsDefaults: false });
    expect(by['items.limit']!.outcome).toBe('could_not_check');
    // A OneDesk refusing a limit above 20 says so: keep the page size.
    stub.use(stub.route('post', '/items/filter/details', ({ body }) => ((body as { limit: number }).limit > 20 ? HttpResponse.json({ code: 'BAD_REQUEST' }, { status: 400 }) : ok([ITEM], { totalNum: 40 }))));
    const [limit] = await runAssumptions('onedesk', onedeskAssumptions.filter((a) => a.id === 'items.limit'), await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    expect(limit).toMatchObject({ outcome: 'differs', evidence: expect.stringContaining('keep ONEDESK_PAGE_SIZE at 20'), affectsDefaults: false });
    expect(by['writes.bodies']!.outcome).toBe('could_not_check');
    // Says why nothing is written, instead of asking for a --write-check that would do nothing.
    expect(by['writes.bodies']!.evidence).toMatch(/no DELETE.*no confirmed update archives/);
    expect(by['writes.bodies']!.evidence).not.toMatch(/run with --write-check/);
    expect(rows.filter((r) => r.outcome === 'differs' && r.affectsDefaults)).toEqual([]);
    // Evidence never carries the account's data.
    expect(JSON.stringify(rows)).not.toContain('Printer jams');
    expect(JSON.stringify(rows)).not.toContain('Acme');
  });

  it('doctor --deep: a filter property OneDesk ignores is reported as differing, with the tools it breaks', async () => {
    onedeskAsDocumented(['lifecycleStatus', 'dateStart']);
    const rows = await runAssumptions('onedesk', onedeskAssumptions, await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    const status = rows.find((r) => r.id === 'items.filter.lifecycleStatus')!;
    expect(status).toMatchObject({ outcome: 'differs', affectsDefaults: true });
    expect(status.evidence).toContain('notAppliedPropertyFilters');
    expect(status.tools).toContain('onedesk_list_items');
    expect(rows.find((r) => r.id === 'timesheets.filter.dateStart')!.outcome).toBe('differs');
  });

  it('an endpoint the tools call that answers 404 differs (it does not answer), where a refused key could not be checked', async () => {
    onedeskAsDocumented();
    stub.use(stub.route('post', '/attachments/filter/details', () => HttpResponse.json({ code: 'NOT_FOUND', message: 'No such route' }, { status: 404 })));
    const rows = await runAssumptions('onedesk', onedeskAssumptions.filter((a) => a.id.startsWith('attachments.')), await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    for (const row of rows) expect(row, row.id).toMatchObject({ outcome: 'differs', evidence: expect.stringContaining('HTTP 404') });
    stub.use(stub.route('post', '/attachments/filter/details', () => HttpResponse.json({ code: 'FORBIDDEN' }, { status: 403 })));
    const refused = await runAssumptions('onedesk', onedeskAssumptions.filter((a) => a.id.startsWith('attachments.')), await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    for (const row of refused) expect(row.outcome, row.id).toBe('could_not_check');
  });

  it('item fields are checked under every name the mapper reads them by: lastUpdated holds, no update time at all differs', async () => {
    const { lastUpdatedTime, ...rest } = ITEM;
    const fieldsWith = async (row: Record<string, unknown>) => {
      stub.use(stub.route('post', '/items/filter/details', ok([row], { totalNum: 1 })));
      const [result] = await runAssumptions('onedesk', onedeskAssumptions.filter((a) => a.id === 'items.fields'), await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
      return result!;
    };
    expect(await fieldsWith({ ...rest, lastUpdated: lastUpdatedTime })).toMatchObject({ outcome: 'holds', evidence: expect.stringContaining('updated as lastUpdated') });
    const none = await fieldsWith(rest);
    expect(none).toMatchObject({ outcome: 'differs', affectsDefaults: true });
    expect(none.evidence).toContain('updated: none of lastUpdatedTime');
  });

  it('every filter property a tool can send (FILTER_PROPERTIES) has a check that asks OneDesk about that very property, in the form the tools send', async () => {
    const checks = Object.entries(FILTER_PROPERTIES).flatMap(([resource, properties]) => properties.map((p) => ({ resource, property: p, covered: `POST /${resource}/filter/details property ${p}` })));
    for (const c of checks) expect(onedeskAssumptions.filter((a) => a.covers?.includes(c.covered)).map((a) => a.id), c.covered).toHaveLength(1);

    // A OneDesk that applies no filter at all: every asked-for property differs, named, with the tools it breaks.
    const sent: { resource: string; properties: { property: string; operation: string; value: unknown }[] }[] = [];
    stub.use(
      stub.route('post', '/:resource/filter/details', ({ body, params }) => {
        const b = body as { properties: { property: string; operation: string; value: unknown }[] };
        sent.push({ resource: String(params.resource), properties: b.properties });
        return ok([ITEM], { totalNum: 1, notAppliedPropertyFilters: b.properties.map((p) => p.property) });
      }),
    );
    const filterChecks = onedeskAssumptions.filter((a) => a.covers?.some((c) => c.includes(' property ')));
    const rows = await runAssumptions('onedesk', filterChecks, await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    for (const c of checks) {
      const row = rows.find((r) => r.id === `${c.resource}.filter.${c.property}`)!;
      const alwaysTrue = c.property === 'creationTime' && c.resource !== 'items';
      expect(row.outcome, row.id).toBe(alwaysTrue ? 'holds' : 'differs');
      if (!alwaysTrue) {
        expect(row.evidence).toContain(`${c.property} in notAppliedPropertyFilters`);
        expect(row.tools.length, row.id).toBeGreaterThan(0);
        expect(sent.some((s) => s.resource === c.resource && s.properties.length === 1 && s.properties[0]!.property === c.property), row.id).toBe(true);
      }
    }
    // The values go in the form the tools send: dates for creationTime, a date-time for dateStart, numbers for ids.
    const valueOf = (resource: string, property: string) => sent.find((s) => s.resource === resource && s.properties[0]!.property === property)!.properties[0]!.value;
    expect(valueOf('items', 'creationTime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(valueOf('timesheets', 'dateStart')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(typeof valueOf('timesheets', 'itemId')).toBe('number');

    // A OneDesk that refuses creationTime: the lists that send only the always-true filter differ.
    stub.use(stub.route('post', '/:resource/filter/details', () => HttpResponse.json({ code: 'BAD_REQUEST', message: 'Unknown property creationTime' }, { status: 400 })));
    const refused = await runAssumptions('onedesk', filterChecks.filter((a) => a.id.endsWith('.filter.creationTime')), await startOnedesk(), { log: silentLog, writeCheck: false, defaultTools: defaults });
    expect(refused.map((r) => [r.id, r.outcome])).toEqual(Object.keys(FILTER_PROPERTIES).map((resource) => [`${resource}.filter.creationTime`, 'differs']));
  });
});
