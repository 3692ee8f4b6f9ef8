import { describe, expect, it } from 'vitest';
import { runFuzz } from './harness';

/**
 * The CI-sized fuzz run (issue 18, "Keep it found"): a fixed seed, every
 * tool, real tools/call over HTTP against loopback stand-ins. A longer run:
 * `npm run fuzz -- --calls 20000 --seed 7` (figures in bench/FUZZ.md).
 */
const CALLS = Number(process.env.DESKGATE_FUZZ_CALLS ?? 2_000);
const SEED = Number(process.env.DESKGATE_FUZZ_SEED ?? 18);

describe('fuzzing every tool through /mcp', () => {
  it(`answers ${CALLS} generated calls (seed ${SEED}) without an internal error, a 5xx, a crash or a vendor request off its routes`, { timeout: 240_000 }, async () => {
    const report = await runFuzz({ seed: SEED, calls: CALLS, concurrency: 4 });
    expect(report.failures.slice(0, 20)).toEqual([]);
    expect(report.calls).toBe(CALLS);
    // The run reached the vendors and got past validation often enough to mean something.
    expect(report.outcomes.ok ?? 0).toBeGreaterThan(CALLS / 20);
    expect(report.outcomes.invalid_argument ?? 0).toBeGreaterThan(CALLS / 5);
    expect(report.vendorRequests.clockify + report.vendorRequests.onedesk + report.vendorRequests.desktime).toBeGreaterThan(CALLS / 10);
  });
});
