import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../../connectors/onedesk/test-support';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS } from '../support/clients';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { startOnedeskStandIn, type OnedeskStandIn } from '../support/onedesk-standin';
import { errorOf } from '../support/tool-harness';

/**
 * OneDesk through the whole gateway: real server, both official MCP clients,
 * the real vendor HTTP client over real sockets, against a loopback OneDesk.
 */
type Structured = Record<string, unknown> & { error?: { code: string; message: string; alternatives?: string[] } };
/** The structured result, or `{ error }` (from `_meta`) for an error. */
const structured = (result: Record<string, unknown>) => (result.isError ? { error: errorOf(result) } : result.structuredContent) as Structured;

describe('OneDesk end to end through /mcp', () => {
  let gw: TestGateway;
  let onedesk: OnedeskStandIn;
  const logLines: string[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    onedesk = await startOnedeskStandIn(TEST_API_KEY);
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        ONEDESK_API_KEY: TEST_API_KEY,
        ONEDESK_BASE_URL: onedesk.baseUrl,
        ONEDESK_TOOLSETS: 'items,worklogs,conversations,delete',
        ONEDESK_TIMEOUT_MS: '3000',
      },
      logs: lineCollector(logLines),
    });
  });
  afterAll(async () => {
    await gw?.close();
    await onedesk?.close();
  });

  it.each(ERAS)('a client calling a per-type tool from an old tools/list is told which tool replaced it and with what arguments (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    await expect(client.callTool({ name: 'onedesk_list_tickets', arguments: { limit: 5 } })).rejects.toThrow(
      'onedesk_list_tickets was merged into another tool: call onedesk_list_items with {"type":"ticket"} (and the same other arguments).',
    );
    await expect(client.callTool({ name: 'onedesk_get_task', arguments: { id: 1 } })).rejects.toThrow('call onedesk_get_item (and the same other arguments)');
    await client.close();
    // A key that may not use OneDesk is not pointed at a OneDesk tool: the name stays unknown.
    const admin = (await gw.core.auth.listKeys())[0]!;
    const { secret } = await gw.core.auth.createKey({ userId: admin.userId, name: `helpdesk-only-${era}`, connectors: ['helpdesk'] });
    const limited = await connectClient(era, gw.url, secret);
    await expect(limited.callTool({ name: 'onedesk_list_tickets', arguments: {} })).rejects.toThrow(/^(?!.*onedesk_list_items).*Unknown tool: onedesk_list_tickets/s);
    await limited.close();
  });

  it.each(ERAS)('lists tickets, logs work on one, reads it back, and is refused a delete with alternatives (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    // Listing first: the 2025-era SDK then checks every result against the tool's output schema.
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.filter((n) => n.startsWith('onedesk_'))).toHaveLength(24);

    const tickets = await client.callTool({ name: 'onedesk_list_items', arguments: { type: 'ticket', limit: 10 } });
    seen.push(JSON.stringify(tickets));
    expect(tickets.isError).toBeFalsy();
    const items = structured(tickets).items as { id: number; name: string; project: { name: string } | null }[];
    expect(items.map((i) => i.name)).toEqual(['Printer on floor 2 jams', 'VPN drops every hour']);
    expect(items[1]?.project?.name).toBe('IT Support');
    const ticket = items[0]!;

    const comment = `${era} client: replaced the fuser`;
    const logged = await client.callTool({
      name: 'onedesk_create_worklog',
      arguments: { item_id: ticket.id, start: '2024-06-18T09:00:00+02:00', hours: 1.25, billable: true, comment },
    });
    seen.push(JSON.stringify(logged));
    expect(logged.isError).toBeFalsy();
    const worklogId = (structured(logged).worklog as { id: number }).id;
    expect(worklogId).toEqual(expect.any(Number));

    const readBack = await client.callTool({ name: 'onedesk_list_worklogs', arguments: { item_id: ticket.id } });
    seen.push(JSON.stringify(readBack));
    expect(readBack.isError).toBeFalsy();
    const worklogs = structured(readBack).worklogs as { id: number; comment: string; duration: { seconds: number; readable: string } }[];
    expect(worklogs.find((w) => w.id === worklogId)).toMatchObject({ comment, duration: { seconds: 4500, readable: '1h 15m' } });

    const callsBefore = onedesk.calls.length;
    const refused = await client.callTool({ name: 'onedesk_delete_ticket', arguments: { id: ticket.id } });
    seen.push(JSON.stringify(refused));
    expect(refused.isError).toBe(true);
    const text = (refused.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/^Error \(unsupported_by_vendor\)/);
    expect(text).toMatch(/Alternatives: .*onedesk_update_item/);
    if (era === 'modern') {
      expect(structured(refused).error).toMatchObject({ code: 'unsupported_by_vendor', retryable: false });
      expect(structured(refused).error?.alternatives?.join(' ')).toContain('onedesk_update_item');
    }
    expect(onedesk.calls.length).toBe(callsBefore);
    expect(onedesk.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await client.close();
  });

  it('answers a missing filter endpoint with unsupported_by_vendor naming it, and keeps the key out of results, errors, logs and metrics', async () => {
    const client = await connectClient('modern', gw.url, gw.adminKey);
    onedesk.failNext('/timesheets/filter/details', 405);
    const missing = await client.callTool({ name: 'onedesk_list_worklogs', arguments: { item_id: 1042 } });
    seen.push(JSON.stringify(missing));
    expect(structured(missing).error).toMatchObject({ code: 'unsupported_by_vendor' });
    expect(structured(missing).error?.message).toContain('/timesheets/filter/details');

    onedesk.failNext('/items/filter/details', 500);
    const failed = await client.callTool({ name: 'onedesk_list_items', arguments: {} });
    seen.push(JSON.stringify(failed));
    expect(structured(failed).error?.code).toBe('upstream_error');
    await client.close();

    seen.push(await (await fetch(`${gw.baseUrl}/metrics`)).text());
    seen.push(...logLines);
    // OneDesk did get the key on every call (so the check below means something)...
    expect(onedesk.calls.length).toBeGreaterThan(5);
    expect(onedesk.calls.every((c) => c.hadKey)).toBe(true);
    // ...the calls were logged...
    expect(logLines.some((l) => l.includes('"tool":"onedesk_list_items"'))).toBe(true);
    // ...but the key is nowhere a model, an operator or Prometheus can read, though the vendor's error quoted it.
    for (const text of seen) {
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(gw.adminKey);
    }
  });

  it("reports the organization's name through the health check `deskgate doctor` prints", async () => {
    const manifest = connectorCatalog.find((m) => m.id === 'onedesk')!;
    const health = await manifest.healthCheck(gw.core.runtimes.get('onedesk'));
    expect(health).toEqual({ ok: true, detail: 'OneDesk accepted the key for organization "Dunder Mifflin Support".' });
  });
});
