import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnedeskStandIn, type OnedeskStandIn } from '../support/onedesk-standin';

/**
 * The loopback OneDesk the end-to-end tests run against follows the
 * evidence (shared/vendors/EVIDENCE.md): a filter it takes is applied or
 * reported in notAppliedPropertyFilters, never silently skipped, so tests
 * cannot pass on an unfiltered list.
 */
const KEY = 'od_standin_Qe3Rw8Ty5';

describe('the OneDesk stand-in', () => {
  let onedesk: OnedeskStandIn;
  beforeAll(async () => {
    onedesk = await startOnedeskStandIn(KEY);
  });
  afterAll(() => onedesk.close());

  const filter = async (resource: string, properties: { property: string; operation: string; value: unknown }[], limit = 20) => {
    const response = await fetch(`${onedesk.baseUrl}/${resource}/filter/details`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'OD-Public-API-Key': KEY },
      body: JSON.stringify({ properties, isAsc: false, limit, offset: 0 }),
    });
    return { status: response.status, body: (await response.json()) as { data?: { id: number }[]; notAppliedPropertyFilters?: string[] } };
  };

  it('applies the filters it takes: a status, a name, a creation date', async () => {
    const all = await filter('items', [{ property: 'creationTime', operation: 'LT', value: '2999-01-01' }]);
    expect(all.body.data!.length).toBe(2);
    const byName = await filter('items', [{ property: 'name', operation: 'CONTAINS', value: 'printer' }]);
    expect(byName.body.data!.length).toBe(1);
    const none = await filter('items', [{ property: 'creationTime', operation: 'LT', value: '2000-01-01' }]);
    expect(none.body.data).toEqual([]);
    const status = await filter('items', [{ property: 'lifecycleStatus', operation: 'EQ', value: 'No such status' }]);
    expect(status.body.data).toEqual([]);
  });

  it('reports a filter it is told to ignore in notAppliedPropertyFilters, and refuses what the evidence does not show accepted', async () => {
    onedesk.ignoredFilters.add('items:lifecycleStatus');
    try {
      const ignored = await filter('items', [{ property: 'lifecycleStatus', operation: 'EQ', value: 'No such status' }]);
      expect(ignored.body.notAppliedPropertyFilters).toEqual(['lifecycleStatus']);
      expect(ignored.body.data!.length).toBe(2);
    } finally {
      onedesk.ignoredFilters.clear();
    }
    expect((await filter('items', [])).status).toBe(400);
    expect((await filter('items', [{ property: 'creationTime', operation: 'LT', value: '2999-01-01T00:00:00.000Z' }])).status).toBe(400);
    expect((await filter('items', [{ property: 'creationTime', operation: 'LT', value: '2999-01-01' }], 21)).status).toBe(400);
  });
});
