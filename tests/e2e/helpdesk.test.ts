import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS, type ConnectedClient } from '../support/clients';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/**
 * The help desk as `npm start` serves it: the demo data loaded through the
 * connector's own CLI command, then real MCP clients with the demo people's
 * keys. The acting user comes from the key: the same calls give each person
 * what their role allows, and no argument can change who acts.
 */
interface Item {
  id: string;
  tracking_number: string;
  submitter: { id: string; name: string };
}
type Structured = Record<string, unknown> & { error?: { code: string; message: string } };

describe('the help desk through /mcp with the demo data', () => {
  let gw: TestGateway;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    gw = await startTestGateway({ catalog: connectorCatalog, env: { DESKGATE_CONNECTORS: 'helpdesk' } });
    const helpdesk = connectorCatalog.find((m) => m.id === 'helpdesk')!;
    const lines: string[] = [];
    await helpdesk.commands!['seed-demo']!.run(gw.core.runtimes.get('helpdesk'), [], (line) => lines.push(line));
    for (const line of lines) {
      const match = /^\s+(\w+)\s+.*?\s(\S+@demo\.deskgate\.test)\s+(dg_\S+)$/.exec(line);
      if (match) keys.set(match[2]!, match[3]!);
    }
    expect(keys.size).toBe(8);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('caps REST bodies like /mcp: 413 in the error taxonomy, declared or chunked', async () => {
    const big = JSON.stringify({ subject: 'x', description: 'y'.repeat(2 * 1024 * 1024), category_id: 'z' });
    const headers = { authorization: `Bearer ${gw.adminKey}`, 'content-type': 'application/json' };
    const declared = await fetch(`${gw.baseUrl}/api/helpdesk/tickets`, { method: 'POST', headers, body: big });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatchObject({ code: 'invalid_argument', hint: expect.stringContaining('DESKGATE_MAX_BODY_BYTES') });

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await fetch(`${gw.baseUrl}/api/helpdesk/tickets`, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe('invalid_argument');
  });

  const as = (email: string, era: (typeof ERAS)[number] = 'modern') => connectClient(era, gw.url, keys.get(email)!);
  /** The structured result, or `{ error }` (from `_meta`) for an error. */
  const call = async (client: ConnectedClient, name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return (result.isError ? { error: errorOf(result) } : result.structuredContent) as Structured;
  };

  it.each(ERAS)('a user sees only their own tickets and no internal notes (%s client)', async (era) => {
    const lena = await as('lena.user@demo.deskgate.test', era);
    const list = await call(lena, 'helpdesk_list_tickets', { limit: 100 });
    const items = list.items as Item[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((t) => t.submitter.name))).toEqual(new Set(['Lena Fischer']));
    for (const item of items) {
      const ticket = await call(lena, 'helpdesk_get_ticket', { ticket_id: item.tracking_number });
      expect(JSON.stringify(ticket)).not.toMatch(/"is_internal":true/);
    }
    await lena.close();
  });

  it('staff see internal notes; a user is refused internal notes and status changes with permission_denied', async () => {
    const admin = await as('ada.admin@demo.deskgate.test');
    const all = (await call(admin, 'helpdesk_list_tickets', { limit: 100, include_closed: true })).items as Item[];
    let withNote: string | undefined;
    for (const item of all) {
      const ticket = await call(admin, 'helpdesk_get_ticket', { ticket_id: item.id });
      if (JSON.stringify(ticket).includes('"is_internal":true')) {
        withNote = item.id;
        break;
      }
    }
    expect(withNote).toBeTruthy();

    const lena = await as('lena.user@demo.deskgate.test');
    const own = ((await call(lena, 'helpdesk_list_tickets', {})).items as Item[])[0]!;
    const note = await call(lena, 'helpdesk_reply_to_ticket', { ticket_id: own.id, body: 'secret', is_internal: true });
    expect(note.error?.code).toBe('permission_denied');
    const statuses = (await call(lena, 'helpdesk_list_statuses', {})) as { items?: { id: string; name: string }[]; statuses?: { id: string; name: string }[] };
    const resolved = (statuses.items ?? statuses.statuses ?? []).find((s) => s.name === 'Resolved');
    expect(resolved).toBeTruthy();
    const change = await call(lena, 'helpdesk_update_ticket_status', { ticket_id: own.id, status_id: resolved!.id });
    expect(change.error?.code).toBe('permission_denied');
    expect(change.error?.message).toMatch(/staff/i);

    // Someone else's ticket is simply not there for her.
    const notHers = all.find((t) => t.submitter.name !== 'Lena Fischer')!;
    expect((await call(lena, 'helpdesk_get_ticket', { ticket_id: notHers.id })).error?.code).toBe('not_found');
    await lena.close();
    await admin.close();
  });

  it('a new ticket is attributed to the key owner, whatever the arguments say', async () => {
    const lena = await as('lena.user@demo.deskgate.test');
    const lenaId = ((await call(lena, 'helpdesk_list_tickets', {})).items as Item[])[0]!.submitter.id;
    await lena.close();
    const marco = await as('marco.user@demo.deskgate.test');
    const categories = (await call(marco, 'helpdesk_list_categories', {})) as { items?: { id: string }[]; categories?: { id: string }[] };
    const categoryId = (categories.items ?? categories.categories ?? [])[0]!.id;
    // No tool takes the actor: an argument naming another submitter is refused as unknown…
    const spoof = await call(marco, 'helpdesk_create_ticket', {
      subject: 'Laptop fan is loud',
      description: 'Since Monday.',
      category_id: categoryId,
      submitter_id: lenaId,
    });
    expect(spoof.error?.code).toBe('invalid_argument');
    expect(JSON.stringify(spoof.error)).toContain('submitter_id');
    // …and the ticket created belongs to Marco, the key's owner.
    const created = await call(marco, 'helpdesk_create_ticket', { subject: 'Laptop fan is loud', description: 'Since Monday.', category_id: categoryId });
    expect(created.error).toBeUndefined();
    const ticket = (created.ticket ?? created) as Item;
    expect(ticket.submitter.name).toBe('Marco Rossi');
    expect(ticket.submitter.id).not.toBe(lenaId);
    await marco.close();
  });
});
