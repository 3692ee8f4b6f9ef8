import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorCatalog } from '../../src/registry/catalog';
import { toolFactory, type ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { openDatabase } from '../../src/storage';
import { testDatabases } from '../support/databases';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * The audit trail through the real HTTP stack, on both engines: a tool call,
 * a failed sign-in and an admin's key creation each leave one record, read
 * back through GET /api/admin/audit with its filters and pages; free text
 * and secrets from the same requests never reach the audit table.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- records are checked field by field
type Json = Record<string, any>;

/** A 2025-era stateless tools/call, as an MCP client sends it; the answer's structuredContent and request id. */
async function toolCall(gw: TestGateway, key: string, name: string, args: Json) {
  const response = await fetch(`${gw.baseUrl}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  const text = await response.text();
  const data = response.headers.get('content-type')?.includes('text/event-stream') ? /^data: (.*)$/m.exec(text)![1]! : text;
  const body = JSON.parse(data) as Json;
  return { structured: body.result?.structuredContent as Json | undefined, isError: body.result?.isError as boolean | undefined, requestId: response.headers.get('x-request-id') };
}

async function rest(gw: TestGateway, method: string, path: string, key: string | undefined, body?: unknown) {
  const response = await fetch(`${gw.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Json, requestId: response.headers.get('x-request-id') };
}

/** The audit trail as an admin reads it, all pages. */
async function auditOf(gw: TestGateway, query = '') {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const page = await rest(gw, 'GET', `/api/admin/audit?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, gw.adminKey);
    expect(page.status).toBe(200);
    items.push(...(page.json.items as Json[]));
    cursor = page.json.next_cursor as string | null;
  } while (cursor);
  return items;
}

for (const engine of testDatabases()) {
  const title = engine.skipReason ? `the audit trail on ${engine.engine} (skipped: ${engine.skipReason})` : `the audit trail on ${engine.engine}`;
  describe.skipIf(engine.skipReason !== undefined)(title, () => {
    let gw: TestGateway;
    let dropSchema: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const env: Record<string, string> = { DESKGATE_CONNECTORS: 'helpdesk' };
      if (engine.engine === 'postgres') {
        const base = process.env.DESKGATE_TEST_POSTGRES_URL!;
        const schema = `audit_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const url = new URL(base);
        url.searchParams.set('options', `-c search_path=${schema}`);
        env.DATABASE_URL = url.toString();
        dropSchema = async () => {
          const dropper = new pg.Client({ connectionString: base });
          await dropper.connect();
          await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await dropper.end();
        };
      }
      gw = await startTestGateway({ catalog: connectorCatalog, env });
    });
    afterAll(async () => {
      await gw?.close();
      await dropSchema?.();
    });

    it('records a tool call, a failed sign-in and a key creation, with who, what, outcome and request id, and nothing more', async () => {
      const categories = await toolCall(gw, gw.adminKey, 'helpdesk_list_categories', {});
      const categoryId = (categories.structured!.items as Json[])[0]!.id as string;
      // A code no id, time or request id could hold by chance (a fixed "4711" turned up inside a random request id once).
      const doorCode = `door${randomBytes(6).toString('hex')}`;
      const secretText = `The door code is ${doorCode}`;
      const created = await toolCall(gw, gw.adminKey, 'helpdesk_create_ticket', {
        subject: `Printer jam ${secretText}`,
        description: secretText,
        category_id: categoryId,
        priority: 'High',
      });
      expect(created.isError).toBeFalsy();
      const ticketId = (created.structured!.ticket as Json).id as string;

      const wrongKey = `dg_${randomBytes(24).toString('hex')}`;
      const refused = await toolCall(gw, wrongKey, 'helpdesk_list_categories', {}).catch(() => undefined);
      expect(refused?.structured).toBeUndefined();

      const users = await rest(gw, 'GET', '/api/admin/users', gw.adminKey);
      const adminId = (users.json.items as Json[])[0]!.id as string;
      const key = await rest(gw, 'POST', '/api/admin/keys', gw.adminKey, { user_id: adminId, name: `laptop ${secretText}` });
      expect(key.status).toBe(201);

      const records = await auditOf(gw);
      const call = records.find((r) => r.action === 'helpdesk_create_ticket')!;
      expect(call).toMatchObject({
        kind: 'tool_call',
        outcome: 'ok',
        user_id: adminId,
        user_email: 'admin@localhost',
        connector: 'helpdesk',
        args: { category_id: categoryId, priority: 'High' },
        targets: { category_id: categoryId, ticket_id: ticketId },
        request_id: created.requestId,
      });
      expect(call.key_id).toMatch(/\w+/);
      expect(call.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Object.keys(call.args)).not.toContain('description');
      expect(Object.keys(call.args)).not.toContain('subject');

      const signIn = records.find((r) => r.kind === 'sign_in')!;
      expect(signIn).toMatchObject({ action: 'POST /mcp', outcome: 'unauthenticated', user_id: null, key_id: null });
      expect(signIn.address).toMatch(/127\.0\.0\.1/);

      const keyRecord = records.find((r) => r.kind === 'key')!;
      expect(keyRecord).toMatchObject({
        action: 'POST /api/admin/keys',
        outcome: 'ok',
        connector: 'core',
        user_id: adminId,
        targets: { id: key.json.id, user_id: adminId },
        request_id: key.requestId,
      });
      // Reading the users list is an admin action too.
      expect(records.some((r) => r.kind === 'admin' && r.action === 'GET /api/admin/users')).toBe(true);

      // Filters: by tool, by outcome, by user; and nothing from before `since`.
      expect((await auditOf(gw, '&tool=helpdesk_create_ticket')).map((r) => r.id)).toEqual([call.id]);
      expect((await auditOf(gw, '&outcome=error')).every((r) => r.outcome !== 'ok')).toBe(true);
      expect((await auditOf(gw, '&outcome=unauthenticated')).map((r) => r.id)).toEqual([signIn.id]);
      expect((await auditOf(gw, '&user=ADMIN@localhost&connector=helpdesk')).map((r) => r.action).sort()).toEqual(['helpdesk_create_ticket', 'helpdesk_list_categories']);
      expect(await auditOf(gw, `&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
      expect((await rest(gw, 'GET', '/api/admin/audit?since=yesterday', gw.adminKey)).status).toBe(400);

      // What must never be stored: the free text, the wrong key, the new key's secret, the admin key.
      const db = await openDatabase(gw.core.config.databaseUrl);
      try {
        await gw.core.audit.flush();
        const stored = JSON.stringify(await db.all('SELECT * FROM audit_events'));
        expect(stored).toContain(ticketId);
        for (const secret of [secretText, doorCode, wrongKey, key.json.secret as string, gw.adminKey]) expect(stored).not.toContain(secret);
      } finally {
        await db.close();
      }
    });

    it('is for admins only and documented in the OpenAPI document', async () => {
      const users = await rest(gw, 'GET', '/api/admin/users', gw.adminKey);
      const adminId = (users.json.items as Json[])[0]!.id as string;
      const limited = await rest(gw, 'POST', '/api/admin/keys', gw.adminKey, { user_id: adminId, name: 'read-only', read_only: true });
      expect((await rest(gw, 'GET', '/api/admin/audit', limited.json.secret as string)).status).toBe(403);
      const doc = await rest(gw, 'GET', '/api/admin/openapi.json', undefined);
      const op = doc.json.paths['/admin/audit'].get as Json;
      expect((op.parameters as Json[]).map((p) => p.name)).toEqual(['user', 'tool', 'connector', 'outcome', 'kind', 'since', 'until', 'limit', 'cursor']);
      expect(Object.keys(op.responses['200'].content['application/json'].schema.properties)).toEqual(['items', 'next_cursor']);
    });
  });
}

describe('the audit record of a write that says whose vendor account it used', () => {
  const logWork = toolFactory<unknown>()({
    name: 'echo_log_work',
    title: 'Log work',
    description: 'Logs work on a task as the caller. Example: echo_log_work({"task_id":"t1","note":"x"}).',
    toolset: 'notes',
    input: z.object({ task_id: z.string().describe('Task id.'), note: z.string().describe('What was done.') }),
    output: z.object({ logged: z.boolean(), acted_as: z.object({ vendor_user_id: z.string(), via: z.string() }) }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    handler: async () => ({ logged: true, acted_as: { vendor_user_id: 'vu_42', via: 'personal_key' } }),
  });
  const catalog = [{ ...echoConnector, tools: [...echoConnector.tools, logWork] }] as unknown as ConnectorManifest<unknown, unknown>[];
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ catalog, env: { DESKGATE_CONNECTORS: 'echo' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('keeps acted_as from the result, and the error code of a refused call', async () => {
    expect((await toolCall(gw, gw.adminKey, 'echo_log_work', { task_id: 't1', note: 'private words' })).isError).toBeFalsy();
    expect((await toolCall(gw, gw.adminKey, 'echo_delete_note', { id: 'missing' })).isError).toBe(true);
    const records = await auditOf(gw, '&kind=tool_call');
    expect(records.find((r) => r.action === 'echo_log_work')).toMatchObject({
      outcome: 'ok',
      connector: 'echo',
      args: { task_id: 't1' },
      acted_as: { vendor_user_id: 'vu_42', via: 'personal_key' },
    });
    expect(records.find((r) => r.action === 'echo_delete_note')).toMatchObject({ outcome: 'not_found', targets: { id: 'missing' }, acted_as: null });
    expect(JSON.stringify(records)).not.toContain('private words');
  });
});

describe('a gateway with the audit trail off (DESKGATE_AUDIT=off)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[], env: { DESKGATE_CONNECTORS: 'echo', DESKGATE_AUDIT: 'off' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('serves tool calls, admin calls and refused sign-ins but records none of them; the admin API still answers', async () => {
    expect((await toolCall(gw, gw.adminKey, 'echo_delete_note', { id: 'missing' })).isError).toBe(true);
    expect((await rest(gw, 'GET', '/api/admin/keys', 'dg_not_a_key')).status).toBe(401);
    const users = await rest(gw, 'GET', '/api/admin/users', gw.adminKey);
    expect(users.status).toBe(200);
    expect(await auditOf(gw)).toEqual([]);
  });
});
