import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ApiKeyInfo } from '../auth/types';
import type { EnabledConnector } from '../config/config';
import { serverInstructions } from '../mcp/instructions';
import { accessOf, type AccessLevel, type ConnectorManifest, type ObjectSchema, type ToolDefinition } from './types';

export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
export const MAX_TOOL_NAME_LENGTH = 64;

const ACCESS_RANK: Record<AccessLevel, number> = { read: 0, write: 1, full: 2 };

/** The MCP `Tool` object as listed, computed once at start. */
export type ToolListing = Tool & { outputSchema: NonNullable<Tool['outputSchema']> };

export interface RegisteredTool {
  name: string;
  connector: string;
  toolset: string;
  access: AccessLevel;
  tool: ToolDefinition<unknown, ObjectSchema, ObjectSchema>;
  listing: ToolListing;
}

/**
 * Checks a connector's tool declarations. Run at start for the enabled
 * connectors and by the registry meta-test for every connector, so a bad
 * declaration never reaches a client.
 */
export function validateManifest(manifest: ConnectorManifest<unknown, unknown>): string[] {
  const problems: string[] = [];
  const toolsets = new Set(manifest.toolsets.map((t) => t.id));
  const seen = new Set<string>();
  for (const tool of manifest.tools) {
    if (!TOOL_NAME_PATTERN.test(tool.name)) problems.push(`${tool.name}: not snake_case <connector>_<verb>_<noun>`);
    if (!tool.name.startsWith(`${manifest.id}_`)) problems.push(`${tool.name}: must start with "${manifest.id}_"`);
    if (tool.name.length > MAX_TOOL_NAME_LENGTH) problems.push(`${tool.name}: longer than ${MAX_TOOL_NAME_LENGTH} characters`);
    if (seen.has(tool.name)) problems.push(`${tool.name}: declared twice`);
    seen.add(tool.name);
    if (!toolsets.has(tool.toolset)) problems.push(`${tool.name}: unknown toolset "${tool.toolset}"`);
    if (!tool.title.trim()) problems.push(`${tool.name}: empty title`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      if (typeof tool.annotations[hint] !== 'boolean') problems.push(`${tool.name}: annotation ${hint} not set`);
    }
    if (tool.annotations.readOnlyHint && tool.annotations.destructiveHint) {
      problems.push(`${tool.name}: a read-only tool cannot be destructive`);
    }
  }
  return problems;
}

type JsonNode = Record<string, unknown>;
const isNode = (value: unknown): value is JsonNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords a `{type: X}` branch may carry and still fold into `type: [X, "null"]` (none of them constrains null). */
const FOLDABLE = new Set(['type', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

/**
 * Removes what a model pays tokens for and learns nothing from: zod's
 * safe-integer bounds (`maximum: 9007199254740991`, `minimum:
 * -9007199254740991`) and `$schema`; folds `anyOf: [{type: X, …}, {type:
 * "null"}]` (a nullable field) into `type: [X, "null"]`. Keeps
 * `additionalProperties: false`: tools reject unknown arguments, and the
 * schema says so. Applied to every listed schema, recursively.
 */
export function stripSchemaNoise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripSchemaNoise);
  if (!isNode(node)) return node;
  const out: JsonNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    out[key] = stripSchemaNoise(value);
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIndex = anyOf.findIndex((b) => isNode(b) && b.type === 'null' && Object.keys(b).length === 1);
    const other = anyOf[1 - nullIndex];
    if (nullIndex !== -1 && isNode(other) && typeof other.type === 'string' && Object.keys(other).every((k) => FOLDABLE.has(k))) {
      const { anyOf: _dropped, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

function jsonSchemaOf(schema: ObjectSchema, io: 'input' | 'output'): Tool['inputSchema'] {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return stripSchemaNoise(json) as Tool['inputSchema'];
}

function listingOf(tool: ToolDefinition<unknown, ObjectSchema, ObjectSchema>): ToolListing {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchemaOf(tool.input, 'input'),
    outputSchema: jsonSchemaOf(tool.output, 'output'),
    annotations: { title: tool.title, ...tool.annotations },
  };
}

/**
 * The tool table, computed once at start: which tools are on, in a stable
 * order (connector catalog order, then declaration order), with their JSON
 * schemas already built. Filters apply in one fixed order:
 * connector enabled → its toolsets → its access level → DESKGATE_READ_ONLY
 * (which wins over everything). Per-key views (connector list, read-only
 * keys) are derived lazily and cached, so tools/list costs a map lookup.
 */
export class ToolRegistry {
  readonly tools: readonly RegisteredTool[];
  private readonly byName: Map<string, RegisteredTool>;
  private readonly views = new Map<string, { list: ToolListing[]; names: Set<string>; instructions: string }>();
  /** Enabled connectors with their shared facts, in catalog order. */
  private readonly connectorNotes: { id: string; instructions?: string }[];

  constructor(connectors: EnabledConnector[], globalReadOnly: boolean) {
    const tools: RegisteredTool[] = [];
    this.connectorNotes = connectors.map(({ manifest }) => ({ id: manifest.id, instructions: manifest.instructions }));
    for (const { manifest, common } of connectors) {
      const problems = validateManifest(manifest);
      if (problems.length) throw new Error(`connector ${manifest.id} declares bad tools:\n${problems.join('\n')}`);
      const ceiling: AccessLevel = globalReadOnly ? 'read' : common.access;
      for (const tool of manifest.tools) {
        if (common.toolsets && !common.toolsets.includes(tool.toolset)) continue;
        const access = accessOf(tool.annotations);
        if (ACCESS_RANK[access] > ACCESS_RANK[ceiling]) continue;
        tools.push({
          name: tool.name,
          connector: manifest.id,
          toolset: tool.toolset,
          access,
          tool: tool as ToolDefinition<unknown, ObjectSchema, ObjectSchema>,
          listing: listingOf(tool as ToolDefinition<unknown, ObjectSchema, ObjectSchema>),
        });
      }
    }
    const byName = new Map<string, RegisteredTool>();
    for (const t of tools) {
      if (byName.has(t.name)) throw new Error(`tool name ${t.name} is declared by two connectors`);
      byName.set(t.name, t);
    }
    this.tools = tools;
    this.byName = byName;
  }

  /** Whether a key may use a tool: its connector list and read-only flag. */
  static allows(key: ApiKeyInfo, tool: RegisteredTool): boolean {
    if (key.connectors && !key.connectors.includes(tool.connector)) return false;
    if (key.readOnly && tool.access !== 'read') return false;
    return true;
  }

  private viewFor(key: ApiKeyInfo) {
    const signature = `${key.readOnly ? 'r' : 'w'}|${key.connectors?.join(',') ?? '*'}`;
    let view = this.views.get(signature);
    if (!view) {
      const allowed = this.tools.filter((t) => ToolRegistry.allows(key, t));
      const connectors = new Set(allowed.map((t) => t.connector));
      view = {
        list: allowed.map((t) => t.listing),
        names: new Set(allowed.map((t) => t.name)),
        instructions: serverInstructions(this.connectorNotes.filter((c) => connectors.has(c.id))),
      };
      this.views.set(signature, view);
    }
    return view;
  }

  /** The tools/list answer for a key. */
  listFor(key: ApiKeyInfo): ToolListing[] {
    return this.viewFor(key).list;
  }

  /** The MCP server instructions for a key: the core's, plus each connector it has tools of. */
  instructionsFor(key: ApiKeyInfo): string {
    return this.viewFor(key).instructions;
  }

  /** The tool a key may call by that name, or undefined (unknown to this key). */
  find(key: ApiKeyInfo, name: string): RegisteredTool | undefined {
    const tool = this.byName.get(name);
    if (!tool || !this.viewFor(key).names.has(name)) return undefined;
    return tool;
  }
}
