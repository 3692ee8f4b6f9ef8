import type { Logger } from '../../src/observability/logger';
import { toolFactory, type GatewayView, type ToolContext, type UserDirectory } from '../../src/registry/types';
import type { TimeConfig } from './config';
import { createKey, type RecentCreates } from '../../src/vendor-http/unknown-outcome';

/**
 * The time toolset's runtime: no vendor of its own. Its tools reach the
 * other connectors through the running gateway (their runtimes, identity
 * services and the caller's credentials, see systems.ts), never through MCP
 * round-trips, and people through the deskgate users (people.ts).
 */
export interface TimeRuntime {
  config: TimeConfig;
  gateway: () => GatewayView;
  /** deskgate's users: the help desk's people, matched by email elsewhere. */
  users: UserDirectory;
  log: Logger;
  /** The clock "today" and "45m ago" are read from; tests replace it. */
  now: () => Date;
  /** The intervals recent time_log_for_ticket calls were read as, shared by every process. */
  recent: RecentLogs;
}

export type TimeContext = ToolContext<TimeRuntime>;

export const defineTool = toolFactory<TimeRuntime>();

/**
 * What a call remembers for 10 minutes under its fingerprint (the caller's
 * words, resolved): the interval "45m" was read as, so that the same call
 * again, on any worker or replica, is the same create to the vendor's guards.
 * Kept in the database (src/vendor-http/unknown-outcome.ts) under a hash of
 * the fingerprint; the value is instants, never the caller's text.
 */
export class RecentLogs {
  constructor(private readonly store: RecentCreates) {}

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.store.recall(createKey('time_log_for_ticket', key));
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  async set(key: string, value: unknown) {
    await this.store.remember(createKey('time_log_for_ticket', key), JSON.stringify(value));
  }

  async delete(key: string) {
    await this.store.clear(createKey('time_log_for_ticket', key));
  }
}
