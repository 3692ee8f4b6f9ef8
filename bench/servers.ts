/**
 * Child process of bench/run.ts: the real gateway (bench connector, SQLite)
 * and, beside it in the same process, plain Hono routes doing the same work
 * without MCP, auth or the registry: the baseline. Prints one JSON line with
 * the addresses, then serves until killed.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startGateway } from '../src/gateway';
import type { ConnectorManifest } from '../src/registry/types';
import { createVendorHttpClient } from '../src/vendor-http/client';
import { benchConnector, echoInput, echoWork, itemInput, itemOutput } from './bench-connector';

const vendorUrl = process.argv[2]!;
const dir = mkdtempSync(join(tmpdir(), 'deskgate-bench-'));
const log = pino({ level: 'silent' });
const gateway = await startGateway({
  env: { PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, BENCH_BASE_URL: vendorUrl, LOG_LEVEL: 'silent' },
  catalog: [benchConnector as unknown as ConnectorManifest<unknown, unknown>],
  log,
});

const vendor = createVendorHttpClient({ connector: 'baseline', baseUrl: vendorUrl, timeoutMs: 15_000 }, { log });
const baseline = new Hono();
baseline.post('/echo', async (c) => {
  const args = echoInput.parse(await c.req.json());
  return c.json(echoWork(args.message));
});
baseline.post('/item', async (c) => {
  const args = itemInput.parse(await c.req.json());
  const { body } = await vendor.request({ method: 'GET', path: `/items/${args.id}`, operation: 'get item' });
  return c.json(itemOutput.parse(body));
});
const server = serve({ fetch: baseline.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));

process.stdout.write(
  `${JSON.stringify({ mcp: gateway.url, key: gateway.firstAdminKey, baseline: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pid: process.pid })}\n`,
);
process.on('message', (msg) => {
  if (msg === 'rss') process.send?.({ rss: process.memoryUsage().rss });
});
process.on('SIGTERM', () => {
  void gateway.close().then(() => process.exit(0));
});
