/**
 * The fuzzer: the real gateway (HTTP /mcp, SQLite, every connector, every
 * toolset) with each SaaS connector pointed at a loopback stand-in that
 * records every request it receives. Arguments come from each tool's input
 * schema as tools/list publishes it (generate.ts); every call is a real
 * tools/call POST. A call fails the run when the answer is a 5xx, a JSON-RPC
 * internal error or an `internal` tool error, or when a vendor received a
 * request no route template allows (routes.ts).
 *
 * Used by tests/fuzz/fuzz.test.ts (CI-sized, fixed seed) and scripts/fuzz.ts
 * (`npm run fuzz -- --calls 20000 --seed 7`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture as desktimeFixture } from '../../connectors/desktime/test-support';
import { TEST_API_KEY as ONEDESK_KEY } from '../../connectors/onedesk/test-support';
import { connectorCatalog } from '../../src/registry/catalog';
import { startClockifyStandIn, STAND_IN_ME, STAND_IN_WS } from '../support/clockify-stand-in';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startOnedeskStandIn } from '../support/onedesk-standin';
import { ArgumentGenerator, seededRandom, type CaseKind, type JsonSchema } from './generate';
import { clockifyProblems, desktimeProblems, onedeskProblems } from './routes';

const CLOCKIFY_KEY = 'ckf_fuzz_key_0123456789';
const DESKTIME_KEY = 'dtk_fuzz_key_0123456789';

export interface FuzzFailure {
  call: number;
  tool: string;
  kind: CaseKind;
  /** The arguments, cut to 300 characters. */
  args: string;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  calls: number;
  /** Outcome → count: "ok", an error code, "jsonrpc_<code>", "http_<status>". */
  outcomes: Record<string, number>;
  byKind: Record<string, number>;
  vendorRequests: { clockify: number; onedesk: number; desktime: number };
  failures: FuzzFailure[];
  tools: number;
  durationMs: number;
  /** Live heap (after GC when --expose-gc) before and after the calls, in bytes. */
  heapBefore: number;
  heapAfter: number;
  /** Calls between the two heap readings (the run minus its warm-up). */
  heapCalls: number;
}

interface DesktimeStandIn {
  baseUrl: string;
  calls: { method: string; url: string }[];
  close(): Promise<void>;
}

/** A loopback DeskTime: answers each known action from the connector's fixtures, records everything. */
async function startDesktimeStandIn(): Promise<DesktimeStandIn> {
  const calls: DesktimeStandIn['calls'] = [];
  const answers: Record<string, string> = {
    '/ping': 'ping',
    '/company': 'company',
    '/employees': 'employees-day',
    '/employee': 'employee',
    '/employee/projects': 'employee-projects',
    '/employee/basic': 'employee-basic',
    '/projects': 'projects',
    '/create-project': 'create-project',
    '/start-project': 'start-project',
    '/stop-project': 'stop-project',
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls.push({ method: req.method ?? 'GET', url: req.url ?? '' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const action = url.pathname.replace(/^\/api\/v2\/json/, '');
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.searchParams.get('apiKey') !== DESKTIME_KEY) return send(200, { error: 'Invalid API key' });
    const name = answers[action];
    if (!name) return send(404, { error: 'unknown action' });
    if (action === '/employees' && url.searchParams.get('period') === 'month') return send(200, desktimeFixture('employees-month'));
    return send(200, desktimeFixture(name));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/json`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'deskgate-fuzz', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function liveHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function runFuzz(options: { seed: number; calls: number; concurrency?: number; onProgress?: (done: number, report: FuzzReport) => void }): Promise<FuzzReport> {
  const started = performance.now();
  const clockify = await startClockifyStandIn(CLOCKIFY_KEY);
  const onedesk = await startOnedeskStandIn(ONEDESK_KEY);
  const desktime = await startDesktimeStandIn();
  let gw: TestGateway | undefined;
  const report: FuzzReport = {
    seed: options.seed,
    calls: 0,
    outcomes: {},
    byKind: {},
    vendorRequests: { clockify: 0, onedesk: 0, desktime: 0 },
    failures: [],
    tools: 0,
    durationMs: 0,
    heapBefore: 0,
    heapAfter: 0,
    heapCalls: 0,
  };
  try {
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        CLOCKIFY_API_KEY: CLOCKIFY_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TOOLSETS: 'all',
        CLOCKIFY_TIMEOUT_MS: '5000',
        CLOCKIFY_MAX_RPS: '50',
        ONEDESK_API_KEY: ONEDESK_KEY,
        ONEDESK_BASE_URL: onedesk.baseUrl,
        ONEDESK_TOOLSETS: 'all',
        ONEDESK_TIMEOUT_MS: '5000',
        DESKTIME_API_KEY: DESKTIME_KEY,
        DESKTIME_BASE_URL: desktime.baseUrl,
        DESKTIME_TOOLSETS: 'all',
        DESKTIME_TIMEOUT_MS: '5000',
        HELPDESK_TOOLSETS: 'all',
        DESKGATE_KEY_RATE: 'off',
      },
    });
    const gateway = gw;
    const headers = (tool?: string) => ({
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${gateway.adminKey}`,
      'mcp-protocol-version': '2026-07-28',
      ...(tool ? { 'mcp-method': 'tools/call', 'mcp-name': tool } : { 'mcp-method': 'tools/list' }),
    });
    const listed = (await (
      await fetch(gateway.url, { method: 'POST', headers: headers(), body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: ENVELOPE } }) })
    ).json()) as { result?: { tools: { name: string; inputSchema: JsonSchema }[] } };
    const tools = listed.result?.tools ?? [];
    if (tools.length < 100) throw new Error(`tools/list gave ${tools.length} tools; expected every connector's`);
    report.tools = tools.length;

    const random = seededRandom(options.seed);
    const generator = new ArgumentGenerator(random, {
      clockifyIds: [STAND_IN_WS, STAND_IN_ME, '65b1c2d3e4f5a6b7c8d9e001', 'ffffffffffffffffffffffff'],
      numericIds: [1, 2, 7, 101, 12345, 999_999_999],
      uuids: ['20bf477b-5aa4-45aa-b08d-e403e17c4c75', '91d899c0-e3c4-46c3-9cc2-97b6ea2a708b', '00000000-0000-4000-8000-000000000000'],
    });
    const seen = { clockify: 0, onedesk: 0, desktime: 0 };
    const inc = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);

    /** Vendor requests since the last look; any that no route allows fails `blame`. */
    const checkVendors = (blame: Omit<FuzzFailure, 'problem'>) => {
      const fresh = [
        ...clockify.calls.slice(seen.clockify).flatMap((c) => clockifyProblems(c.method, c.url, c.body).map((p) => `clockify ${c.method} ${c.url.slice(0, 200)}: ${p}`)),
        ...onedesk.calls.slice(seen.onedesk).flatMap((c) => onedeskProblems(c.method, c.url).map((p) => `onedesk ${c.method} ${c.url.slice(0, 200)}: ${p}`)),
        ...desktime.calls.slice(seen.desktime).flatMap((c) => desktimeProblems(c.method, c.url).map((p) => `desktime ${c.method} ${c.url.replace(/apiKey=[^&]*/, 'apiKey=…').slice(0, 200)}: ${p}`)),
      ];
      seen.clockify = clockify.calls.length;
      seen.onedesk = onedesk.calls.length;
      seen.desktime = desktime.calls.length;
      for (const problem of fresh) report.failures.push({ ...blame, problem });
    };

    // The heap baseline is taken after a warm-up (first-call caches, lazy imports, JIT).
    const warmUp = Math.min(500, Math.floor(options.calls / 10));
    report.heapBefore = liveHeap();
    let measured = 0;

    const concurrency = options.concurrency ?? 1;
    let next = 0;
    const worker = async () => {
      while (next < options.calls) {
        const n = next++;
        const tool = tools[Math.floor(random() * tools.length)]!;
        const { kind, args } = generator.next(tool.inputSchema);
        inc(report.byKind, kind);
        const body = JSON.stringify({ jsonrpc: '2.0', id: n + 2, method: 'tools/call', params: { name: tool.name, arguments: args, _meta: ENVELOPE } });
        const blame = { call: n, tool: tool.name, kind, args: (JSON.stringify(args) ?? 'undefined').slice(0, 300) };
        let outcome: string;
        try {
          const response = await fetch(gateway.url, { method: 'POST', headers: headers(tool.name), body });
          const text = await response.text();
          if (response.status >= 500) {
            outcome = `http_${response.status}`;
            report.failures.push({ ...blame, problem: `HTTP ${response.status}: ${text.slice(0, 200)}` });
          } else {
            let parsed: { result?: { isError?: boolean; _meta?: { 'deskgate/error'?: { code?: string; message?: string } } }; error?: { code: number; message: string } } | undefined;
            try {
              parsed = JSON.parse(text) as typeof parsed;
            } catch {
              parsed = undefined;
            }
            if (!parsed) {
              outcome = `http_${response.status}_not_json`;
              if (response.status === 200) report.failures.push({ ...blame, problem: `200 that is not JSON: ${text.slice(0, 200)}` });
            } else if (parsed.error) {
              outcome = `jsonrpc_${parsed.error.code}`;
              if (parsed.error.code === -32603) report.failures.push({ ...blame, problem: `JSON-RPC internal error: ${parsed.error.message.slice(0, 200)}` });
            } else if (parsed.result?.isError) {
              // Errors carry their payload in _meta (no structuredContent).
              const error = parsed.result._meta?.['deskgate/error'];
              outcome = error?.code ?? 'error_without_code';
              if (!error?.code || error.code === 'internal') report.failures.push({ ...blame, problem: `${outcome}: ${error?.message?.slice(0, 200) ?? text.slice(0, 200)}` });
            } else {
              outcome = parsed.result ? 'ok' : `http_${response.status}`;
            }
          }
        } catch (thrown) {
          outcome = 'transport_failure';
          report.failures.push({ ...blame, problem: `request failed (crash?): ${(thrown as Error).message}` });
        }
        inc(report.outcomes, outcome);
        report.calls++;
        if (report.calls === warmUp) {
          report.heapBefore = liveHeap();
          measured = report.calls;
        }
        checkVendors(blame);
        if (options.onProgress && report.calls % 1000 === 0) options.onProgress(report.calls, report);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    report.heapAfter = liveHeap();
    report.heapCalls = report.calls - measured;
    report.vendorRequests = { clockify: clockify.calls.length, onedesk: onedesk.calls.length, desktime: desktime.calls.length };
    // The gateway must still answer after everything it was sent.
    const health = await fetch(`${gateway.baseUrl}/healthz`).catch(() => undefined);
    if (!health || health.status >= 500) report.failures.push({ call: -1, tool: '-', kind: 'valid', args: '', problem: `gateway no longer healthy after the run (${health?.status ?? 'no answer'})` });
  } finally {
    report.durationMs = Math.round(performance.now() - started);
    await gw?.close();
    await Promise.all([clockify.close(), onedesk.close(), desktime.close()]);
  }
  return report;
}
