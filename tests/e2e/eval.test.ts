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
 * account). Scenarios marked with a known defect are reported by the eval's
 * table and not failed here; the others must pass. They run in order (later
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

  for (const scenario of scenarios) {
    it(`#${scenario.id} ${scenario.request}${scenario.knownDefect ? ' (known defect)' : ''}`, async () => {
      const outcome = await runScenario(world, scenario, tokens);
      if (scenario.knownDefect) return;
      expect(outcome.failures).toEqual([]);
      expect(outcome.calls.length, 'a request needs at least one call, or says so from the instructions').toBeGreaterThanOrEqual(scenario.id === 9 ? 0 : 1);
    });
  }
});
