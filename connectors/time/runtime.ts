import type { Logger } from '../../src/observability/logger';
import { toolFactory, type GatewayView, type ToolContext, type UserDirectory } from '../../src/registry/types';
import type { TimeConfig } from './config';

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
  /** Recent time_log_for_ticket calls, for the 10-minute repeat guard. */
  recent: RecentLogs;
}

export type TimeContext = ToolContext<TimeRuntime>;

export const defineTool = toolFactory<TimeRuntime>();

/** What a call remembers for 10 minutes under its fingerprint (the caller's words, resolved). */
export class RecentLogs {
  private readonly entries = new Map<string, { at: number; value: unknown }>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  get<T>(key: string): T | undefined {
    this.prune();
    return this.entries.get(key)?.value as T | undefined;
  }

  set(key: string, value: unknown) {
    this.prune();
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    if (this.entries.size > 5000) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  private prune() {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, { at }] of this.entries) {
      if (at >= cutoff) break;
      this.entries.delete(key);
    }
  }
}
