import type { ConnectorIdentity } from '../../src/identity/identity';
import type { Logger } from '../../src/observability/logger';
import { createIdentity } from '../../src/identity/identity';
import { createMemoryRecentCreates, type RecentCreates } from '../../src/vendor-http/unknown-outcome';
import { toolFactory, type SharedWrites, type ToolContext } from '../../src/registry/types';
import { userByEmail } from './organization';
import type { VendorClientPool } from '../../src/vendor-http/pool';

/**
 * Data that depends on who calls (item types, statuses, project and user
 * names of the organization behind a key) is cached under `pool.keyOf(ctx)`,
 * so a personal key never sees another organization's names. Short TTLs:
 * an admin's rename shows up within minutes. A failed load is not cached.
 */
export class TtlCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 2_000,
  ) {}

  remember<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear() {
    this.entries.clear();
  }
}

export interface OnedeskRuntime {
  /** One vendor client per credential (shared ONEDESK_API_KEY or a caller's own key). */
  pool: VendorClientPool;
  log: Logger;
  cache: TtlCache;
  /** Rows per filter request (ONEDESK_PAGE_SIZE). */
  pageSize: number;
  /**
   * Filter properties OneDesk reported it did not apply (or refused by name)
   * since start: later lists that need one are refused before any request,
   * and `deskgate doctor` lists them.
   */
  unsupportedFilters: Set<string>;
  /** The clock day words ("yesterday") are read from; tests replace it. */
  now: () => Date;
  /**
   * Who the caller is in OneDesk (src/identity): the user with their email.
   * OneDesk cannot say who owns a key, so the shared key acts as an unknown
   * owner: a matched caller's own worklogs are refused (link your own key),
   * unless ONEDESK_SHARED_WRITES=owner.
   */
  identity: ConnectorIdentity;
  /** Creates (worklogs) whose outcome is unknown, in the database: the next identical one, on any process, asks OneDesk first (src/vendor-http/unknown-outcome.ts). */
  unknownCreates: RecentCreates;
}

export type OnedeskContext = ToolContext<OnedeskRuntime>;

export const defineTool = toolFactory<OnedeskRuntime>();

export function createOnedeskRuntime(
  pool: VendorClientPool,
  log: Logger,
  options: { pageSize?: number; sharedWrites?: SharedWrites; recentCreates?: RecentCreates } = {},
): OnedeskRuntime {
  const runtime: OnedeskRuntime = {
    pool,
    log,
    cache: new TtlCache(),
    pageSize: options.pageSize ?? 20,
    unsupportedFilters: new Set(),
    now: () => new Date(),
    unknownCreates: options.recentCreates ?? createMemoryRecentCreates(),
    identity: createIdentity({
      connector: 'onedesk',
      vendor: 'OneDesk',
      memberWord: 'user',
      // The Public API has no "who am I" call.
      keyOwner: async () => undefined,
      ownerUnknown: "OneDesk's Public API has no call that names the user behind an API key.",
      async findByEmail(ctx, email) {
        const found = await userByEmail({ ...ctx, runtime } as OnedeskContext, email);
        if (!found) return undefined;
        const id = found.external_id ?? (found.id === null ? null : String(found.id));
        return id === null ? undefined : { id, name: found.name, email: found.email };
      },
      actsForMembers: false,
      sharedWrites: options.sharedWrites,
    }),
  };
  return runtime;
}
