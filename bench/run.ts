/**
 * `npm run bench`: gateway throughput, latency and memory against baselines
 * measured in the same run, plus the connectors' own benchmarks. Writes
 * bench/RESULTS.md. This is a benchmark, not a test: figures are recorded,
 * never asserted. Servers run in child processes so the load generator does
 * not share their event loop.
 *
 * One part alone, printed instead of written to RESULTS.md: `-- --otel-only`,
 * `-- --audit-only` (the audit trail on vs off), `-- --limits-only`,
 * `-- --overhead-only`; `-- --quick` shortens every run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';

const here = import.meta.dirname;
const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 10;
const SOAK_SECONDS = quick ? 6 : 40;
const CONCURRENCY = 32;
/** Interleaved slices per path in the overhead and tool-count rows. */
const ROUNDS = quick ? 2 : 4;

interface Figures {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  /** Every call's latency, sorted (for pooling interleaved slices). */
  latencies?: number[];
  seconds?: number;
}

function child(
  script: string,
  args: string[] = [],
  options: { env?: Record<string, string>; stderrFile?: string } = {},
): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const stderr = options.stderrFile ? openSync(options.stderrFile, 'a') : 'inherit';
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], {
    stdio: ['ignore', 'pipe', stderr, 'ipc'],
    env: { ...process.env, ...options.env },
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve({ proc, info: JSON.parse(line) }));
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Closed-loop load: CONCURRENCY callers, each sending the next request when the last answered. */
async function load(
  url: string,
  makeRequest: () => { method?: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string },
  seconds: number,
  concurrency = CONCURRENCY,
  /** Stop after this many calls even before `seconds` (count-based warm-ups). */
  maxCalls = Infinity,
): Promise<Figures> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && started++ < maxCalls) {
      const req = makeRequest();
      const started = performance.now();
      try {
        const res = await pool.request({ method: req.method ?? 'POST', path: req.path, headers: req.headers, body: req.body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || text.includes('"isError":true')) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - began) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies, seconds: elapsed };
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

/** What a user would compare with: a plain HTTP client (undici) calling the vendor stand-in itself. */
function directCall(id: string) {
  const headers: Record<string, string> = { accept: 'application/json' };
  return () => ({ method: 'GET' as const, path: `/items/${id}`, headers });
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

/** The same closed loop as `load`, through global fetch: the other plain client a user would reach for. */
async function loadWithFetch(url: string, seconds: number, concurrency: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const res = await fetch(url);
        await res.text();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), latencies, seconds: elapsed };
}

async function cpuOf(proc: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    proc.once('message', (m) => {
      const { cpu } = m as { cpu: { user: number; system: number } };
      resolve(cpu.user + cpu.system);
    });
    proc.send('cpu');
  });
}

interface PerCall {
  seq: Figures;
  ten: Figures;
  /** CPU time of the serving process per call at 10 in flight, ms (undefined for direct calls). */
  cpuMs?: number;
  /** calls/s of each 10-in-flight slice, to show how much the machine moved them. */
  tenSlices: number[];
}

interface Path {
  run: (seconds: number, concurrency: number) => Promise<Figures>;
  /** The process serving it, for its CPU time (none for direct calls). */
  server?: ChildProcess;
}

/**
 * Sequential latency (one caller at a time, no queueing) and throughput at
 * 10 in flight for several paths, measured in `rounds` interleaved slices
 * (path order rotating each round) and pooled, so load that comes and goes on
 * a shared machine falls on every path alike.
 */
async function interleaved(paths: Path[], seconds: number, rounds: number, together = false): Promise<PerCall[]> {
  const slices = paths.map(() => ({ seq: [] as Figures[], ten: [] as Figures[], cpuUs: 0 }));
  const measure = async (i: number) => {
    const path = paths[i]!;
    slices[i]!.seq.push(await path.run(seconds / rounds, 1));
    const before = path.server ? await cpuOf(path.server) : 0;
    slices[i]!.ten.push(await path.run(seconds / rounds, 10));
    if (path.server) slices[i]!.cpuUs += (await cpuOf(path.server)) - before;
  };
  for (let round = 0; round < rounds; round++) {
    // together: every path at the same time, so each moment's load on the machine falls on all of them.
    if (together) await Promise.all(paths.map((_, i) => measure(i)));
    else for (let k = 0; k < paths.length; k++) await measure((k + round) % paths.length);
  }
  const pool = (parts: Figures[]): Figures => {
    const latencies = parts.flatMap((f) => f.latencies ?? []).sort((a, b) => a - b);
    const elapsed = parts.reduce((t, f) => t + (f.seconds ?? 0), 0);
    return {
      requests: latencies.length,
      errors: parts.reduce((e, f) => e + f.errors, 0),
      rps: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  };
  return slices.map((slice, i) => {
    const ten = pool(slice.ten);
    return {
      seq: pool(slice.seq),
      ten,
      cpuMs: paths[i]!.server ? slice.cpuUs / 1000 / ten.requests : undefined,
      tenSlices: slice.ten.map((f) => f.rps),
    };
  });
}

/**
 * The honest overhead: the same vendor stand-in called directly by a plain
 * HTTP client (undici) from this process, and through the gateway's
 * tools/call, both eras; then the same call on a gateway with the help desk
 * and DeskTime (18 real tools + the 2 bench tools) and on one with all four
 * connectors (about 120), both driven at once so drift on a shared machine
 * falls on both.
 */
async function overheadSections(targets: string[]): Promise<string[]> {
  const vendor = await child('mock-vendor.ts');
  const rawProxy = await child('raw-proxy.ts', [vendor.info.url!]);
  const narrow = await child('servers.ts', [vendor.info.url!, '1', 'everyday']);
  // The same gateway logging as in production (LOG_LEVEL=info: one JSON line per call), to a file.
  const logFile = join(mkdtempSync(join(tmpdir(), 'deskgate-bench-log-')), 'gateway.log');
  const logged = await child('servers.ts', [vendor.info.url!, '1', 'everyday'], { env: { BENCH_LOG: 'info' }, stderrFile: logFile });
  const wide = await child('servers.ts', [vendor.info.url!, '1', 'full']);
  // The same gateway without the audit trail (DESKGATE_AUDIT=off): the trail's cost on the call path.
  const unaudited = await child('servers.ts', [vendor.info.url!, '1', 'everyday'], { env: { BENCH_AUDIT: 'off' } });
  try {
    const vendorUrl = vendor.info.url!;
    const narrowOrigin = new URL(narrow.info.mcp!).origin;
    const loggedOrigin = new URL(logged.info.mcp!).origin;
    const wideOrigin = new URL(wide.info.mcp!).origin;
    const unauditedOrigin = new URL(unaudited.info.mcp!).origin;
    const item = (key: string, era: 'modern' | 'legacy') => mcpCall(key, era, 'bench_get_item', { id: '42' });
    // Warm-up (JIT, pools) before anything is recorded: the same number of
    // calls on both gateways, so neither is compared while still less optimised.
    const WARM_CALLS = quick ? 3_000 : 6_000;
    await load(vendorUrl, directCall('42'), 1, 10);
    await load(narrowOrigin, item(narrow.info.key!, 'modern'), 60, 10, WARM_CALLS);
    await load(narrowOrigin, item(narrow.info.key!, 'legacy'), 60, 10, WARM_CALLS / 2);
    await load(loggedOrigin, item(logged.info.key!, 'modern'), 60, 10, WARM_CALLS);
    await load(unauditedOrigin, item(unaudited.info.key!, 'modern'), 60, 10, WARM_CALLS);
    await load(wideOrigin, item(wide.info.key!, 'modern'), 60, 10, WARM_CALLS);
    await load(wideOrigin, item(wide.info.key!, 'legacy'), 60, 10, WARM_CALLS / 2);

    const gateway = (origin: string, key: string, era: 'modern' | 'legacy', server: ChildProcess): Path => ({
      run: (sec, conc) => load(origin, item(key, era), sec, conc),
      server,
    });
    // Tool count first, while both gateways have served the same number of calls.
    const [narrowRun, wideRun] = (await interleaved(
      [gateway(narrowOrigin, narrow.info.key!, 'modern', narrow.proc), gateway(wideOrigin, wide.info.key!, 'modern', wide.proc)],
      2 * SECONDS,
      2 * ROUNDS,
      true,
    )) as [PerCall, PerCall];
    const [direct, viaFetch, bare, proxy, modern, legacy, withLogs, noAudit] = (await interleaved(
      [
        { run: (sec, conc) => load(vendorUrl, directCall('42'), sec, conc) },
        { run: (sec, conc) => loadWithFetch(`${vendorUrl}/items/42`, sec, conc) },
        // The least any HTTP hop does: node:http forwarding through an undici Pool, nothing else.
        { run: (sec, conc) => load(rawProxy.info.url!, directCall('42'), sec, conc), server: rawProxy.proc },
        // A plain Hono route in the gateway's process forwarding to the stand-in through the same vendor client: no MCP, auth, registry or policy.
        { run: (sec, conc) => load(narrow.info.baseline!, plainCall('/item', { id: '42' }), sec, conc), server: narrow.proc },
        gateway(narrowOrigin, narrow.info.key!, 'modern', narrow.proc),
        gateway(narrowOrigin, narrow.info.key!, 'legacy', narrow.proc),
        gateway(loggedOrigin, logged.info.key!, 'modern', logged.proc),
        gateway(unauditedOrigin, unaudited.info.key!, 'modern', unaudited.proc),
      ],
      SECONDS,
      ROUNDS,
    )) as [PerCall, PerCall, PerCall, PerCall, PerCall, PerCall, PerCall, PerCall];
    const logLines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"msg":"tool call"')).length;

    const narrowRps = narrowRun.ten.rps;
    const wideRps = wideRun.ten.rps;
    const narrowP50 = narrowRun.seq.p50;
    const wideP50 = wideRun.seq.p50;
    const toolCountRatio = wideRps / narrowRps;
    const narrowCpu = narrowRun.cpuMs!;
    const wideCpu = wideRun.cpuMs!;

    const spread = (f: PerCall) => `${Math.round(Math.min(...f.tenSlices))}–${Math.round(Math.max(...f.tenSlices))}`;
    const over = (f: { seq: Figures }) => f.seq.p50 - direct.seq.p50;
    const share = (f: { ten: Figures }) => f.ten.rps / direct.ten.rps;
    const shareFetch = (f: { ten: Figures }) => f.ten.rps / viaFetch.ten.rps;
    targets.push(
      `- Gateway overhead over a direct call from a plain HTTP client, p50, one caller at a time: ${fmt(over(modern), 3)} ms (2026-07-28), ${fmt(over(legacy), 3)} ms (2025-era); target ≤ 1.0 ms on 2026-07-28 (aim 0.5 ms). ${over(modern) <= 1.0 ? 'Met' : 'Not met'}${over(modern) <= 0.5 ? ', aim reached' : ''}; logging each call as in production (LOG_LEVEL=info): ${fmt(over(withLogs), 3)} ms.`,
      `- Throughput through the gateway at 10 in flight ≥ 40% of direct (2026-07-28): ${Math.round(modern.ten.rps)} calls/s against ${Math.round(direct.ten.rps)} direct with undici's request API = ${fmt(share(modern) * 100, 0)}% (${share(modern) >= 0.4 ? 'met' : 'not met'}), and against ${Math.round(viaFetch.ten.rps)} direct with global fetch = ${fmt(shareFetch(modern) * 100, 0)}% (${shareFetch(modern) >= 0.4 ? 'met' : 'not met'}). 2025-era: ${fmt(share(legacy) * 100, 0)}% / ${fmt(shareFetch(legacy) * 100, 0)}%. For scale, a bare proxy (node:http forwarding through an undici Pool, nothing else) reaches ${fmt(share(bare) * 100, 0)}% of direct undici in the same run: against that client no HTTP hop on these shared cores gets near 40%. Logging each call as in production (LOG_LEVEL=info): ${fmt(share(withLogs) * 100, 0)}% / ${fmt(shareFetch(withLogs) * 100, 0)}%. The gateway's own CPU per call: ${fmt(modern.cpuMs!, 3)} ms (2026-07-28), ${fmt(legacy.cpuMs!, 3)} ms (2025-era), ${fmt(withLogs.cpuMs!, 3)} ms at LOG_LEVEL=info; the bare proxy's ${fmt(bare.cpuMs!, 3)} ms.`,
      `- The audit trail (one record per call, batched into the database off the call path) costs at most a few percent at 10 in flight: with it ${Math.round(modern.ten.rps)} calls/s, without it (DESKGATE_AUDIT=off) ${Math.round(noAudit.ten.rps)} calls/s = ${fmt((1 - modern.ten.rps / noAudit.ten.rps) * 100, 1)}% fewer (${modern.ten.rps / noAudit.ten.rps >= 0.95 ? 'within 5%' : 'over 5%'}); p50 at 10 in flight ${fmt(modern.ten.p50, 3)} / ${fmt(noAudit.ten.p50, 3)} ms; gateway CPU per call ${fmt(modern.cpuMs!, 3)} / ${fmt(noAudit.cpuMs!, 3)} ms.`,
      `- Per-call cost independent of tool count, same call with ${wide.info.tools} and with ${narrow.info.tools} tools, ratio ≥ 0.95: throughput ${fmt(toolCountRatio, 3)} (${toolCountRatio >= 0.95 ? 'met' : 'not met'}); gateway CPU per call ${fmt(narrowCpu, 3)} ms / ${fmt(wideCpu, 3)} ms = ${fmt(narrowCpu / wideCpu, 3)} (${narrowCpu / wideCpu >= 0.95 ? 'met' : 'not met'}). Slices of the same path ranged ${spread(narrowRun)} and ${spread(wideRun)} calls/s in this run.`,
    );
    const line = (name: string, f: PerCall) =>
      `| ${name} | ${fmt(f.seq.p50, 3)} | ${fmt(f.seq.p99, 3)} | ${Math.round(f.ten.rps)} | ${fmt(f.ten.p50, 3)} | ${f.cpuMs === undefined ? '–' : fmt(f.cpuMs, 3)} | ${f.seq.errors + f.ten.errors} |`;
    return [
      [
        '## Per-call overhead against a direct call',
        '',
        `The same loopback vendor stand-in (GET /items/42, small JSON) called directly by a plain HTTP client (undici's request API on a Pool, and global fetch, in the load generator: the way a user would compare), and through the gateway's tools/call (\`bench_get_item\`, which calls the stand-in through the gateway's vendor client; both eras take the direct tools/call path of src/mcp/direct-call.ts). Two proxies without MCP give the scale: a bare node:http server forwarding through an undici Pool, and a plain Hono route in the gateway's process calling the stand-in through the same vendor client. Sequential: one caller at a time, so the p50 difference is the gateway's own per-call cost; then 10 callers in flight. Each path gets ${SECONDS} s of each, in ${ROUNDS} slices interleaved with the other paths (order rotating) and pooled, so load that comes and goes on the shared machine falls on every path alike. Client, gateway and stand-in share the machine's cores. The gateway logs at LOG_LEVEL=silent in the rows marked by era alone; the LOG_LEVEL=info row is a second gateway logging as in production, one JSON line per call to a file (${logLines} tool-call lines written in this run). Every gateway keeps the audit trail (the default: one record per call, batched into its SQLite database) except the row marked audit trail off. CPU per call is the serving process's user + system time over the 10-in-flight run divided by its calls, which other load on the machine disturbs less than throughput. Latency in ms.`,
        '',
        '| Path | sequential p50 | sequential p99 | calls/s, 10 in flight | p50, 10 in flight | server CPU per call (ms) | errors |',
        '|---|---|---|---|---|---|---|',
        line("direct: undici's request API → vendor stand-in", direct),
        line('direct: global fetch → vendor stand-in', viaFetch),
        line('bare proxy (node:http + undici Pool, nothing else) → vendor stand-in', bare),
        line('plain HTTP proxy route (Hono + vendor client, no MCP) → vendor stand-in', proxy),
        line('gateway tools/call → vendor stand-in, 2026-07-28', modern),
        line('gateway tools/call → vendor stand-in, 2025-era', legacy),
        line('gateway tools/call → vendor stand-in, 2026-07-28, LOG_LEVEL=info', withLogs),
        line('gateway tools/call → vendor stand-in, 2026-07-28, audit trail off (DESKGATE_AUDIT=off)', noAudit),
        '',
        '| | 2026-07-28 | 2025-era |',
        '|---|---|---|',
        `| **overhead, sequential p50 (gateway − direct)** | **${fmt(over(modern), 3)} ms** | **${fmt(over(legacy), 3)} ms** |`,
        `| overhead, sequential p50, at LOG_LEVEL=info | ${fmt(over(withLogs), 3)} ms | |`,
        `| overhead, sequential p99 | ${fmt(modern.seq.p99 - direct.seq.p99, 3)} ms | ${fmt(legacy.seq.p99 - direct.seq.p99, 3)} ms |`,
        `| throughput at 10 in flight, gateway / direct undici | ${fmt(share(modern) * 100, 0)}% | ${fmt(share(legacy) * 100, 0)}% |`,
        `| throughput at 10 in flight, gateway / direct fetch | ${fmt(shareFetch(modern) * 100, 0)}% | ${fmt(shareFetch(legacy) * 100, 0)}% |`,
        `| the same at LOG_LEVEL=info, / direct undici, / direct fetch | ${fmt(share(withLogs) * 100, 0)}%, ${fmt(shareFetch(withLogs) * 100, 0)}% | |`,
        `| for scale: bare proxy / direct undici, / direct fetch | ${fmt(share(bare) * 100, 0)}%, ${fmt(shareFetch(bare) * 100, 0)}% | |`,
        `| for scale: plain proxy route / direct undici, / direct fetch | ${fmt(share(proxy) * 100, 0)}%, ${fmt(shareFetch(proxy) * 100, 0)}% | |`,
      ].join('\n'),
      [
        '## Per-call cost and tool count',
        '',
        `The same \`bench_get_item\` call (2026-07-28 client) on a gateway listing ${narrow.info.tools} tools (help desk and DeskTime with every toolset, plus the 2 bench tools) and on one listing ${wide.info.tools} (Clockify and OneDesk too, every toolset), same run. The two gateways are driven at the same time (one caller each, then 10 in flight each; ${2 * SECONDS} s of each in ${2 * ROUNDS} slices), so whatever else loads the machine loads both alike and the scheduler splits the cores between two processes doing the same work: equal per-call cost shows as equal throughput.`,
        '',
        '| Tools enabled | sequential p50 (ms) | calls/s, 10 in flight | slices, calls/s | gateway CPU per call (ms) |',
        '|---|---|---|---|---|',
        `| ${narrow.info.tools} | ${fmt(narrowP50, 3)} | ${Math.round(narrowRps)} | ${spread(narrowRun)} | ${fmt(narrowCpu, 3)} |`,
        `| ${wide.info.tools} | ${fmt(wideP50, 3)} | ${Math.round(wideRps)} | ${spread(wideRun)} | ${fmt(wideCpu, 3)} |`,
        `| **ratio** | | **${fmt(toolCountRatio, 3)}** (${wide.info.tools} / ${narrow.info.tools}) | | **${fmt(narrowCpu / wideCpu, 3)}** (${narrow.info.tools} / ${wide.info.tools}: higher is better) |`,
      ].join('\n'),
    ];
  } finally {
    narrow.proc.kill('SIGTERM');
    wide.proc.kill('SIGTERM');
    logged.proc.kill('SIGTERM');
    unaudited.proc.kill('SIGTERM');
    rawProxy.proc.kill('SIGTERM');
    vendor.proc.kill('SIGTERM');
  }
}

/**
 * What OpenTelemetry traces cost a call: the same gateway and call with
 * tracing off (the default: no SDK loaded) and on (OTEL_EXPORTER_OTLP_ENDPOINT
 * set, every span exported in batches to a loopback OTLP/HTTP receiver),
 * interleaved as in the overhead rows. The off gateway is the baseline.
 */
async function otelSection(note = ''): Promise<string> {
  const vendor = await child('mock-vendor.ts');
  const sink = await child('otlp-sink.ts');
  const off = await child('servers.ts', [vendor.info.url!, '1', 'everyday']);
  const on = await child('servers.ts', [vendor.info.url!, '1', 'everyday'], { env: { BENCH_OTEL: sink.info.url! } });
  try {
    const offOrigin = new URL(off.info.mcp!).origin;
    const onOrigin = new URL(on.info.mcp!).origin;
    const item = (key: string) => mcpCall(key, 'modern', 'bench_get_item', { id: '42' });
    const WARM_CALLS = quick ? 3_000 : 6_000;
    await load(offOrigin, item(off.info.key!), 60, 10, WARM_CALLS);
    await load(onOrigin, item(on.info.key!), 60, 10, WARM_CALLS);
    const [offRun, onRun] = (await interleaved(
      [
        { run: (sec, conc) => load(offOrigin, item(off.info.key!), sec, conc), server: off.proc },
        { run: (sec, conc) => load(onOrigin, item(on.info.key!), sec, conc), server: on.proc },
      ],
      SECONDS,
      ROUNDS,
    )) as [PerCall, PerCall];
    // The last batch is exported within the processor's delay (5 s); ask the receiver after it.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const received = await new Promise<{ spans: number; exports: number }>((resolve) => {
      sink.proc.once('message', (m) => resolve(m as { spans: number; exports: number }));
      sink.proc.send('count');
    });
    const calls = onRun.seq.requests + onRun.ten.requests;
    const line = (name: string, f: PerCall) =>
      `| ${name} | ${fmt(f.seq.p50, 3)} | ${fmt(f.seq.p99, 3)} | ${Math.round(f.ten.rps)} | ${fmt(f.ten.p50, 3)} | ${fmt(f.cpuMs!, 3)} | ${f.seq.errors + f.ten.errors} |`;
    return [
      '## OpenTelemetry: traces off vs on',
      '',
      `${note}The same \`bench_get_item\` call (2026-07-28 client, direct tools/call path, the vendor stand-in behind it) on two gateways: traces off (the default: the SDK is never loaded and the call path makes no span) and on (\`OTEL_EXPORTER_OTLP_ENDPOINT\` set: spans for the request, the tool call, the vendor request and the call's database work, exported over OTLP/HTTP JSON in batches to a loopback receiver, ${received.spans} spans in ${received.exports} exports for the ${calls} calls measured plus the warm-up). Sequential, then 10 in flight, ${SECONDS} s of each per gateway in ${ROUNDS} interleaved slices, pooled. The off gateway is the baseline. Latency in ms.`,
      '',
      '| Path | sequential p50 | sequential p99 | calls/s, 10 in flight | p50, 10 in flight | server CPU per call (ms) | errors |',
      '|---|---|---|---|---|---|---|',
      line('gateway tools/call → vendor stand-in, traces off (baseline)', offRun),
      line('gateway tools/call → vendor stand-in, traces on (OTLP/HTTP export)', onRun),
      '',
      '| OTel off vs on | on / off |',
      '|---|---|',
      `| **throughput at 10 in flight** | **${fmt(onRun.ten.rps / offRun.ten.rps, 3)}** (${fmt((1 - onRun.ten.rps / offRun.ten.rps) * 100, 1)}% fewer calls/s with traces on) |`,
      `| server CPU per call | ${fmt(onRun.cpuMs! / offRun.cpuMs!, 3)} (+${fmt(onRun.cpuMs! - offRun.cpuMs!, 3)} ms per call) |`,
      `| sequential p50 | ${fmt(onRun.seq.p50 / offRun.seq.p50, 3)} (+${fmt(onRun.seq.p50 - offRun.seq.p50, 3)} ms) |`,
    ].join('\n');
  } finally {
    off.proc.kill('SIGTERM');
    on.proc.kill('SIGTERM');
    sink.proc.kill('SIGTERM');
    vendor.proc.kill('SIGTERM');
  }
}

/**
 * The audit trail's cost alone (`npm run bench -- --audit-only`): the same
 * gateway and call with the trail on (the default) and off
 * (DESKGATE_AUDIT=off), each in its own process serving nothing else,
 * interleaved as in the overhead rows. Printed, not written to RESULTS.md;
 * the full run measures the same in its overhead table.
 */
async function auditSection(note = ''): Promise<string> {
  const vendor = await child('mock-vendor.ts');
  const on = await child('servers.ts', [vendor.info.url!, '1', 'everyday'], { env: { BENCH_AUDIT: 'on' } });
  const off = await child('servers.ts', [vendor.info.url!, '1', 'everyday'], { env: { BENCH_AUDIT: 'off' } });
  try {
    const onOrigin = new URL(on.info.mcp!).origin;
    const offOrigin = new URL(off.info.mcp!).origin;
    const item = (key: string) => mcpCall(key, 'modern', 'bench_get_item', { id: '42' });
    const WARM_CALLS = quick ? 3_000 : 6_000;
    await load(onOrigin, item(on.info.key!), 60, 10, WARM_CALLS);
    await load(offOrigin, item(off.info.key!), 60, 10, WARM_CALLS);
    const [onRun, offRun] = (await interleaved(
      [
        { run: (sec, conc) => load(onOrigin, item(on.info.key!), sec, conc), server: on.proc },
        { run: (sec, conc) => load(offOrigin, item(off.info.key!), sec, conc), server: off.proc },
      ],
      SECONDS,
      ROUNDS,
    )) as [PerCall, PerCall];
    const line = (name: string, f: PerCall) =>
      `| ${name} | ${fmt(f.seq.p50, 3)} | ${Math.round(f.ten.rps)} | ${Math.round(Math.min(...f.tenSlices))}–${Math.round(Math.max(...f.tenSlices))} | ${fmt(f.ten.p50, 3)} | ${fmt(f.cpuMs!, 3)} | ${f.seq.errors + f.ten.errors} |`;
    return [
      '## Audit trail: on vs off',
      '',
      `${note}The same \`bench_get_item\` call (2026-07-28 client, direct tools/call path, the vendor stand-in behind it) on two gateways, each serving only this: the audit trail on (the default: one record per call, batched into the gateway's SQLite database) and off (DESKGATE_AUDIT=off). Sequential, then 10 in flight, ${SECONDS} s of each per gateway in ${ROUNDS} interleaved slices, pooled. Server CPU per call is the serving process's user + system time over its 10-in-flight slices divided by their calls: on a busy machine it moves less than throughput. Latency in ms.`,
      '',
      '| Path | sequential p50 | calls/s, 10 in flight | slices, calls/s | p50, 10 in flight | server CPU per call (ms) | errors |',
      '|---|---|---|---|---|---|---|',
      line('gateway tools/call → vendor stand-in, audit trail on (default)', onRun),
      line('gateway tools/call → vendor stand-in, audit trail off (DESKGATE_AUDIT=off)', offRun),
      '',
      '| Audit on vs off | on / off |',
      '|---|---|',
      `| **server CPU per call** | **${fmt(onRun.cpuMs! / offRun.cpuMs!, 3)}** (${onRun.cpuMs! >= offRun.cpuMs! ? '+' : '−'}${fmt(Math.abs(onRun.cpuMs! - offRun.cpuMs!), 3)} ms per call) |`,
      `| throughput at 10 in flight | ${fmt(onRun.ten.rps / offRun.ten.rps, 3)} (${fmt((1 - onRun.ten.rps / offRun.ten.rps) * 100, 1)}% fewer calls/s with the trail on) |`,
    ].join('\n');
  } finally {
    on.proc.kill('SIGTERM');
    off.proc.kill('SIGTERM');
    vendor.proc.kill('SIGTERM');
  }
}

const loadAtStart = loadavg();

async function main() {
  const sections: string[] = [];
  /** One line per target from the issue, filled from this run's figures. */
  const targets: string[] = [];
  // `-- --otel-only`: the OTel off vs on rows alone, printed (not written to RESULTS.md).
  if (process.argv.includes('--otel-only')) {
    const at = `Measured alone (\`npm run bench -- --otel-only\`) on ${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart.map((x) => fmt(x, 1)).join(' / ')} at the start. `;
    process.stdout.write(`${await otelSection(at)}\n`);
    return;
  }
  // `-- --audit-only`: the audit trail on vs off rows alone, printed (not written to RESULTS.md).
  if (process.argv.includes('--audit-only')) {
    const at = `Measured alone (\`npm run bench -- --audit-only\`) on ${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart.map((x) => fmt(x, 1)).join(' / ')} at the start. `;
    process.stdout.write(`${await auditSection(at)}\n`);
    return;
  }
  // `-- --limits-only`: the per-key limits in memory vs shared through PostgreSQL, printed (not written to RESULTS.md).
  if (process.argv.includes('--limits-only')) {
    const { run } = (await import('./limits.bench')) as { run: () => Promise<string> };
    process.stdout.write(`${await run()}\n`);
    return;
  }
  sections.push(...(await overheadSections(targets)));
  sections.push(await otelSection());
  if (process.argv.includes('--overhead-only')) {
    process.stdout.write(`${[...targets, ...sections].join('\n\n')}\n`);
    return;
  }
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
    const sdkModern = await run(baseline, mcpCall(key, 'modern', 'bench_get_echo', { message: 'hello' }));
    const sdkLegacy = await run(baseline, mcpCall(key, 'legacy', 'bench_get_echo', { message: 'hello' }));
    const echoModern = await run(mcpOrigin, mcpCall(key, 'modern', 'bench_get_echo', { message: 'hello' }));
    const echoLegacy = await run(mcpOrigin, mcpCall(key, 'legacy', 'bench_get_echo', { message: 'hello' }));
    const itemBase = await run(baseline, plainCall('/item', { id: '42' }));
    const itemModern = await run(mcpOrigin, mcpCall(key, 'modern', 'bench_get_item', { id: '42' }));
    const itemLegacy = await run(mcpOrigin, mcpCall(key, 'legacy', 'bench_get_item', { id: '42' }));

    targets.push(
      `- ≥ 2,500 no-I/O tools/call per second on 2 cores: one process ${Math.round(echoModern.rps)} (2026-07-28) / ${Math.round(echoLegacy.rps)} (2025-era); the bare SDK endpoint alone ${Math.round(sdkModern.rps)} / ${Math.round(sdkLegacy.rps)}. ${echoModern.rps >= 2500 ? 'Met.' : 'Not met in one process.'}`,
    );
    sections.push(
      [
        '## Gateway throughput and latency',
        '',
        `Closed loop, ${CONCURRENCY} concurrent callers, ${SECONDS} s per row, loopback. Latency in ms. The baseline is a plain Hono route in the same server process doing the same work (zod-validated arguments, the same handler or the same vendor HTTP client) without MCP, auth or the registry. The bare MCP SDK endpoint, also in that process, is the SDK's per-request low-level Server answering the same echo with nothing of ours around it: the floor an SDK-based gateway stands on.`,
        '',
        '| Path | calls/s | p50 | p99 | errors |',
        '|---|---|---|---|---|',
        row('no-I/O: plain Hono route (baseline)', echoBase),
        row('no-I/O: bare MCP SDK endpoint (per-request Server, no auth/registry), 2026-07-28', sdkModern),
        row('no-I/O: bare MCP SDK endpoint, 2025-era', sdkLegacy),
        row('no-I/O: gateway tools/call, 2026-07-28 client', echoModern),
        row('no-I/O: gateway tools/call, 2025-era client', echoLegacy),
        row('mock vendor: plain Hono route (baseline)', itemBase),
        row('mock vendor: gateway tools/call, 2026-07-28 client', itemModern),
        row('mock vendor: gateway tools/call, 2025-era client', itemLegacy),
        '',
        '| Ratio | 2026-07-28 | 2025-era |',
        '|---|---|---|',
        `| no-I/O throughput, gateway / baseline | ${fmt(echoModern.rps / echoBase.rps)} | ${fmt(echoLegacy.rps / echoBase.rps)} |`,
        `| no-I/O throughput, gateway / bare SDK endpoint | ${fmt(echoModern.rps / sdkModern.rps)} | ${fmt(echoLegacy.rps / sdkLegacy.rps)} |`,
        `| mock-vendor throughput, gateway / baseline | ${fmt(itemModern.rps / itemBase.rps)} | ${fmt(itemLegacy.rps / itemBase.rps)} |`,
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
    targets.push(
      `- Memory flat under sustained load in both eras: RSS growth first → last quarter ${soaks.map((x) => `${fmt(x.endMb - x.startMb, 1)} MB (${x.era === 'modern' ? '2026-07-28' : '2025-era'})`).join(', ')}. ${soaks.every((x) => x.endMb - x.startMb < 10) ? 'Met.' : 'Not met.'}`,
    );
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

  // The same gateway as a 2-worker cluster (DESKGATE_WORKERS=2): the MCP SDK's
  // per-request work is what limits one process, so this is how it uses 2 cores.
  {
    const vendor2 = await child('mock-vendor.ts');
    const servers2 = await child('servers.ts', [vendor2.info.url!, '2']);
    try {
      const origin = new URL(servers2.info.mcp!).origin;
      const key2 = servers2.info.key!;
      await load(origin, mcpCall(key2, 'modern', 'bench_get_echo', { message: 'warm' }), 2);
      const modern2 = await load(origin, mcpCall(key2, 'modern', 'bench_get_echo', { message: 'hello' }), SECONDS);
      const legacy2 = await load(origin, mcpCall(key2, 'legacy', 'bench_get_echo', { message: 'hello' }), SECONDS);
      const item2 = await load(origin, mcpCall(key2, 'modern', 'bench_get_item', { id: '42' }), SECONDS);
      targets.push(
        `- The same with DESKGATE_WORKERS=2 (load generator on the same 2 cores): ${Math.round(modern2.rps)} (2026-07-28) / ${Math.round(legacy2.rps)} (2025-era). ${modern2.rps >= 2500 ? 'Met.' : 'Not met.'}`,
      );
      sections.push(
        [
          '## Two workers (DESKGATE_WORKERS=2)',
          '',
          `The same run, the gateway as a 2-process cluster sharing the port; the load generator runs on the same 2 cores. Baselines as above (single process).`,
          '',
          '| Path | calls/s | p50 | p99 | errors |',
          '|---|---|---|---|---|',
          row('no-I/O: gateway tools/call, 2026-07-28 client, 2 workers', modern2),
          row('no-I/O: gateway tools/call, 2025-era client, 2 workers', legacy2),
          row('mock vendor: gateway tools/call, 2026-07-28 client, 2 workers', item2),
        ].join('\n'),
      );
    } finally {
      servers2.proc.kill('SIGTERM');
      vendor2.proc.kill('SIGTERM');
    }
  }

  const helpdeskBench = join(here, 'helpdesk.bench.ts');
  if (existsSync(helpdeskBench) && !process.argv.includes('--skip-helpdesk')) {
    const { run } = (await import('./helpdesk.bench')) as { run: () => Promise<string> };
    sections.push(await run());
  }

  const timeBench = join(here, 'time.bench.ts');
  if (existsSync(timeBench) && !process.argv.includes('--skip-time')) {
    const { run } = (await import('./time.bench')) as { run: () => Promise<string> };
    sections.push(await run());
  }

  {
    const { run } = (await import('./limits.bench')) as { run: () => Promise<string> };
    sections.push(await run());
  }

  sections.splice(0, 0, ['## Against the targets', '', ...targets].join('\n'));
  const header = [
    '# Benchmark results',
    '',
    `Recorded by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}). The machine is shared, so compare ratios within one run, not absolute numbers across runs. Load average (1/5/15 min) when the run began: ${loadAtStart.map((x) => fmt(x, 1)).join(' / ')}; when it ended: ${loadavg().map((x) => fmt(x, 1)).join(' / ')}.`,
  ].join('\n');
  const text = `${[header, ...sections].join('\n\n')}\n`;
  writeFileSync(join(here, 'RESULTS.md'), text);
  process.stdout.write(text);
}

await main();
