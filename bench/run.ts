/**
 * `npm run bench`: gateway throughput, latency and memory against baselines
 * measured in the same run, plus the connectors' own benchmarks. Writes
 * bench/RESULTS.md. This is a benchmark, not a test: figures are recorded,
 * never asserted. Servers run in child processes so the load generator does
 * not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const here = import.meta.dirname;
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const SOAK_SECONDS = quick ? 6 : 40;
const CONCURRENCY = 32;

interface Figures {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

function child(script: string, args: string[] = []): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve({ proc, info: JSON.parse(line) }));
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Closed-loop load: CONCURRENCY callers, each sending the next request when the last answered. */
async function load(url: string, makeRequest: () => { path: string; headers: Record<string, string>; body: string }, seconds: number): Promise<Figures> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: CONCURRENCY, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const req = makeRequest();
      const started = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: req.path, headers: req.headers, body: req.body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"isError":true')) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - began) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function mcpCall(key: string, era: 'modern' | 'legacy', tool: string, args: Record<string, unknown>) {
  const path = '/mcp';
  let id = 0;
  return () => {
    id++;
    const params = era === 'modern' ? { name: tool, arguments: args, _meta: MODERN_META } : { name: tool, arguments: args };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
    };
    if (era === 'modern') Object.assign(headers, { 'mcp-method': 'tools/call', 'mcp-name': tool, 'mcp-protocol-version': '2026-07-28' });
    return { path, headers, body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }) };
  };
}

function plainCall(path: string, args: Record<string, unknown>) {
  const body = JSON.stringify(args);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  return () => ({ path, headers, body });
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const row = (name: string, f: Figures) => `| ${name} | ${Math.round(f.rps)} | ${fmt(f.p50)} | ${fmt(f.p99)} | ${f.errors} |`;

async function rssOf(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    proc.once('message', (m) => resolve((m as { rss: number }).rss));
    proc.send('rss');
  });
}

async function main() {
  const sections: string[] = [];
  const vendor = await child('mock-vendor.ts');
  const servers = await child('servers.ts', [vendor.info.url!]);
  const { mcp, key, baseline } = servers.info as { mcp: string; key: string; baseline: string };
  try {
    const mcpOrigin = new URL(mcp).origin;
    const run = (url: string, make: ReturnType<typeof plainCall>) => load(url, make, SECONDS);
    // Warm-up (JIT, pools) before anything is recorded.
    await load(mcpOrigin, mcpCall(key, 'modern', 'bench_get_echo', { message: 'warm' }), 2);
    await load(baseline, plainCall('/echo', { message: 'warm' }), 1);

    const echoBase = await run(baseline, plainCall('/echo', { message: 'hello' }));
    const echoModern = await run(mcpOrigin, mcpCall(key, 'modern', 'bench_get_echo', { message: 'hello' }));
    const echoLegacy = await run(mcpOrigin, mcpCall(key, 'legacy', 'bench_get_echo', { message: 'hello' }));
    const itemBase = await run(baseline, plainCall('/item', { id: '42' }));
    const itemModern = await run(mcpOrigin, mcpCall(key, 'modern', 'bench_get_item', { id: '42' }));
    const itemLegacy = await run(mcpOrigin, mcpCall(key, 'legacy', 'bench_get_item', { id: '42' }));

    sections.push(
      [
        '## Gateway throughput and latency',
        '',
        `Closed loop, ${CONCURRENCY} concurrent callers, ${SECONDS} s per row, loopback. Latency in ms. The baseline is a plain Hono route in the same server process doing the same work (zod-validated arguments, the same handler or the same vendor HTTP client) without MCP, auth or the registry.`,
        '',
        '| Path | calls/s | p50 | p99 | errors |',
        '|---|---|---|---|---|',
        row('no-I/O: plain Hono route (baseline)', echoBase),
        row('no-I/O: gateway tools/call, 2026-07-28 client', echoModern),
        row('no-I/O: gateway tools/call, 2025-era client', echoLegacy),
        row('mock vendor: plain Hono route (baseline)', itemBase),
        row('mock vendor: gateway tools/call, 2026-07-28 client', itemModern),
        row('mock vendor: gateway tools/call, 2025-era client', itemLegacy),
        '',
        '| Ratio | 2026-07-28 | 2025-era |',
        '|---|---|---|',
        `| no-I/O throughput, gateway / baseline | ${fmt(echoModern.rps / echoBase.rps)} | ${fmt(echoLegacy.rps / echoBase.rps)} |`,
        `| mock-vendor throughput, gateway / baseline | ${fmt(itemModern.rps / itemBase.rps)} | ${fmt(itemLegacy.rps / itemBase.rps)} |`,
        `| mock-vendor p50 overhead over the direct vendor route (ms) | ${fmt(itemModern.p50 - itemBase.p50)} | ${fmt(itemLegacy.p50 - itemBase.p50)} |`,
        '',
        `Targets: ≥ 2,500 no-I/O tools/call per second (measured: ${Math.round(echoModern.rps)} modern, ${Math.round(echoLegacy.rps)} 2025-era); gateway p50 overhead over the direct vendor call ≤ 0.5 ms (measured: ${fmt(itemModern.p50 - itemBase.p50)} ms modern, ${fmt(itemLegacy.p50 - itemBase.p50)} ms 2025-era).`,
        '',
        'Note: with 32 callers in a closed loop, p50 includes queueing at the server; on a single-caller run the overhead is the pure per-call cost.',
      ].join('\n'),
    );

    // Memory under sustained load, each era in turn: RSS sampled every second.
    const soak = async (era: 'modern' | 'legacy') => {
      const samples: number[] = [];
      const timer = setInterval(() => void rssOf(servers.proc).then((r) => samples.push(r)), 1000);
      const figures = await load(mcpOrigin, mcpCall(key, era, 'bench_get_echo', { message: 'soak' }), SOAK_SECONDS);
      clearInterval(timer);
      const mb = (b: number) => b / 1024 / 1024;
      const firstQuarter = samples.slice(0, Math.max(1, Math.floor(samples.length / 4)));
      const lastQuarter = samples.slice(-Math.max(1, Math.floor(samples.length / 4)));
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      return { era, figures, startMb: mb(avg(firstQuarter)), endMb: mb(avg(lastQuarter)), maxMb: mb(Math.max(...samples)) };
    };
    const soaks = [await soak('modern'), await soak('legacy')];
    sections.push(
      [
        '## Memory under sustained load',
        '',
        `Server RSS while ${CONCURRENCY} callers run tools/call for ${SOAK_SECONDS} s per era (no-I/O tool), sampled every second. Flat means the last quarter's average is within a few MB of the first quarter's.`,
        '',
        '| Era | calls | calls/s | RSS first quarter (MB) | RSS last quarter (MB) | growth (MB) | max (MB) |',
        '|---|---|---|---|---|---|---|',
        ...soaks.map(
          (s) =>
            `| ${s.era === 'modern' ? '2026-07-28' : '2025-era'} | ${s.figures.requests} | ${Math.round(s.figures.rps)} | ${fmt(s.startMb, 1)} | ${fmt(s.endMb, 1)} | ${fmt(s.endMb - s.startMb, 1)} | ${fmt(s.maxMb, 1)} |`,
        ),
      ].join('\n'),
    );
  } finally {
    servers.proc.kill('SIGTERM');
    vendor.proc.kill('SIGTERM');
  }

  const helpdeskBench = join(here, 'helpdesk.bench.ts');
  if (existsSync(helpdeskBench) && !process.argv.includes('--skip-helpdesk')) {
    const { run } = (await import('./helpdesk.bench')) as { run: () => Promise<string> };
    sections.push(await run());
  }

  const header = [
    '# Benchmark results',
    '',
    `Recorded by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}). The machine is shared, so compare ratios within one run, not absolute numbers across runs.`,
  ].join('\n');
  const text = `${[header, ...sections].join('\n\n')}\n`;
  writeFileSync(join(here, 'RESULTS.md'), text);
  process.stdout.write(text);
}

await main();
