/**
 * `npm run fuzz -- [--calls N] [--seed S] [--concurrency C] [--json]`: the
 * fuzzer of tests/fuzz/harness.ts, for a long run. Exits 1 when any call
 * failed (an internal error, a 5xx, a crash, a vendor request off its routes)
 * and prints the first failures; prints the figures bench/FUZZ.md records.
 */
import { runFuzz, type FuzzReport } from '../tests/fuzz/harness';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index === -1 ? undefined : process.argv[index + 1];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} takes a whole number, got "${raw}"\n`);
    process.exit(2);
  }
  return value;
}

const calls = arg('calls', 10_000);
const seed = arg('seed', 18);
const concurrency = arg('concurrency', 4);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const progress = (done: number, report: FuzzReport) =>
  process.stderr.write(`${done}/${calls} calls, ${report.failures.length} failures, heap ${mb(process.memoryUsage().heapUsed)} MB\n`);

const report = await runFuzz({ seed, calls, concurrency, onProgress: progress });
const heapPer10k = ((report.heapAfter - report.heapBefore) / Math.max(1, report.heapCalls)) * 10_000;
const summary = {
  seed: report.seed,
  tools: report.tools,
  calls: report.calls,
  seconds: Math.round(report.durationMs / 100) / 10,
  outcomes: Object.fromEntries(Object.entries(report.outcomes).sort((a, b) => b[1] - a[1])),
  cases: report.byKind,
  vendor_requests: report.vendorRequests,
  live_heap_mb: { measured_calls: report.heapCalls, before: mb(report.heapBefore), after: mb(report.heapAfter), per_10k_calls: mb(heapPer10k), gc_forced: typeof (globalThis as { gc?: unknown }).gc === 'function' },
  rss_mb: mb(process.memoryUsage().rss),
  failures: report.failures.length,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
for (const failure of report.failures.slice(0, 30)) process.stdout.write(`FAIL #${failure.call} ${failure.tool} (${failure.kind}) ${failure.args}\n  ${failure.problem}\n`);
process.exit(report.failures.length ? 1 : 0);
