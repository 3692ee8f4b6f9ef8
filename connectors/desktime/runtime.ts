import { createIdentity, type ConnectorIdentity } from '../../src/identity/identity';
import type { Logger } from '../../src/observability/logger';
import { toolFactory, type SharedWrites } from '../../src/registry/types';
import type { VendorClientPool, VendorCredential } from '../../src/vendor-http/pool';
import type { VendorHttpClient } from '../../src/vendor-http/types';
import { DesktimeClient } from './client';
import { isCalendarDay, isKnownTimeZone, resolveDay } from '../../src/format/dates';
import { employeeDays } from './format';
import type { VendorCompany } from './schemas';

export interface DayOptions {
  field?: string;
  /** Whether the tool can answer a whole month (desktime_list_employees with period "month"). */
  monthAvailable?: string;
}

/** The company's zone rarely changes; an hour keeps "today" right after an edit without a call per tool. */
const TIME_ZONE_TTL_MS = 60 * 60 * 1000;

export interface KeyOwner {
  id: number;
  name: string | null;
  email: string | null;
}

/**
 * What one DeskTime key sees: its client, its company's zone and its owner.
 * The gateway's shared key and each user's linked key get their own, so a
 * user's "start tracking" runs as that user and caches never cross keys.
 */
export interface DesktimeCaller {
  client: DesktimeClient;
  log: Logger;
  /** The clock "today" is read from (the runtime's, which tests replace). */
  now: () => Date;
  /** IANA zone from the company details (UTC if DeskTime gives none Node knows), cached. */
  companyTimeZone(): Promise<string>;
  /** Records details fetched anyway (desktime_get_account) so the next "today" needs no call. */
  rememberCompany(company: VendorCompany): void;
  /** One day in the company's zone; only `today`, `yesterday` or no date need the zone. */
  resolveDay(input: string | undefined, options?: DayOptions): Promise<string>;
  /** The DeskTime employee who owns the API key: the only one start and stop can act on. Cached. */
  keyOwner(): Promise<KeyOwner>;
}

export interface DesktimeRuntime {
  pool: VendorClientPool;
  log: Logger;
  /** The clock "today" is read from; tests replace it. */
  now: () => Date;
  /** The DeskTime view of the caller's key (their own when linked, else the shared one). */
  forCaller(ctx: { credential?: VendorCredential }): DesktimeCaller;
  /**
   * Who the caller is in DeskTime (src/identity): the employee with their
   * email. "My" reads read that employee's day; start and stop act only as
   * the key's owner, so a caller who is another employee is refused (or,
   * under DESKTIME_SHARED_WRITES=owner, tracks the owner, saying so).
   */
  identity: ConnectorIdentity;
}

export const defineTool = toolFactory<DesktimeRuntime>();

/** Callers remembered at once; past it the least recently used is forgotten (its client stays in the pool). */
const MAX_CALLERS = 512;

export function createDesktimeRuntime(
  pool: VendorClientPool,
  log: Logger,
  now: () => Date = () => new Date(),
  options: { sharedWrites?: SharedWrites } = {},
): DesktimeRuntime {
  const callers = new Map<string, { client: VendorHttpClient; caller: DesktimeCaller }>();
  const runtime: DesktimeRuntime = {
    pool,
    log,
    now,
    identity: createIdentity({
      connector: 'desktime',
      vendor: 'DeskTime',
      memberWord: 'employee',
      async keyOwner(ctx) {
        const owner = await runtime.forCaller(ctx).keyOwner();
        return { id: String(owner.id), name: owner.name, email: owner.email };
      },
      async findByEmail(ctx, email) {
        // Today's employee list (the company zone's today) holds every employee with their email.
        const caller = runtime.forCaller(ctx);
        const date = await caller.resolveDay('today');
        const answer = await caller.client.employees({ date, period: 'day' }, { signal: ctx.signal });
        for (const { rows } of employeeDays(answer)) {
          // A row whose id could not be read (tolerant reader) is nobody to act as.
          const found = rows.find((r) => r.id !== null && r.email?.trim().toLowerCase() === email);
          if (found) return { id: String(found.id), name: found.name ?? null, email: found.email ?? null };
        }
        return undefined;
      },
      // DeskTime's start and stop act on the key's owner only.
      actsForMembers: false,
      sharedWrites: options.sharedWrites,
      now: () => runtime.now().getTime(),
    }),
    forCaller(ctx) {
      const key = pool.keyOf(ctx);
      const http = pool.for(ctx);
      const known = callers.get(key);
      if (known && known.client === http) return known.caller;
      const caller = createCaller(new DesktimeClient(http, log), log, () => runtime.now());
      callers.delete(key);
      callers.set(key, { client: http, caller });
      if (callers.size > MAX_CALLERS) callers.delete(callers.keys().next().value as string);
      return caller;
    },
  };
  return runtime;
}

function createCaller(client: DesktimeClient, log: Logger, now: () => Date): DesktimeCaller {
  let zone: { value: string; fetchedAt: number } | undefined;
  let zoneInFlight: Promise<string> | undefined;
  let owner: Promise<KeyOwner> | undefined;

  const runtime: DesktimeCaller = {
    client,
    log,
    now,
    rememberCompany(company) {
      const identifier = company.timezone_identifier;
      let value = 'UTC';
      if (identifier && isKnownTimeZone(identifier)) value = identifier;
      else log.warn({ connector: 'desktime' }, 'DeskTime company has no usable time zone; days are resolved in UTC');
      zone = { value, fetchedAt: runtime.now().getTime() };
    },
    async companyTimeZone() {
      if (zone && runtime.now().getTime() - zone.fetchedAt < TIME_ZONE_TTL_MS) return zone.value;
      // Concurrent tool calls share one fetch; a failed fetch is not remembered.
      zoneInFlight ??= client
        .company()
        .then((company) => {
          runtime.rememberCompany(company);
          return zone?.value ?? 'UTC';
        })
        .finally(() => {
          zoneInFlight = undefined;
        });
      return zoneInFlight;
    },
    async resolveDay(input, options = {}) {
      const text = (input ?? 'today').trim();
      const perMonth = options.monthAvailable ? ` or ${options.monthAvailable}` : '';
      const read = (timeZone: string) =>
        resolveDay(text, {
          timeZone,
          now: runtime.now(),
          field: options.field ?? 'date',
          connector: 'desktime',
          rangeHint: `DeskTime has no date ranges: call this tool once per day in the range${perMonth}.`,
        });
      // Refuses a range or a non-date before DeskTime is asked for the zone; an ISO day needs no zone,
      // words ("yesterday", "monday") are read in the company's.
      const checked = read('UTC');
      return isCalendarDay(text) ? checked : read(await runtime.companyTimeZone());
    },
    keyOwner() {
      owner ??= client.employee('full', {}).then(
        (employee) => ({ id: employee.id, name: employee.name ?? null, email: employee.email ?? null }),
        (error: unknown) => {
          owner = undefined;
          throw error;
        },
      );
      return owner;
    },
  };
  return runtime;
}
