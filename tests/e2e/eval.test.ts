import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../eval/harness';
import { scenarios } from '../../eval/scenarios';
import { startEvalWorld, type EvalWorld } from '../../eval/world';
import { o200kTokenizer, type Tokenizer } from '../../src/registry/budget';

/**
 * The eval (`npm run eval`, eval/) as a test: each everyday request of issue
 * #17 as the calls a model makes from a staff key's default surface, against
 * loopback stand-ins. A scenario fails on a tool outside tools/list, a result
 * naming such a tool, or an outcome check (what reached the vendor, on whose
 * account). A scenario marked with a known defect (shown in the eval's table)
 * may fail only the checks that defect explains; the others must pass. They run in order (later
 * requests see earlier writes, as in one working day).
 */
describe('eval: sixteen everyday requests on the default surface', () => {
  let world: EvalWorld;
  let tokens: Tokenizer;
  beforeAll(async () => {
    world = await startEvalWorld();
    tokens = await o200kTokenizer();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('lists one scenario per request, each request once', () => {
    expect(scenarios.map((s) => s.id).sort((a, b) => a - b)).toEqual([...new Set(scenarios.map((s) => s.id))].sort((a, b) => a - b));
  });

  it('fails a request that calls a tool outside tools/list, before anything is sent', async () => {
    const before = world.clockify.calls.length;
    const outcome = await runScenario(world, { id: 0, request: 'list my tags', run: async (ctx) => void (await ctx.call('clockify_list_tags', {})) }, tokens);
    expect(outcome.passed).toBe(false);
    expect(outcome.failures).toEqual(['clockify_list_tags is not in tools/list for this key']);
    expect(outcome.calls).toEqual([]);
    expect(world.clockify.calls.length).toBe(before);
  });

  for (const scenario of scenarios) {
    it(`#${scenario.id} ${scenario.request}${scenario.knownDefect ? ' (known defect)' : ''}`, async () => {
      const outcome = await runScenario(world, scenario, tokens);
      // A known defect excuses only the failures it explains (and the scenario passing once it is fixed).
      const unexplained = scenario.knownDefect ? outcome.failures.filter((f) => !scenario.knownFailures?.test(f)) : outcome.failures;
      expect(unexplained).toEqual([]);
      expect(outcome.calls.length, 'a request needs at least one call, or says so from the instructions').toBeGreaterThanOrEqual(scenario.id === 9 ? 0 : 1);
    });
  }
});
