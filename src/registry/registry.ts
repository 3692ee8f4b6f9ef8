import type { Tool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { hasRole, roleRank, type Principal, type Role } from '../auth/types';
import { permissionDenied, type ErrorPayload, type GatewayError } from '../errors';
import { envPrefix } from '../vendor-http/status-errors';
import type { EnabledConnector } from '../config/config';
import { serverInstructions, type ConnectorNote } from '../mcp/instructions';
import { renderMentions, renderSchemaMentions, type MentionRules } from './mentions';
import { accessOf, type AccessLevel, type CredentialMode, type ConnectorManifest, type ObjectSchema, type ToolDefinition } from './types';

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
  /** The higher of the connector's `<ID>_MIN_ROLE` and the tool's own `minRole`. */
  minRole: Role;
  /** Whose vendor key calls use (`<ID>_CREDENTIALS`). */
  credentials: CredentialMode;
  /** A gateway tool (`deskgate_*`): no key connector or toolset limit hides it. */
  core?: boolean;
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
  for (const [old, replacement] of Object.entries(manifest.replacedTools ?? {})) {
    if (seen.has(old)) problems.push(`${old}: listed as replaced but still declared`);
    if (!seen.has(replacement.tool)) problems.push(`${old}: replaced by ${replacement.tool}, which this connector does not declare`);
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

/** Why a tool is not in a caller's tools/list. Deployment reasons apply to everyone. */
export type HiddenReason =
  | { kind: 'toolset'; detail: string }
  | { kind: 'access'; detail: string }
  | { kind: 'read_only'; detail: string }
  | { kind: 'role'; detail: string; needed: Role }
  | { kind: 'key_connectors'; detail: string }
  | { kind: 'key_toolsets'; detail: string }
  | { kind: 'key_read_only'; detail: string };

export interface ToolExplanation {
  name: string;
  connector: string;
  toolset: string;
  access: AccessLevel;
  minRole: Role;
  hidden: HiddenReason | undefined;
}

/** A tool the deployment left out, with why (for `deskgate tools --as`). */
interface OmittedTool {
  name: string;
  connector: string;
  toolset: string;
  access: AccessLevel;
  minRole: Role;
  reason: HiddenReason;
}

/** Whether a key's own toolset list (`connector:toolset` or a whole `connector`) includes a tool. */
export function keyToolsetsAllow(toolsets: readonly string[] | undefined, connector: string, toolset: string): boolean {
  return toolsets === undefined || toolsets.includes(connector) || toolsets.includes(`${connector}:${toolset}`);
}

/**
 * The tool table and the access policy, computed once at start: which tools
 * are on, in a stable order (connector catalog order, then file order), with
 * their JSON schemas already built. Deployment filters apply in one fixed
 * order: connector enabled → its toolsets → its access level →
 * DESKGATE_READ_ONLY. Per caller, one check decides what is listed and what
 * may be called: the caller's role against the connector's `<ID>_MIN_ROLE`
 * and the tool's own `minRole`, then the key's limits (connectors, toolsets,
 * read-only). Views are derived lazily per (role, key limits) and cached, so
 * tools/list costs a map lookup.
 */
export class ToolRegistry {
  readonly tools: readonly RegisteredTool[];
  private readonly omitted: OmittedTool[] = [];
  private readonly byName: Map<string, RegisteredTool>;
  private readonly views = new Map<string, { list: ToolListing[]; names: Set<string>; instructions: string; rules: MentionRules }>();
  /** Tools the deployment left out, by name (a call to one says why and what turns it on). */
  private readonly omittedByName = new Map<string, OmittedTool>();
  /** Every tool name the enabled connectors declare: what counts as a tool mention in a text. */
  private readonly knownNames = new Set<string>();
  private readonly connectorSettings = new Map<string, { common: EnabledConnector['common']; globalReadOnly: boolean }>();
  /** Enabled connectors with their shared facts, in catalog order. */
  private readonly connectorNotes: ConnectorNote[];
  /** Former tool names of the enabled connectors (manifest `replacedTools`): old name → the tool that does the job now. */
  private readonly replaced = new Map<string, { tool: string; with?: Record<string, unknown> }>();

  constructor(connectors: EnabledConnector[], globalReadOnly: boolean) {
    const tools: RegisteredTool[] = [];
    this.connectorNotes = connectors.map(({ manifest, common }) => ({
      id: manifest.id,
      instructions: manifest.instructions,
      toolsetsOff: common.toolsets ? manifest.toolsets.map((t) => t.id).filter((id) => !common.toolsets!.includes(id)) : [],
    }));
    for (const { manifest, common } of connectors) {
      this.connectorSettings.set(manifest.id, { common, globalReadOnly });
      for (const [old, replacement] of Object.entries(manifest.replacedTools ?? {})) this.replaced.set(old, replacement);
      const problems = validateManifest(manifest);
      if (problems.length) throw new Error(`connector ${manifest.id} declares bad tools:\n${problems.join('\n')}`);
      const ceiling: AccessLevel = globalReadOnly ? 'read' : common.access;
      const prefix = envPrefix(manifest.id);
      for (const tool of manifest.tools) {
        this.knownNames.add(tool.name);
        const access = accessOf(tool.annotations);
        const minRole = higherRole(common.minRole, tool.minRole);
        const base = { name: tool.name, connector: manifest.id, toolset: tool.toolset, access, minRole };
        if (common.toolsets && !common.toolsets.includes(tool.toolset)) {
          this.omitted.push({ ...base, reason: { kind: 'toolset', detail: `toolset "${tool.toolset}" is not in ${prefix}_TOOLSETS` } });
          continue;
        }
        if (ACCESS_RANK[access] > ACCESS_RANK[ceiling]) {
          this.omitted.push({
            ...base,
            reason: globalReadOnly && ACCESS_RANK[access] <= ACCESS_RANK[common.access]
              ? { kind: 'read_only', detail: 'DESKGATE_READ_ONLY is on' }
              : { kind: 'access', detail: `needs access "${access}", ${prefix}_ACCESS is "${common.access}"` },
          });
          continue;
        }
        tools.push({
          ...base,
          credentials: common.credentials,
          core: manifest.core === true,
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
    for (const t of this.omitted) this.omittedByName.set(t.name, t);
  }

  /**
   * For a name that is no tool (any more): where it went, when it was merged
   * into a tool this caller may call, e.g. `onedesk_list_tickets` →
   * `onedesk_list_items with {"type":"ticket"}`. Undefined otherwise (the
   * text names only tools the caller has).
   */
  replacementFor(principal: Principal, name: string): string | undefined {
    const replacement = this.replaced.get(name);
    if (!replacement || this.byName.has(name) || this.omittedByName.has(name)) return undefined;
    if (!this.viewFor(principal).names.has(replacement.tool)) return undefined;
    return replacement.with ? `${replacement.tool} with ${JSON.stringify(replacement.with)}` : replacement.tool;
  }

  /** Why a caller may not use an enabled tool, or undefined when they may. */
  static deny(principal: Principal, tool: Pick<RegisteredTool, 'connector' | 'toolset' | 'access' | 'minRole' | 'core'>): HiddenReason | undefined {
    const { user, key } = principal;
    if (!hasRole(user.role, tool.minRole)) {
      return { kind: 'role', needed: tool.minRole, detail: `needs role ${tool.minRole}, the caller is ${user.role}` };
    }
    // The gateway's own tools answer about the caller and their key: a key limited to some connectors still has them.
    if (tool.core) return key.readOnly && tool.access !== 'read' ? { kind: 'key_read_only', detail: 'the key is read-only' } : undefined;
    if (key.connectors && !key.connectors.includes(tool.connector)) {
      return { kind: 'key_connectors', detail: `the key is limited to connectors ${key.connectors.join(', ')}` };
    }
    if (!keyToolsetsAllow(key.toolsets, tool.connector, tool.toolset)) {
      return { kind: 'key_toolsets', detail: `the key is limited to toolsets ${key.toolsets?.join(', ')}` };
    }
    if (key.readOnly && tool.access !== 'read') return { kind: 'key_read_only', detail: 'the key is read-only' };
    return undefined;
  }

  private viewFor(principal: Principal) {
    const { key, user } = principal;
    const signature = `${user.role}|${key.readOnly ? 'r' : 'w'}|${key.connectors?.join(',') ?? '*'}|${key.toolsets?.join(',') ?? '*'}`;
    let view = this.views.get(signature);
    if (!view) {
      const allowed = this.tools.filter((t) => !ToolRegistry.deny(principal, t));
      const connectors = new Set(allowed.map((t) => t.connector));
      const names = new Set(allowed.map((t) => t.name));
      // Descriptions and instructions name only tools this caller can call.
      const rules: MentionRules = { known: this.knownNames, visible: names };
      view = {
        list: allowed.map((t) => renderListing(t.listing, rules)),
        names,
        instructions: renderMentions(serverInstructions(this.connectorNotes.filter((c) => connectors.has(c.id))), rules),
        rules,
      };
      this.views.set(signature, view);
    }
    return view;
  }

  /**
   * An error as this caller reads it: a message, hint, alternative or field
   * problem naming a tool the caller cannot call loses that mention (see
   * mentions.ts), so the model is never sent to a tool it does not have.
   */
  renderError(principal: Principal, payload: ErrorPayload, calledTool?: string): ErrorPayload {
    const view = this.viewFor(principal);
    // The tool the caller just called may be named (a refusal says which tool is off and why).
    const rules: MentionRules = calledTool && !view.names.has(calledTool) ? { known: view.rules.known, visible: new Set([...view.names, calledTool]) } : view.rules;
    const render = (text: string) => renderMentions(text, rules);
    const out: ErrorPayload = { ...payload, message: render(payload.message) || hideNames(payload.message, rules) };
    if (payload.hint !== undefined) {
      const hint = render(payload.hint);
      if (hint) out.hint = hint;
      else delete out.hint;
    }
    if (payload.alternatives) {
      const alternatives = payload.alternatives.map(render).filter(Boolean);
      if (alternatives.length) out.alternatives = alternatives;
      else delete out.alternatives;
    }
    if (payload.fields) out.fields = payload.fields.map((f) => ({ field: f.field, problem: render(f.problem) || hideNames(f.problem, rules) }));
    return out;
  }

  /** The tools/list answer for a caller. */
  listFor(principal: Principal): ToolListing[] {
    return this.viewFor(principal).list;
  }

  /** The MCP server instructions for a caller: the core's, plus each connector it has tools of. */
  instructionsFor(principal: Principal): string {
    return this.viewFor(principal).instructions;
  }

  /**
   * The tool a caller asked for by name: `tool` when they may call it;
   * `denied` (a permission_denied error naming what is missing) when it is
   * enabled but the caller's role or key does not reach it; undefined when
   * the deployment has no such tool.
   */
  resolve(principal: Principal, name: string): { tool: RegisteredTool; connector: string; denied?: GatewayError } | { tool?: undefined; connector: string; denied: GatewayError } | undefined {
    const tool = this.byName.get(name);
    if (!tool) {
      // Off on this gateway (toolset, access level, read-only): say why and what turns it on.
      const omitted = this.omittedByName.get(name);
      return omitted ? { connector: omitted.connector, denied: offError(name, omitted) } : undefined;
    }
    if (this.viewFor(principal).names.has(name)) return { tool, connector: tool.connector };
    const reason = ToolRegistry.deny(principal, tool);
    return { tool, connector: tool.connector, denied: reason ? denialError(name, tool, reason) : undefined };
  }

  /**
   * True when the `mcp:read` scope of the caller's OAuth token is all that
   * keeps them from this tool: the same call with the `mcp` scope would be
   * allowed, so the client may ask the user for it (MCP step-up).
   */
  blockedOnlyByScope(principal: Principal, name: string): boolean {
    if (!principal.key.readOnlyByScope) return false;
    const tool = this.byName.get(name);
    if (!tool || ToolRegistry.deny(principal, tool)?.kind !== 'key_read_only') return false;
    return ToolRegistry.deny({ user: principal.user, key: { ...principal.key, readOnly: false } }, tool) === undefined;
  }

  /**
   * The same policy for a connector's REST route: the route says what it
   * does (access level, and the toolset whose tools do the same); the
   * deployment's ceilings (`<ID>_ACCESS`, `<ID>_TOOLSETS`,
   * DESKGATE_READ_ONLY) and the caller's role and key limits decide, exactly
   * as for the matching tool. Throws permission_denied naming the reason.
   */
  checkRoute(principal: Principal, connector: string, need: { access: AccessLevel; toolset?: string; minRole?: Role }): void {
    const settings = this.connectorSettings.get(connector);
    if (!settings) throw permissionDenied(`The ${connector} connector is not enabled on this gateway.`, { connector, retryable: false });
    const { common, globalReadOnly } = settings;
    const prefix = envPrefix(connector);
    let reason: HiddenReason | undefined;
    if (need.toolset !== undefined && common.toolsets && !common.toolsets.includes(need.toolset)) {
      reason = { kind: 'toolset', detail: `toolset "${need.toolset}" is not in ${prefix}_TOOLSETS` };
    } else if (globalReadOnly && need.access !== 'read') {
      reason = { kind: 'read_only', detail: 'DESKGATE_READ_ONLY is on' };
    } else if (ACCESS_RANK[need.access] > ACCESS_RANK[common.access]) {
      reason = { kind: 'access', detail: `needs access "${need.access}", ${prefix}_ACCESS is "${common.access}"` };
    } else {
      reason = ToolRegistry.deny(principal, {
        connector,
        // A route without a toolset is connector configuration: key toolset limits allow it only for the whole connector.
        toolset: need.toolset ?? '(configuration)',
        access: need.access,
        minRole: higherRole(common.minRole, need.minRole),
      });
    }
    if (reason) {
      throw permissionDenied(`This ${connector} request is not allowed: ${reason.detail}.`, {
        connector,
        retryable: false,
        hint:
          reason.kind === 'role'
            ? `It needs the ${reason.needed} role in deskgate; ask an admin.`
            : 'The matching tool is refused for the same reason; ask the gateway operator or use a key that allows it.',
      });
    }
  }

  /** Every tool the catalog declares for the enabled connectors, with why a caller does not see it. */
  explain(principal: Principal): ToolExplanation[] {
    const visible = this.tools.map((t) => ({
      name: t.name,
      connector: t.connector,
      toolset: t.toolset,
      access: t.access,
      minRole: t.minRole,
      hidden: ToolRegistry.deny(principal, t),
    }));
    const omitted = this.omitted.map((t) => ({ ...t, hidden: t.reason }));
    return [...visible, ...omitted];
  }
}

function higherRole(a: Role, b: Role | undefined): Role {
  return b !== undefined && roleRank[b] > roleRank[a] ? b : a;
}

function denialError(name: string, tool: Pick<RegisteredTool, 'connector' | 'toolset'>, reason: HiddenReason): GatewayError {
  const { connector, toolset } = tool;
  if (reason.kind === 'role') {
    return permissionDenied(`${name} needs the ${reason.needed} role in deskgate; your key belongs to a user with a lower role.`, {
      connector,
      retryable: false,
      hint: `A deskgate admin can give your user the ${reason.needed} role (PATCH /api/admin/users/{id} with {"role": "${reason.needed}"}); until then use a tool from tools/list.`,
    });
  }
  const change =
    reason.kind === 'key_connectors'
      ? `A key without a connector limit, or with ${connector} in --connectors (API: connectors), may call it`
      : reason.kind === 'key_toolsets'
        ? `A key without a toolset limit, or with ${connector}:${toolset} in --toolsets (API: toolsets), may call it`
        : reason.kind === 'key_read_only'
          ? 'A key created without --read-only (API: read_only false) may call it; with OAuth, sign in again allowing changes (scope mcp)'
          : 'A key that includes it may call it';
  return permissionDenied(`Your API key may not call ${name}: ${reason.detail}.`, {
    connector,
    retryable: false,
    hint: `${change}: a deskgate admin creates one with npx deskgate keys create or POST /api/admin/keys. Until then, use a tool from tools/list.`,
  });
}

/** A listing with its description and input-schema descriptions rendered for the caller (the same object when nothing changed). */
function renderListing(listing: ToolListing, rules: MentionRules): ToolListing {
  const description = listing.description === undefined ? undefined : renderMentions(listing.description, rules);
  const inputSchema = renderSchemaMentions(listing.inputSchema, rules);
  if (description === listing.description && inputSchema === listing.inputSchema) return listing;
  return { ...listing, description, inputSchema };
}

/** Last resort for a text that is nothing but a mention: the hidden names become "another tool". */
function hideNames(text: string, rules: MentionRules): string {
  return text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (name) => (rules.known.has(name) && !rules.visible.has(name) ? 'another tool' : name));
}

/** A call to a tool the deployment turned off: why, and the setting that turns it on. */
function offError(name: string, tool: OmittedTool): GatewayError {
  const prefix = envPrefix(tool.connector);
  const { reason } = tool;
  const change =
    reason.kind === 'toolset'
      ? `An operator turns it on by adding ${tool.toolset} to ${prefix}_TOOLSETS (or ${prefix}_TOOLSETS=all) and restarting deskgate.`
      : reason.kind === 'read_only'
        ? 'An operator turns writes on by unsetting DESKGATE_READ_ONLY and restarting deskgate.'
        : `An operator allows it with ${prefix}_ACCESS=${tool.access} and a restart.`;
  return permissionDenied(`${name} is turned off on this gateway: ${reason.detail}.`, {
    connector: tool.connector,
    retryable: false,
    hint: `${change} Until then, use the tools in tools/list.`,
  });
}
