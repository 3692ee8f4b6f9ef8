/**
 * The Clockify runtime: what every tool handler uses. For B and C, how a
 * tool uses it (`ctx` is the ToolContext; pass it everywhere):
 *
 *   const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);   // CLOCKIFY_WORKSPACE_ID or the key owner's active one
 *   const api = ctx.runtime.api;                                         // main host; `ctx.runtime.reports` for the reports host
 *   const raw = await api.call(ctx, 'GET', `/workspaces/${ws}/tags/${id}`, vendorNamed, { operation: 'get tag' });
 *   const page = await api.list(ctx, `/workspaces/${ws}/tags`, vendorNamed, { operation: 'list tags', query: { archived: false } }, args);
 *     // → { items, next_cursor } for `limit`/`cursor` (paging.ts: limitArg, cursorArg, nextCursorOut)
 *   await api.send(ctx, 'DELETE', path, { operation: 'delete tag' });
 *   const me = await ctx.runtime.me(ctx, ws);                            // "me" (src/identity, CLOCKIFY_ACT_AS): { id, name, email, timeZone }
 *   const { user, actedAs, forOther } = await ctx.runtime.acting(ctx);   // for writes on "my" data: forOther → the for-user endpoints
 *   const tz = me.timeZone;  formatInZone(date, tz); parseTimeInput(text, tz, ctx.runtime.now(), 'start')   (time.ts)
 *   const info = await ctx.runtime.workspace(ctx, ws);                   // { name, forceTasks, currency, … }
 *   const member = await ctx.runtime.member(ctx, ws, userId);            // another member's name, email, time zone (cached users list)
 *   const project = await ctx.runtime.names.resolve(ctx, ws, 'project', 'Acme website', { field: 'project' });
 *   const name = await ctx.runtime.names.nameOf(ctx, ws, 'client', clientId);   ctx.runtime.names.forget(ws, 'tag') after writes
 *   money.ts: toCents(args.amount) / moneyFromVendor(raw.hourlyRate, currency); errors.ts: the mapper (400/501 on DELETE of an
 *   active project/client/task is already precondition_failed with the archive hint).
 *
 * Everything goes through the core's vendor client pool (`pool.for(ctx)`:
 * a caller's personal key, else CLOCKIFY_API_KEY), behind a per-workspace
 * limiter (CLOCKIFY_MAX_RPS). Anything that depends on who calls is cached
 * under `pool.keyOf(ctx)`. POST/PATCH are never re-sent once they may have
 * reached Clockify (the core client's rule).
 */
import { GatewayError } from '../../src/errors';
import { createIdentity, type ActedAs, type ConnectorIdentity } from '../../src/identity/identity';
import type { Logger } from '../../src/observability/logger';
import { toolFactory, type CommonConnectorConfig, type ConnectorServices, type ToolContext } from '../../src/registry/types';
import type { VendorCredential } from '../../src/vendor-http/pool';
import { ClockifyHost, WorkspaceLimiter, type CallContext } from './client';
import { clockifyHosts, type ClockifyConfig } from './config';
import { CONNECTOR, mapClockifyError } from './errors';
import { NameDirectory } from './names';
import { vendorUser, vendorWorkspace, type VendorTimeEntry, type VendorUser, type VendorWorkspace } from './schemas';
import { isKnownTimeZone } from './time';
import { createKey, type RecentCreates } from '../../src/vendor-http/unknown-outcome';
import { vendorPath } from '../../src/vendor-http/path';

export interface ActingUser {
  id: string;
  name: string | null;
  email: string | null;
  /** IANA zone from the user's Clockify settings (UTC when unset or unknown). */
  timeZone: string;
}

export interface WorkspaceInfo {
  id: string;
  name: string | null;
  forceTasks: boolean;
  forceProjects: boolean;
  /** The workspace's default currency (from its currencies, else its hourly rate), e.g. "EUR"; null when Clockify names none (never guessed). */
  currency: string | null;
  raw: VendorWorkspace;
}

/** Context a runtime helper needs: the credential (which key) and the caller (whose email). */
export type RuntimeContext = CallContext & { principal?: ToolContext['principal'] };

export interface ClockifyRuntime {
  config: ClockifyConfig;
  log: Logger;
  /** Main API host (`CLOCKIFY_BASE_URL`). */
  api: ClockifyHost;
  /** Reports host (`CLOCKIFY_REPORTS_BASE_URL`): same keys, limiter, retries and breaker rules. */
  reports: ClockifyHost;
  names: NameDirectory;
  now(): Date;
  /** `explicit` when given, else CLOCKIFY_WORKSPACE_ID, else the key owner's active workspace (looked up once per key). */
  workspaceId(ctx: RuntimeContext, explicit?: string): Promise<string>;
  /** The Clockify user behind the key (GET /user), cached per key. */
  keyOwner(ctx: RuntimeContext): Promise<ActingUser & { activeWorkspace: string | null; raw: VendorUser }>;
  /**
   * "Me" (src/identity): the caller's own Clockify member when matched by
   * email (CLOCKIFY_ACT_AS=caller, the default), else the key's owner; with a
   * personal key, its owner. `ws` is kept for callers; members are matched in
   * the default workspace (Clockify user ids are the same in every workspace).
   */
  me(ctx: RuntimeContext, ws?: string): Promise<ActingUser>;
  /** "Me" with the acted_as to return, and whether it differs from the key's owner (then the for-user endpoints). */
  acting(ctx: RuntimeContext): Promise<{ user: ActingUser; actedAs: ActedAs; forOther: boolean }>;
  /** Who the caller is in Clockify and how calls act (deskgate_whoami). */
  identity: ConnectorIdentity;
  workspace(ctx: RuntimeContext, ws: string): Promise<WorkspaceInfo>;
  /** A workspace member by id (name, email, time zone), from the cached users list; undefined when not a member. */
  member(ctx: RuntimeContext, ws: string, userId: string): Promise<ActingUser | undefined>;
  /** Recent creates, for the 10-minute duplicate guard of time entries. */
  recentEntries: RecentEntries;
  close(): Promise<void>;
}

export const defineTool = toolFactory<ClockifyRuntime>();

const TTL_MS = 10 * 60_000;

function timeZoneOf(user: VendorUser): string {
  const tz = user.settings?.timeZone ?? undefined;
  return tz && isKnownTimeZone(tz) ? tz : 'UTC';
}

function toActing(user: VendorUser): ActingUser {
  return { id: user.id, name: user.name ?? null, email: user.email ?? null, timeZone: timeZoneOf(user) };
}

/**
 * The 10-minute duplicate guard of time entries and the check after an
 * unknown outcome (src/vendor-http/unknown-outcome.ts). The marks are in the
 * gateway's database, so an identical create reaching another worker or
 * replica is checked too; this process keeps its own created entries by id
 * only to answer its own repeats without asking Clockify.
 */
export class RecentEntries {
  private readonly entries = new Map<string, { at: number; entry: VendorTimeEntry }>();
  constructor(
    readonly marks: RecentCreates,
    private readonly now: () => number,
  ) {}

  /** The same entry: the acting Clockify user in the workspace, with the same start, end, description and project. */
  static key(p: { ws: string; userId: string; start: string; end: string | null; description: string; projectId: string | null }) {
    return createKey('clockify time entry', p.ws, p.userId, p.start, p.end, p.description.trim(), p.projectId);
  }

  /** An entry this process created (or found) in the last 10 minutes, by id. */
  cached(entryId: string): VendorTimeEntry | undefined {
    this.prune();
    return this.entries.get(entryId)?.entry;
  }

  remember(entry: VendorTimeEntry) {
    this.prune();
    this.entries.delete(entry.id);
    this.entries.set(entry.id, { at: this.now(), entry });
    if (this.entries.size > 5000) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The entry was edited or deleted: an identical create is a new entry again, on every process. */
  async forget(entryIds: readonly string[]) {
    for (const id of entryIds) this.entries.delete(id);
    await Promise.all(entryIds.map((id) => this.marks.forgetRef(id)));
  }

  private prune() {
    const cutoff = this.now() - 10 * 60_000;
    for (const [id, { at }] of this.entries) {
      if (at >= cutoff) break;
      this.entries.delete(id);
    }
  }
}

class TtlCache<T> {
  private readonly map = new Map<string, { at: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.map.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    value.catch(() => this.map.delete(key));
    this.map.set(key, { at: this.now(), value });
    if (this.map.size > 5000) this.map.delete(this.map.keys().next().value!);
    return value;
  }
}

export function createClockifyRuntime(config: ClockifyConfig, common: CommonConnectorConfig, services: ConnectorServices): ClockifyRuntime {
  const log = services.log.child({ connector: CONNECTOR });
  const hosts = clockifyHosts(config, common.baseUrl);
  const poolOptions = {
    vendorName: 'Clockify',
    timeoutMs: common.timeoutMs,
    sharedSecret: config.apiKey,
    auth: (secret: string) => ({ headers: { 'X-Api-Key': secret } }),
    mapError: mapClockifyError,
  };
  const apiPool = services.vendorClients({ ...poolOptions, baseUrl: hosts.api });
  const reportsPool = services.vendorClients({ ...poolOptions, baseUrl: hosts.reports });
  const limiter = new WorkspaceLimiter(config.maxRps, services.limits);
  const api = new ClockifyHost(apiPool, limiter, common.timeoutMs, log, 'api');
  const reports = new ClockifyHost(reportsPool, limiter, common.timeoutMs, log, 'reports');
  const nowMs = () => runtime.now().getTime();
  const owners = new TtlCache<ActingUser & { activeWorkspace: string | null; raw: VendorUser }>(TTL_MS, nowMs);
  const members = new TtlCache<ActingUser | null>(TTL_MS, nowMs);
  const workspaces = new TtlCache<WorkspaceInfo>(60_000, nowMs);
  const memberLists = new TtlCache<ActingUser[]>(60_000, nowMs);

  const identity = createIdentity({
    connector: CONNECTOR,
    vendor: 'Clockify',
    memberWord: 'workspace member',
    keyOwner: (ctx) => runtime.keyOwner(ctx),
    async findByEmail(ctx, email) {
      const ws = await runtime.workspaceId(ctx);
      const found = await members.get(`${apiPool.keyOf(ctx)}|${ws}|${email}`, async () => {
        const users = await api.all(ctx, vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }), vendorUser, { operation: 'find member by email', query: { email } }, 200);
        const user = users.find((u) => u.email?.trim().toLowerCase() === email);
        return user ? toActing(user) : null;
      });
      return found ?? undefined;
    },
    // An admin's key creates, stops and lists a member's entries through the for-user endpoints.
    actsForMembers: true,
    callerIsMe: config.actAs !== 'key_owner',
    unmatched: config.actAs === 'caller_email' ? 'refuse' : 'owner',
    sharedWrites: common.sharedWrites,
    now: nowMs,
  });

  const runtime: ClockifyRuntime = {
    config,
    log,
    api,
    reports,
    names: new NameDirectory(api, nowMs),
    now: () => new Date(),
    recentEntries: new RecentEntries(services.recentCreates, nowMs),
    keyOwner(ctx) {
      return owners.get(apiPool.keyOf(ctx), async () => {
        const user = await api.call(ctx, 'GET', vendorPath('/user'), vendorUser, { operation: 'get current user' });
        return { ...toActing(user), activeWorkspace: user.activeWorkspace ?? user.defaultWorkspace ?? null, raw: user };
      });
    },
    async workspaceId(ctx, explicit) {
      if (explicit) return explicit;
      if (config.workspaceId) return config.workspaceId;
      const owner = await runtime.keyOwner(ctx);
      if (!owner.activeWorkspace) {
        throw new GatewayError('precondition_failed', 'The Clockify user behind the key has no active workspace.', {
          connector: CONNECTOR,
          hint: 'Pass workspace_id (clockify_list_workspaces lists them), or the operator sets CLOCKIFY_WORKSPACE_ID.',
          alternatives: ['clockify_list_workspaces'],
        });
      }
      return owner.activeWorkspace;
    },
    identity,
    async me(ctx) {
      return (await runtime.acting(ctx)).user;
    },
    async acting(ctx) {
      const { account, actedAs } = await identity.reader(ctx);
      const owner = await runtime.keyOwner(ctx);
      // Clockify always knows the key's owner, so the account is never null here.
      const user = (account ?? owner) as ActingUser;
      return { user, actedAs, forOther: user.id !== owner.id };
    },
    workspace(ctx, ws) {
      return workspaces.get(`${apiPool.keyOf(ctx)}|${ws}`, async () => {
        const raw = await api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}', { workspace_id: ws }), vendorWorkspace, { operation: 'get workspace' });
        const currency =
          raw.currencies?.find((c) => c.isDefault)?.code || raw.hourlyRate?.currency || raw.currencies?.[0]?.code || null;
        return {
          id: raw.id,
          name: raw.name ?? null,
          forceTasks: raw.workspaceSettings?.forceTasks === true,
          forceProjects: raw.workspaceSettings?.forceProjects === true,
          currency,
          raw,
        };
      });
    },
    async member(ctx, ws, userId) {
      const list = await memberLists.get(`${apiPool.keyOf(ctx)}|${ws}`, async () =>
        (await api.all(ctx, vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }), vendorUser, { operation: 'list users' })).map(toActing),
      );
      return list.find((u) => u.id === userId);
    },
    async close() {
      await Promise.all([apiPool.close(), reportsPool.close()]);
    },
  };
  return runtime;
}

export type { VendorCredential };
