import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, TEST_API_KEY } from '../../connectors/desktime/test-support';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS } from '../support/clients';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/**
 * DeskTime through the whole gateway: real server, real MCP clients, the real
 * vendor HTTP client over real sockets. DeskTime itself is a loopback HTTP
 * server answering with the connector's fixtures (msw would also intercept
 * the MCP clients' own loopback fetches and stalls the 2025-era SSE stream).
 */
const vendorCalls: { path: string; query: Record<string, string> }[] = [];
let failEmployees = false;
const desktime = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  const action = url.pathname.replace('/api/v2/json/', '');
  vendorCalls.push({ path: `/${action}`, query });
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (query.apiKey !== TEST_API_KEY) return answer(200, { error: 'Invalid API key' });
  switch (action) {
    case 'ping':
      return answer(200, fixture('ping'));
    case 'company':
      return answer(200, fixture('company'));
    case 'employees':
      // A vendor failure whose body echoes the request URL, key included.
      if (failEmployees) return answer(500, { error: `internal failure for ${req.url}` });
      return answer(200, fixture('employees-day'));
    default:
      return answer(404, { error: 'unknown action' });
  }
});

describe('DeskTime end to end through /mcp', () => {
  let gw: TestGateway;
  const logLines: string[] = [];
  beforeAll(async () => {
    await new Promise<void>((resolve) => desktime.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(desktime.address() as AddressInfo).port}/api/v2/json`;
    gw = await startTestGateway({
      catalog: connectorCatalog,
      // Every DeskTime toolset, not just the default ones: this suite reaches ping and the account.
      env: { DESKTIME_API_KEY: TEST_API_KEY, DESKTIME_BASE_URL: baseUrl, DESKTIME_TIMEOUT_MS: '3000', DESKTIME_TOOLSETS: 'all' },
      logs: lineCollector(logLines),
    });
  });
  afterAll(async () => {
    await gw?.close();
    desktime.closeAllConnections();
    desktime.close();
  });

  it.each(ERAS)('lists help desk and DeskTime tools and pings DeskTime (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('helpdesk_list_tickets');
    expect(names).toContain('desktime_ping');
    expect(names.filter((n) => n.startsWith('desktime_'))).toHaveLength(10);
    const result = await client.callTool({ name: 'desktime_ping', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(vendorCalls.at(-1)).toMatchObject({ path: '/ping' });
    await client.close();
  });

  it('never lets the DeskTime key reach a result, an error, a log line or a metric', async () => {
    const client = await connectClient('modern', gw.url, gw.adminKey);
    const seen: string[] = [];
    const ok = await client.callTool({ name: 'desktime_list_employees', arguments: { date: '2024-03-16' } });
    expect(ok.isError).toBeFalsy();
    seen.push(JSON.stringify(ok));
    failEmployees = true;
    const failed = await client.callTool({ name: 'desktime_list_employees', arguments: { date: '2024-03-16' } });
    failEmployees = false;
    expect(failed.isError).toBe(true);
    expect(errorOf(failed).code).toMatch(/^upstream_/);
    seen.push(JSON.stringify(failed));
    seen.push(await (await fetch(`${gw.baseUrl}/metrics`)).text());
    seen.push(...logLines);
    await client.close();

    // The vendor did get the key (so the check below is meaningful)...
    expect(vendorCalls.some((c) => c.query.apiKey === TEST_API_KEY)).toBe(true);
    // ...and the tool call was logged,...
    expect(logLines.some((l) => l.includes('"tool":"desktime_list_employees"'))).toBe(true);
    // ...but the key appears nowhere the model, the operator or Prometheus can read.
    for (const text of seen) expect(text).not.toContain(TEST_API_KEY);
    // Nor does the admin's bearer key.
    for (const text of seen) expect(text).not.toContain(gw.adminKey);
  });

  it('reports DeskTime through the connector health check that `deskgate doctor` prints', async () => {
    const runtime = gw.core.runtimes.get('desktime');
    const manifest = connectorCatalog.find((m) => m.id === 'desktime')!;
    const health = await manifest.healthCheck(runtime);
    expect(health.ok).toBe(true);
    expect(health.detail).not.toContain(TEST_API_KEY);
  });
});
