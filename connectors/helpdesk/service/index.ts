import type { UserDirectory } from '../../../src/registry/types';
import type { Db } from '../../../src/storage/types';
import { Catalog } from './catalog';
import type { ServiceDeps } from './common';
import { Groups } from './groups';
import { Settings } from './settings';
import { Tickets } from './tickets';
import { createDbRecentCreates, type RecentCreates } from '../../../src/vendor-http/unknown-outcome';

/**
 * The help desk's one service layer. MCP tools and REST routes both call it
 * with the API key's user as the actor; no permission check lives anywhere else.
 */
export interface HelpdeskService {
  catalog: Catalog;
  settings: Settings;
  groups: Groups;
  tickets: Tickets;
  /** Ticket creates whose answer may not have reached the caller, in the database: seen by every process (src/vendor-http/unknown-outcome.ts). */
  unknownCreates: RecentCreates;
  /** The service's clock (tests fix it). */
  now: () => Date;
}

export function createHelpdeskService(input: { db: Db; users: UserDirectory; now?: () => Date; recentCreates?: RecentCreates }): HelpdeskService {
  const deps: ServiceDeps = { db: input.db, users: input.users, now: input.now ?? (() => new Date()) };
  const catalog = new Catalog(deps);
  const settings = new Settings(deps, catalog);
  const groups = new Groups(deps, catalog);
  const tickets = new Tickets(deps, catalog, settings, groups);
  return { catalog, settings, groups, tickets, unknownCreates: input.recentCreates ?? createDbRecentCreates(input.db, 'helpdesk'), now: deps.now };
}
