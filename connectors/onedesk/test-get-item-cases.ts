import { describe, expect, it } from 'vitest';
import { errorOf, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from './test-support';

/**
 * onedesk_get_item: any item type read by id with names, by external id, a
 * vendor 404, and exactly one id.
 */
export function getItemCases(c: { tool: string; types: string[] }) {
  const stub = useOnedesk();
  const item = (type: string) => ({
    id: 1050,
    externalId: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
    name: 'Order toner',
    description: 'Two black cartridges for the Scranton printer.',
    type: { label: type },
    lifecycleStatus: { name: 'In progress', state: 'IN_PROGRESS' },
    priority: 20,
    percentComplete: 50,
    project: { id: 17, externalId: '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', name: 'IT Support' },
    assignees: [{ externalId: '471cb72b-c56a-4413-8a51-abb2ffac0a2f', name: 'Pam Beesly' }],
    creationTime: '2024-06-17T15:43:27.201+00:00',
  });

  describe(c.tool, () => {
    it.each(c.types)('reads a %s by id, with its description and names', async (type) => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/items/id/:id', ({ params }) => (params.id === '1050' ? ok(item(type)) : vendorError(404))));
      const result = await runTool(onedesk, c.tool, { id: 1050 }, { runtime: await startOnedesk() });
      expect(result.structuredContent).toMatchObject({
        item: { id: 1050, type, name: 'Order toner', description: 'Two black cartridges for the Scranton printer.', status: 'In progress', percent_complete: 50, assignees: [{ name: 'Pam Beesly' }] },
      });
    });

    it('reads by external id too', async () => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/items/externalId/:x', ok(item('Ticket'))));
      await runTool(onedesk, c.tool, { external_id: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c' }, { runtime: await startOnedesk() });
      expect(stub.received.map((r) => r.path)).toContain('/items/externalId/3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c');
    });

    it('maps a vendor 404 to not_found', async () => {
      stub.use(itemTypesRoute(stub), stub.route('get', '/items/id/:id', vendorError(404)));
      expect(errorOf(await runTool(onedesk, c.tool, { id: 9 }, { runtime: await startOnedesk() })).code).toBe('not_found');
    });

    it('needs exactly one of id and external_id', async () => {
      const runtime = await startOnedesk();
      expect(errorOf(await runTool(onedesk, c.tool, {}, { runtime })).code).toBe('invalid_argument');
      expect(errorOf(await runTool(onedesk, c.tool, { id: 1, external_id: 'x' }, { runtime })).code).toBe('invalid_argument');
      expect(stub.received).toEqual([]);
    });
  });
}
