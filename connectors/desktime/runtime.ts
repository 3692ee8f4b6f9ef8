import type { Logger } from '../../src/observability/logger';
import { toolFactory } from '../../src/registry/types';
import type { DesktimeClient } from './client';
import { isKnownTimeZone, resolveDay, type DayOptions } from './dates';
import type { VendorCompany } from './schemas';

/** The company's zone rarely changes; an hour keeps "today" right after an edit without a call per tool. */
const TIME_ZONE_TTL_MS = 60 * 60 * 1000;

export interface KeyOwner {
  id: number;
  name: string | null;
}

export interface DesktimeRuntime {
  client: DesktimeClient;
  log: Logger;
  /** The clock "today" is read from; tests replace it. */
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

export const defineTool = toolFactory<DesktimeRuntime>();

export function createDesktimeRuntime(client: DesktimeClient, log: Logger, now: () => Date = () => new Date()): DesktimeRuntime {
  let zone: { value: string; fetchedAt: number } | undefined;
  let zoneInFlight: Promise<string> | undefined;
  let owner: Promise<KeyOwner> | undefined;

  const runtime: DesktimeRuntime = {
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
    async resolveDay(input, options) {
      const keyword = input?.trim().toLowerCase();
      const needsZone = keyword === undefined || keyword === 'today' || keyword === 'yesterday';
      const timeZone = needsZone ? await runtime.companyTimeZone() : 'UTC';
      return resolveDay(input, timeZone, runtime.now(), options);
    },
    keyOwner() {
      owner ??= client.employee('full', {}).then(
        (employee) => ({ id: employee.id, name: employee.name ?? null }),
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
