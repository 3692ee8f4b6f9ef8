/**
 * Issue 18, items 1 and 7: tool arguments must not steer the requests the
 * gateway makes to a vendor with the shared key. Each example from the
 * review goes through the real gateway (/mcp, both layers of checks, the
 * real vendor client over real sockets) against loopback stand-ins that
 * record every request: the answer is invalid_argument naming the argument,
 * and the vendor received nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY as ONEDESK_KEY } from '../../connectors/onedesk/test-support';
import { connectorCatalog } from '../../src/registry/catalog';
import { startClockifyStandIn, type ClockifyStandIn } from '../support/clockify-stand-in';
import { connectClient, type ConnectedClient } from '../support/clients';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startOnedeskStandIn, type OnedeskStandIn } from '../support/onedesk-standin';

const CLOCKIFY_KEY = 'ckf_e2e_path_injection_key';
const HUGE = '7'.repeat(100_000);

type ErrorPayload = { code: string; message: string; fields?: { field: string; problem: string }[] };
/** The error of a failed result (errors travel in `_meta["deskgate/error"]`, not structuredContent). */
const errorIn = (result: Record<string, unknown>) => (result._meta as Record<string, ErrorPayload | undefined> | undefined)?.['deskgate/error'];

describe('tool arguments cannot steer vendor requests', () => {
  let gw: TestGateway;
  let clockify: ClockifyStandIn;
  let onedesk: OnedeskStandIn;
  let desktime: Server;
  const desktimeCalls: string[] = [];
  let client: ConnectedClient;

  /** Every request any stand-in has received so far. */
  const vendorRequests = () => [
    ...clockify.calls.map((c) => `clockify ${c.method} ${c.host} ${c.path}`),
    ...onedesk.calls.map((c) => `onedesk ${c.method} ${c.path}`),
    ...desktimeCalls.map((c) => `desktime ${c}`),
  ];

  beforeAll(async () => {
    clockify = await startClockifyStandIn(CLOCKIFY_KEY);
    onedesk = await startOnedeskStandIn(ONEDESK_KEY);
    desktime = createServer((req, res) => {
      desktimeCalls.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown action"}');
    });
    await new Promise<void>((resolve) => desktime.listen(0, '127.0.0.1', resolve));
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        CLOCKIFY_API_KEY: CLOCKIFY_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TOOLSETS: 'all',
        ONEDESK_API_KEY: ONEDESK_KEY,
        ONEDESK_BASE_URL: onedesk.baseUrl,
        ONEDESK_TOOLSETS: 'all',
        DESKTIME_API_KEY: 'dt_e2e_path_injection_key',
        DESKTIME_BASE_URL: `http://127.0.0.1:${(desktime.address() as AddressInfo).port}/api/v2/json`,
        DESKTIME_TOOLSETS: 'all',
      },
    });
    client = await connectClient('modern', gw.url, gw.adminKey);
  });
  afterAll(async () => {
    await client?.close();
    await gw?.close();
    await clockify?.close();
    await onedesk?.close();
    desktime?.closeAllConnections();
    await new Promise<void>((resolve) => desktime.close(() => resolve()));
  });

  const refused = async (name: string, args: Record<string, unknown>, field: string) => {
    const before = vendorRequests().length;
    const result = await client.callTool({ name, arguments: args });
    const error = errorIn(result);
    expect(result.isError, `${name} ${JSON.stringify(args).slice(0, 80)}`).toBe(true);
    expect(error?.code).toBe('invalid_argument');
    expect(error?.fields?.map((f) => f.field.split('.')[0])).toContain(field);
    // Short, and never the 100 KB value echoed back.
    expect(JSON.stringify(result).length).toBeLessThan(4_000);
    expect(vendorRequests().slice(before)).toEqual([]);
  };

  it.each([
    // The review's exact examples.
    ['clockify_get_weekly_report', { workspace_id: '../../x', start: '2026-11-02' }, 'workspace_id'],
    ['clockify_create_shared_report', { workspace_id: '../../x', name: 'Weekly', type: 'summary', start: '2026-11-02' }, 'workspace_id'],
    ['clockify_get_summary_report', { workspace_id: 'abc?x=1#', start: '2026-11-02' }, 'workspace_id'],
    ['clockify_get_detailed_report', { workspace_id: '%2F', start: '2026-11-02' }, 'workspace_id'],
    ['clockify_get_expense_report', { workspace_id: '..', start: '2026-11-02' }, 'workspace_id'],
    ['clockify_get_tag', { tag_id: '.' }, 'tag_id'],
    ['clockify_get_project', { project_id: HUGE }, 'project_id'],
    ['clockify_get_summary_report', { project_ids: ['../../../workspaces'], start: '2026-11-02' }, 'project_ids'],
    ['clockify_list_holidays', { user_id: '\ud800', start: '2026-11-02' }, 'user_id'],
  ] as const)('Clockify: %s %j is invalid_argument and nothing is sent', async (name, args, field) => {
    await refused(name, args, field);
  });

  it.each([
    ['onedesk_update_item', { external_id: '..', name: 'renamed' }, 'external_id'],
    ['onedesk_get_item', { external_id: '..' }, 'external_id'],
    ['onedesk_get_item', { external_id: '.' }, 'external_id'],
    ['onedesk_get_item', { external_id: '%2F' }, 'external_id'],
    ['onedesk_get_timesheet', { external_id: 'abc?x=1#' }, 'external_id'],
    ['onedesk_get_comment', { external_id: '../../items/' }, 'external_id'],
    // Item 7: a lone surrogate was an `internal` URIError.
    ['onedesk_get_item', { external_id: '\ud800' }, 'external_id'],
    ['onedesk_get_comment', { external_id: '\udfff' }, 'external_id'],
    ['onedesk_get_item', { external_id: HUGE }, 'external_id'],
    ['onedesk_list_comments', { item_external_id: '..' }, 'item_external_id'],
    ['onedesk_add_comment', { conversation_external_id: '../x', content: 'hi' }, 'conversation_external_id'],
  ] as const)('OneDesk: %s %j is invalid_argument and nothing is sent', async (name, args, field) => {
    await refused(name, args, field);
  });

  it.each([
    ['desktime_get_employee', { employee_id: '../../x' }, 'employee_id'],
    ['desktime_get_employee_projects', { employee_id: HUGE }, 'employee_id'],
    ['desktime_get_employee', { employee_id: 1e300 }, 'employee_id'],
  ] as const)('DeskTime: %s %j is invalid_argument and nothing is sent', async (name, args, field) => {
    await refused(name, args, field);
  });

  it('still sends a well-formed id to the route it names', async () => {
    const before = vendorRequests().length;
    const result = await client.callTool({ name: 'onedesk_get_item', arguments: { external_id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' } });
    expect(vendorRequests().slice(before)).toContain('onedesk GET /items/externalId/20bf477b-5aa4-45aa-b08d-e403e17c4c75');
    expect(errorIn(result)?.code).not.toBe('invalid_argument');
  });
});
