/**
 * Child process of bench/run.ts: the real gateway (the bench connector beside
 * the real catalog; SQLite) and, beside it in the same process, plain Hono
 * routes doing the same work without MCP, auth or the registry: the
 * baseline. Prints one JSON line with the addresses and the number of tools
 * the gateway lists, then serves until killed.
 * `servers.ts <vendor-url> [workers] [catalogue]`: workers > 1 runs the
 * gateway as a cluster (DESKGATE_WORKERS); catalogue `everyday` (the
 * default) enables the help desk and DeskTime with every toolset (18 tools),
 * `full` adds Clockify and OneDesk with every toolset (about 120 tools).
 * BENCH_OTEL=<url> turns OpenTelemetry traces on, exported to that receiver.
 */
import { serve } from '@hono/node-server';
import { createMcpHandler, Server } from '@modelcontextprotocol/server';
import { Hono } from 'hono';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { runPrimary, runWorker } from '../src/cluster';
import { startGateway } from '../src/gateway';
import { createLogger } from '../src/observability/logger';
import type { ConnectorManifest } from '../src/registry/types';
import { createVendorHttpClient } from '../src/vendor-http/client';
import { connectorCatalog } from '../src/registry/catalog';
import { benchConnector, echoInput, echoWork, itemInput, itemOutput } from './bench-connector';

const vendorUrl = process.argv[2]!;
const workers = Number(process.argv[3] ?? 1);
const full = process.argv[4] === 'full';
const catalog = [...connectorCatalog, benchConnector as unknown as ConnectorManifest<unknown, unknown>];
const log = process.env.BENCH_LOG === 'info' ? createLogger('info') : pino({ level: 'silent' });
// Workers inherit the primary's environment, so they find the same database and key.
process.env.BENCH_DB ??= join(mkdtempSync(join(tmpdir(), 'deskgate-bench-')), 'bench.db');
process.env.BENCH_KEY ??= `dg_${randomBytes(32).toString('base64url')}`;
const env = {
  PORT: '0',
  DATABASE_URL: `sqlite:${process.env.BENCH_DB}`,
  BENCH_BASE_URL: vendorUrl,
  LOG_LEVEL: 'silent',
  DESKGATE_ADMIN_KEY: process.env.BENCH_KEY,
  // The audit trail is on by default; BENCH_AUDIT=off gives the row that measures its cost.
  DESKGATE_AUDIT: process.env.BENCH_AUDIT ?? 'on',
  // DeskTime listed with every toolset (never called: its key is a placeholder).
  DESKTIME_API_KEY: 'bench-placeholder',
  DESKTIME_TOOLSETS: 'all',
  // The full catalogue: Clockify and OneDesk too, every toolset (listed, never called).
  ...(full
    ? { CLOCKIFY_API_KEY: 'bench-placeholder', CLOCKIFY_TOOLSETS: 'all', ONEDESK_API_KEY: 'bench-placeholder', ONEDESK_TOOLSETS: 'all' }
    : {}),
  // BENCH_OTEL=<OTLP receiver URL>: traces on (the "OTel off vs on" rows); unset, off as by default.
  ...(process.env.BENCH_OTEL ? { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.BENCH_OTEL } : {}),
  // The bench drives one key far past a person's pace: the per-key limits stay in the call path but admit everything.
  DESKGATE_KEY_RATE: 'off',
  DESKGATE_KEY_CONCURRENCY: '0',
};

/** The gateway's /mcp URL, and how many tools it lists (single process only). */
async function startMcp(): Promise<{ url: string; tools?: number }> {
  if (workers > 1) {
    const listening = new Promise<number>((resolve) => cluster.once('listening', (_worker, address) => resolve(address.port)));
    await runPrimary({ env, catalog, workers, log, onFirstKey: () => undefined });
    return { url: `http://127.0.0.1:${await listening}/mcp` };
  }
  const gateway = await startGateway({ env, catalog, log });
  process.on('SIGTERM', () => {
    void gateway.close().then(() => process.exit(0));
  });
  return { url: gateway.url, tools: gateway.core.registry.tools.length };
}

async function startBaseline(): Promise<string> {
  const vendor = createVendorHttpClient({ connector: 'baseline', baseUrl: vendorUrl, timeoutMs: 15_000 }, { log });
  const baseline = new Hono();
  baseline.post('/echo', async (c) => {
    const args = echoInput.parse(await c.req.json());
    return c.json(echoWork(args.message));
  });
  // The MCP SDK alone: the same per-request low-level Server the gateway uses,
  // answering the same echo, with no auth, registry, metrics or logging. The
  // floor any SDK-based gateway stands on.
  const sdkOnly = createMcpHandler(() => {
    const server = new Server({ name: 'sdk-floor', version: '1' }, { capabilities: { tools: {} } });
    server.setRequestHandler('tools/call', async (request) => {
      const args = echoInput.parse(request.params.arguments);
      const structuredContent = echoWork(args.message);
      return { content: [{ type: 'text', text: JSON.stringify(structuredContent) }], structuredContent };
    });
    return server;
  });
  baseline.post('/mcp', async (c) => {
    const raw = c.req.raw;
    const view = { method: raw.method, url: raw.url, headers: raw.headers, signal: new AbortController().signal } as unknown as Request;
    return sdkOnly.fetch(view, { parsedBody: await c.req.json() });
  });
  baseline.post('/item', async (c) => {
    const args = itemInput.parse(await c.req.json());
    const { body } = await vendor.request({ method: 'GET', path: `/items/${args.id}`, operation: 'get item' });
    return c.json(itemOutput.parse(body));
  });
  const server = serve({ fetch: baseline.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

if (cluster.isWorker) {
  await runWorker({ env, catalog });
} else {
  const { url: mcp, tools } = await startMcp();
  const baseline = await startBaseline();
  process.stdout.write(`${JSON.stringify({ mcp, key: env.DESKGATE_ADMIN_KEY, baseline, pid: process.pid, tools })}\n`);
  process.on('message', (msg) => {
    if (msg === 'rss') process.send?.({ rss: process.memoryUsage().rss });
    // CPU time this process spent (user + system, µs): the gateway's own cost per call, whatever else runs on the machine.
    if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('SIGUSR2', () => process.stderr.write(`cpu ${JSON.stringify(process.cpuUsage())}\n`));
}
