import type { ErrorPayload } from '../src/errors';
import { ERROR_META_KEY } from '../src/mcp/execute';
import { o200kTokenizer, type Tokenizer } from '../src/registry/budget';
import { connectorCatalog } from '../src/registry/catalog';
import { namesHiddenTool, type MentionRules } from '../src/registry/mentions';
import { connectClient, type ConnectedClient } from '../tests/support/clients';
import type { EvalWorld } from './world';

/**
 * Runs the eval's scenarios the way a model meets the gateway: one official
 * MCP client (2026-07-28) on Sam's staff key, the server instructions and
 * tools/list as the only guide. Every call goes through `ctx.call`, which
 * refuses a tool the listing does not contain (the point of the eval), checks
 * that the result names no tool outside the listing, and records the size of
 * what the model reads back (text bytes and o200k tokens).
 */

export interface CallRecord {
  tool: string;
  isError: boolean;
  bytes: number;
  tokens: number;
}

export interface CallResult {
  isError: boolean;
  /** structuredContent of a success. */
  data: Record<string, unknown>;
  /** The error payload (`_meta["deskgate/error"]`) of a failure. */
  error: ErrorPayload | undefined;
  /** What the model reads: the text content. */
  text: string;
}

export interface ScenarioContext {
  world: EvalWorld;
  /** Tool names in tools/list for this key. */
  listed: ReadonlySet<string>;
  /** The model-visible text of each listed tool (name, title, description, input schema). */
  listing: { name: string; text: string }[];
  instructions: string;
  /** A call the model would make; only listed tools. */
  call(tool: string, args?: Record<string, unknown>): Promise<CallResult>;
  /** A check on the outcome; a false one fails the scenario. */
  check(what: string, ok: boolean, detail?: unknown): void;
  /** Whether text names a tool this key cannot call. */
  namesUnlisted(text: string): boolean;
}

export interface Scenario {
  id: number;
  request: string;
  /** A defect the eval found and this change does not fix: the scenario is expected to fail, and the table says why. */
  knownDefect?: string;
  /** The failed checks the known defect explains; any other failure still fails the test. */
  knownFailures?: RegExp;
  /** Said beside the result in the table (e.g. a refusal that is the right outcome). */
  note?: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ScenarioOutcome {
  id: number;
  request: string;
  calls: CallRecord[];
  failures: string[];
  passed: boolean;
  knownDefect: string | undefined;
  note: string | undefined;
}

export class ToolNotListed extends Error {}

export interface EvalRun {
  outcomes: ScenarioOutcome[];
  /** Size of the default surface this key sees (tools, and tokens of the listing plus instructions are in the budget test). */
  listedTools: number;
}

function textOf(result: Record<string, unknown>): string {
  return ((result.content as { type: string; text?: string }[] | undefined) ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');
}

/** One client per scenario (a fresh conversation), the listing read from it. */
export async function runScenario(world: EvalWorld, scenario: Scenario, tokens: Tokenizer): Promise<ScenarioOutcome> {
  const calls: CallRecord[] = [];
  const failures: string[] = [];
  let client: ConnectedClient | undefined;
  try {
    client = await connectClient('modern', world.gw.url, world.key);
    const tools = (await client.listTools()).tools as { name: string; title?: string; description?: string; inputSchema?: unknown }[];
    const listed = new Set(tools.map((t) => t.name));
    const listing = tools.map((t) => ({ name: t.name, text: [t.title ?? '', t.description ?? '', JSON.stringify(t.inputSchema ?? {})].join('\n') }));
    const instructions = client.instructions() ?? '';
    const rules: MentionRules = { known: new Set(connectorCatalog.flatMap((m) => m.tools.map((t) => t.name))), visible: listed };
    const c = client;
    const ctx: ScenarioContext = {
      world,
      listed,
      listing,
      instructions,
      namesUnlisted: (text) => namesHiddenTool(text, rules),
      check(what, ok, detail) {
        if (!ok) failures.push(detail === undefined ? what : `${what}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`.slice(0, 600));
      },
      async call(tool, args = {}) {
        if (!listed.has(tool)) throw new ToolNotListed(`${tool} is not in tools/list for this key`);
        const raw = await c.callTool({ name: tool, arguments: args });
        const text = textOf(raw);
        if (process.env.EVAL_DEBUG) console.error(`\n#${scenario.id} ${tool} ${JSON.stringify(args)}\n${text.slice(0, 2500)}`);
        const isError = raw.isError === true;
        calls.push({ tool, isError, bytes: Buffer.byteLength(text, 'utf8'), tokens: tokens(text) });
        if (namesHiddenTool(text, rules)) failures.push(`${tool}'s result names a tool this key cannot call: ${text.slice(0, 300)}`);
        const error = isError ? ((raw._meta as Record<string, unknown> | undefined)?.[ERROR_META_KEY] as ErrorPayload | undefined) : undefined;
        if (isError && !error) failures.push(`${tool}: an error result without _meta["${ERROR_META_KEY}"]`);
        return { isError, data: (raw.structuredContent as Record<string, unknown> | undefined) ?? {}, error, text };
      },
    };
    await scenario.run(ctx);
  } catch (thrown) {
    failures.push(thrown instanceof ToolNotListed ? thrown.message : `threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  } finally {
    await client?.close().catch(() => undefined);
  }
  return { id: scenario.id, request: scenario.request, calls, failures, passed: failures.length === 0, knownDefect: scenario.knownDefect, note: scenario.note };
}

export async function runEval(world: EvalWorld, scenarios: Scenario[]): Promise<EvalRun> {
  const tokens = await o200kTokenizer();
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of scenarios) outcomes.push(await runScenario(world, scenario, tokens));
  const client = await connectClient('modern', world.gw.url, world.key);
  const listedTools = (await client.listTools()).tools.length;
  await client.close();
  return { outcomes, listedTools };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table for bench/EVAL.md and the terminal. */
export function evalMarkdown(run: EvalRun): string {
  const lines = [
    '| # | Request | Calls | Tools used | Result tokens (total) | Largest result (tokens / bytes) | Result |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const o of run.outcomes) {
    const tools = [...new Set(o.calls.map((c) => c.tool))].map((t) => `\`${t}\``).join(', ') || '— (instructions only)';
    const total = o.calls.reduce((s, c) => s + c.tokens, 0);
    const largest = o.calls.reduce<CallRecord | undefined>((best, c) => (!best || c.tokens > best.tokens ? c : best), undefined);
    const result = o.passed ? (o.note ? `pass (${o.note})` : 'pass') : o.knownDefect ? `FAIL (known: ${o.knownDefect})` : `FAIL: ${o.failures.join('; ')}`;
    lines.push(`| ${o.id} | ${cell(o.request)} | ${o.calls.length} | ${tools} | ${total} | ${largest ? `${largest.tokens} / ${largest.bytes}` : '—'} | ${cell(result)} |`);
  }
  const calls = run.outcomes.reduce((s, o) => s + o.calls.length, 0);
  const tokens = run.outcomes.reduce((s, o) => s + o.calls.reduce((t, c) => t + c.tokens, 0), 0);
  const passed = run.outcomes.filter((o) => o.passed).length;
  lines.push(`| | **${passed} of ${run.outcomes.length} pass** | **${calls}** | ${run.listedTools} tools listed | **${tokens}** | | |`);
  return lines.join('\n');
}
