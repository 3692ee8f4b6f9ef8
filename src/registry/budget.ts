import type { Principal } from '../auth/types';
import type { EnabledConnector } from '../config/config';
import { ToolRegistry, type ToolListing } from './registry';
import type { ConnectorManifest } from './types';

/**
 * The model-visible size of a tool surface: what a client puts in the
 * model's context from tools/list and initialize. Per tool: name, title,
 * description and the input schema as listed (JSON); plus the server
 * instructions once. Output schemas and annotations are not counted (clients
 * do not show them to the model). Tokens are counted with js-tiktoken's
 * o200k_base encoding, the reference for the budget.
 */
export type Tokenizer = (text: string) => number;

let shared: Promise<Tokenizer> | undefined;

/** js-tiktoken o200k_base, loaded once on first use (it is only needed by the CLI and tests). */
export function o200kTokenizer(): Promise<Tokenizer> {
  shared ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
    const encoding = new Tiktoken(ranks);
    return (text: string) => encoding.encode(text).length;
  })();
  return shared;
}

/** The text of one tool a model reads. */
export function modelVisibleText(listing: ToolListing): string {
  return [listing.name, listing.title ?? '', listing.description ?? '', JSON.stringify(listing.inputSchema)].join('\n');
}

export interface Size {
  tools: number;
  tokens: number;
}

export interface BudgetRow {
  connector: string;
  toolset: string;
  /** Whether the toolset is on by default (`<ID>_TOOLSETS` unset). */
  isDefault: boolean;
  /** In the configuration measured; tools: 0 when it is off. */
  current: Size;
  /** With every connector and toolset on, full access. */
  all: Size;
}

export interface SurfaceBudget {
  rows: BudgetRow[];
  /** Server instructions and totals (tools plus instructions) for a key that sees every enabled tool. */
  current: { instructionsTokens: number; total: Size };
  all: { instructionsTokens: number; total: Size };
}

/** A key that sees every enabled tool (no connector limit, not read-only). */
/** An admin with an unrestricted key: sees everything the configuration enables. */
export const UNLIMITED_KEY: Principal = {
  user: { id: 'budget', email: 'budget@localhost', name: 'budget', role: 'admin' },
  key: { id: 'budget', name: 'budget', connectors: undefined, readOnly: false },
};

/** Tools and tokens of a tools/list answer plus the instructions that go with it. */
export function listingSize(tokens: Tokenizer, tools: ToolListing[], instructions: string): Size {
  return { tools: tools.length, tokens: tools.reduce((sum, t) => sum + tokens(modelVisibleText(t)), 0) + tokens(instructions) };
}

/**
 * Per connector and toolset of the catalog: tool count and tokens in the
 * configuration `current` was built from, and with everything on.
 */
export function surfaceBudget(tokens: Tokenizer, catalog: ConnectorManifest<unknown, unknown>[], current: ToolRegistry): SurfaceBudget {
  const everything = new ToolRegistry(allOf(catalog), false);
  const sizeOf = (registry: ToolRegistry, connector: string, toolset: string): Size => {
    const tools = registry.tools.filter((t) => t.connector === connector && t.toolset === toolset);
    return { tools: tools.length, tokens: tools.reduce((sum, t) => sum + tokens(modelVisibleText(t.listing)), 0) };
  };
  const rows = catalog.flatMap((manifest) =>
    manifest.toolsets.map((toolset) => ({
      connector: manifest.id,
      toolset: toolset.id,
      isDefault: toolset.default === true || !manifest.toolsets.some((t) => t.default),
      current: sizeOf(current, manifest.id, toolset.id),
      all: sizeOf(everything, manifest.id, toolset.id),
    })),
  );
  const totals = (registry: ToolRegistry) => {
    const instructions = registry.instructionsFor(UNLIMITED_KEY);
    return { instructionsTokens: tokens(instructions), total: listingSize(tokens, registry.listFor(UNLIMITED_KEY), instructions) };
  };
  return { rows, current: totals(current), all: totals(everything) };
}

/** Connectors as enabled with every toolset and full access (the whole catalogue). */
export function allOf(catalog: ConnectorManifest<unknown, unknown>[]): EnabledConnector[] {
  return catalog.map((manifest) => ({
    manifest,
    config: {},
    common: { access: 'full' as const, toolsets: undefined, baseUrl: undefined, timeoutMs: 1, minRole: manifest.minRole ?? ('staff' as const), credentials: 'shared' as const },
    toolsetsFrom: 'all' as const,
  }));
}
