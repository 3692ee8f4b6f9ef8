import type { Hono } from 'hono';
import type { z } from 'zod';
import type { AuthUser, Principal, Role } from '../auth/types';
import type { VendorAssumption } from '../doctor/assumptions';
import type { LimitStore } from '../limits/store';
import type { Logger } from '../observability/logger';
import type { Db, Migration } from '../storage/types';
import type { CallDeadline } from '../vendor-http/deadline';
import type { VendorClientPool, VendorClientPoolOptions, VendorCredential } from '../vendor-http/pool';
import type { VendorHttpClient, VendorHttpClientOptions } from '../vendor-http/types';
import type { RecentCreates } from '../vendor-http/unknown-outcome';
import type { ConnectorIdentity } from '../identity/identity';
import type { ToolRegistry } from './registry';

/** `read`: read-only tools; `write`: adds non-destructive writes; `full`: adds destructive tools. */
export type AccessLevel = 'read' | 'write' | 'full';

/**
 * All four MCP annotations, required, so that no tool can forget one.
 * The access level a tool needs is derived from them (see accessOf).
 */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** Everything a handler may use. The actor is `principal.user`, from the API key. */
export interface ToolContext<Runtime = unknown> {
  principal: Principal;
  runtime: Runtime;
  log: Logger;
  requestId: string;
  /** Aborted when the client goes away or the gateway shuts down. */
  signal: AbortSignal;
  /**
   * The caller's own vendor credential, when the core resolved one for this
   * call (see `<ID>_CREDENTIALS`); undefined means the connector's shared
   * key. Handlers never read it: they pass the context to
   * `VendorClientPool.for(ctx)`, which picks the right client.
   */
  credential?: VendorCredential;
  /**
   * The whole call's deadline (`DESKGATE_CALL_TIMEOUT_MS`), set by the core
   * for every tools/call. Pass it on with the signal to every vendor request
   * (`VendorRequest.deadline`) and respect it in any wait of your own (a
   * client-side queue): past it nothing more is sent, and the call ends
   * with `deadline.expired(…)`, which says what was and was not sent.
   */
  deadline?: CallDeadline;
}

export interface ToolDefinition<
  Runtime = unknown,
  Input extends ObjectSchema = ObjectSchema,
  Output extends ObjectSchema = ObjectSchema,
> {
  /** `<connector>_<verb>_<noun>`, snake_case, at most 64 characters. */
  name: string;
  title: string;
  /** For the model: what, when to use it, one example call, side effects, which tool gives the ids. */
  description: string;
  /** Toolset id within the connector (see ConnectorManifest.toolsets). */
  toolset: string;
  /**
   * The lowest role that may see and call this tool, when it needs more than
   * its connector's `<ID>_MIN_ROLE` (acting for another user, changing
   * workspace-wide settings). Enforced by the core with the connector role.
   */
  minRole?: Role;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /**
   * Arguments the audit trail keeps for a call of this tool (src/audit/policy.ts).
   * Unset: derived from the input schema (ids, dates, object names, enum
   * values; never free text or secrets). Set it when that default is wrong.
   */
  auditArgs?: readonly string[];
  /**
   * Arguments this tool had under another name: old name → the argument that
   * took its job. Not listed; a client that cached an old tools/list and
   * sends the old name is read as if it had sent the new one (lists given
   * under both names are joined), so renaming an argument breaks nobody.
   */
  formerArgs?: Readonly<Record<string, string>>;
  /**
   * Does the work and returns the structured result. Throw a GatewayError
   * for anything that fails: one wrapper turns it into the tool result.
   */
  handler: (args: z.infer<Input>, ctx: ToolContext<Runtime>) => Promise<z.infer<Output>>;
}

/** Declares a tool with its types checked; use the connector's bound version (`defineTool<MyRuntime>()`). */
export function toolFactory<Runtime>() {
  return <Input extends ObjectSchema, Output extends ObjectSchema>(
    def: ToolDefinition<Runtime, Input, Output>,
  ): ToolDefinition<Runtime, Input, Output> => def;
}

export interface ToolsetInfo {
  id: string;
  description: string;
  /** On when `<ID>_TOOLSETS` is unset: the everyday jobs. Others need `<ID>_TOOLSETS=all` or a list. */
  default?: boolean;
}

/**
 * The core's users, for connectors that manage people (the help desk's admin
 * endpoints, its demo seed). Implemented by the API-key store.
 */
export interface UserDirectory {
  getUser(id: string): Promise<AuthUser | undefined>;
  findUserByEmail(email: string): Promise<AuthUser | undefined>;
  listUsers(): Promise<AuthUser[]>;
  ensureUser(input: { email: string; name: string; role: Role }): Promise<{ user: AuthUser; created: boolean; roleChanged: boolean }>;
  updateUser(id: string, patch: { name?: string; role?: Role }): Promise<AuthUser | undefined>;
  /** Creates an API key for a user; the secret is returned once. */
  createKey(input: { userId: string; name: string; connectors?: string[]; readOnly?: boolean }): Promise<{ secret: string }>;
}

/** What the core hands a connector when it starts it. */
export interface ConnectorServices {
  db: Db;
  log: Logger;
  users: UserDirectory;
  /** The one vendor HTTP client (undici + retries + breaker), with metrics wired. */
  createHttpClient(options: Omit<VendorHttpClientOptions, 'connector'>): VendorHttpClient;
  /**
   * Vendor clients per credential: the shared env key, or a caller's own
   * linked key. Each credential gets its own client (breaker, connections),
   * so one user's bad key never opens the breaker for everyone.
   */
  vendorClients(options: Omit<VendorClientPoolOptions, 'connector'>): VendorClientPool;
  /**
   * Where the gateway's limits count (src/limits/): a vendor's request budget
   * kept here (`limits.reserve`) holds across every worker and replica on
   * PostgreSQL, and in this process on SQLite.
   */
  limits: LimitStore;
  /**
   * This connector's recent creates (src/vendor-http/unknown-outcome.ts): the
   * marks that make an identical create after an unknown outcome (or within
   * the 10-minute duplicate guard) ask the vendor first. In the database, so
   * every worker and replica sees them.
   */
  recentCreates: RecentCreates;
  /**
   * The gateway around the connector, for core tools that span connectors
   * (deskgate_whoami, the time toolset). Call it inside handlers: it throws
   * until every connector has started and the tool table is built.
   */
  gateway(): GatewayView;
}

/** What a cross-connector tool may see of the running gateway. */
export interface GatewayView {
  /** Enabled connectors in catalog order, with their settings. */
  connectors: { manifest: ConnectorManifest<unknown, unknown>; common: CommonConnectorConfig }[];
  /** Started runtimes by connector id. */
  runtimes: Map<string, unknown>;
  registry: ToolRegistry;
  /**
   * The caller's own vendor key for a connector when its `<ID>_CREDENTIALS`
   * mode uses one (undefined: the shared key), exactly as a tool call of that
   * connector would resolve it; throws like the call would (personal mode, none linked).
   */
  credentialFor(userId: string, connector: string): Promise<VendorCredential | undefined>;
}

export interface HealthResult {
  ok: boolean;
  /** One line for `deskgate doctor` and /readyz, never a secret. */
  detail: string;
}

/**
 * A connector is a folder under connectors/ exporting one manifest. The core
 * reads only this: it never imports a connector's internals.
 */
export interface ConnectorManifest<Config = unknown, Runtime = unknown> {
  /** Lower-case id; also the tool-name prefix and the env prefix (upper-cased). */
  id: string;
  title: string;
  /**
   * Default for `<ID>_MIN_ROLE`, the lowest role that sees the connector's
   * tools: `user` for data each user may see of their own, `staff` for
   * company-wide vendor data (default `staff`).
   */
  minRole?: Role;
  /**
   * Parses this connector's own env variables (e.g. DESKTIME_API_KEY). The
   * generic ones (<ID>_ACCESS, _TOOLSETS, _BASE_URL, _TIMEOUT_MS) are parsed
   * by the core and passed in `common`.
   */
  configSchema: z.ZodType<Config>;
  /** Env variables the connector reads, with a one-line comment each (for .env.example and docs). */
  env: { name: string; description: string; required?: boolean; secret?: boolean }[];
  /** True when the env has what the connector needs (its API key), so it is enabled by default. */
  isConfigured(env: Record<string, string | undefined>): boolean;
  /**
   * A connector built on other connectors (the time toolset): with
   * DESKGATE_CONNECTORS unset it is enabled when at least `atLeast` of
   * `connectors` are (not by `isConfigured`); listed there explicitly, it
   * needs as many of them listed too. deskgate_whoami leaves it out (it is
   * not a system of its own).
   */
  spans?: { connectors: string[]; atLeast: number };
  /** Default base URL for `<ID>_BASE_URL`; undefined for connectors without a vendor. */
  defaultBaseUrl?: string;
  toolsets: ToolsetInfo[];
  /**
   * Facts every one of this connector's tools shares (where ids come from,
   * date and time-zone rules, what the vendor cannot do), said once in the
   * MCP server instructions instead of in each description. Sent only while
   * the connector is enabled and the key may use it; counts toward the
   * model-visible budget (`deskgate tools --budget`).
   */
  instructions?: string;
  tools: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[];
  /**
   * Tools this connector had under another name, merged into one that takes a
   * parameter: old name → the tool that does the job now and the arguments
   * that make it do the old one. A client that cached an old tools/list gets
   * told where the tool went instead of a bare "unknown tool".
   */
  replacedTools?: Record<string, { tool: string; with?: Record<string, unknown> }>;
  /**
   * What the tools assume about the vendor, each with its live check
   * (`deskgate doctor --deep`); required of every connector with a vendor.
   */
  assumptions?: VendorAssumption<Runtime>[];
  migrations?: Migration[];
  start(config: Config, common: CommonConnectorConfig, services: ConnectorServices): Promise<Runtime> | Runtime;
  /**
   * A cheap vendor call with the shared key (`deskgate doctor`), or with one
   * user's linked key when `ctx.credential` is given (`deskgate credentials test`).
   */
  healthCheck(runtime: Runtime, ctx?: { credential?: VendorCredential }): Promise<HealthResult>;
  /** Extra HTTP routes (the help desk's REST API), mounted by the core under /api/<id>. */
  routes?: (runtime: Runtime, deps: RouteDeps) => Hono;
  /**
   * Connector CLI subcommands: `deskgate <id> <command> [args]`, e.g.
   * `deskgate helpdesk seed-demo`. `print` writes a line to stdout.
   */
  commands?: Record<string, ConnectorCommand<Runtime>>;
  stop?(runtime: Runtime): Promise<void>;
  /**
   * Who the caller is in this vendor (src/identity): the runtime's identity
   * service, read by deskgate_whoami and by tools that span connectors.
   */
  identity?(runtime: Runtime): ConnectorIdentity;
  /**
   * The gateway's own tools (`deskgate_*`), not a vendor: always enabled
   * whatever DESKGATE_CONNECTORS says, no `<ID>_*` variables, and listed for
   * every caller whatever the key's connector or toolset limits.
   */
  core?: boolean;
}

export interface ConnectorCommand<Runtime> {
  description: string;
  run(runtime: Runtime, argv: string[], print: (line: string) => void): Promise<void>;
}

/**
 * Whose vendor key a call uses: `shared` the env key only; `personal` only
 * the caller's linked key; `personal_or_shared` theirs when linked, else the
 * env key.
 */
export const CREDENTIAL_MODES = ['shared', 'personal', 'personal_or_shared'] as const;
export type CredentialMode = (typeof CREDENTIAL_MODES)[number];

export interface CommonConnectorConfig {
  access: AccessLevel;
  toolsets: string[] | undefined;
  baseUrl: string | undefined;
  timeoutMs: number;
  /** `<ID>_MIN_ROLE`: the lowest role that sees and calls the connector's tools. */
  minRole: Role;
  /** `<ID>_CREDENTIALS`; always `shared` for connectors without a vendor. */
  credentials: CredentialMode;
  /**
   * `<ID>_SHARED_WRITES`: a caller's own writes (start tracking, log work)
   * that the shared key can make only as its owner are `refuse`d with how to
   * link a personal key (default), or made as the `owner`, saying so.
   */
  sharedWrites?: SharedWrites;
}

export const SHARED_WRITES = ['refuse', 'owner'] as const;
export type SharedWrites = (typeof SHARED_WRITES)[number];

/** What a connector's REST routes get from the core. */
export interface RouteDeps {
  /** Resolves the bearer key of a request; throws GatewayError('unauthenticated') when absent or wrong. */
  authenticate(authorizationHeader: string | undefined): Promise<Principal>;
  /**
   * Authenticates and applies the gateway's one policy to a route of this
   * connector: `access` is what the route does (`read` for GET), `toolset`
   * the toolset whose tools do the same, `minRole` a role it needs beyond
   * the connector's. Throws permission_denied (403) when refused.
   */
  authorize(authorizationHeader: string | undefined, need: { access: AccessLevel; toolset?: string; minRole?: Role }): Promise<Principal>;
  log: Logger;
}

/** The access level a tool needs, from its annotations. */
export function accessOf(annotations: ToolAnnotations): AccessLevel {
  if (annotations.readOnlyHint) return 'read';
  return annotations.destructiveHint ? 'full' : 'write';
}
