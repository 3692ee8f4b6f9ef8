import { monotonicFactory } from 'ulid';
import type { UserDirectory } from '../../../src/registry/types';
import type { Db } from '../../../src/storage/types';

/** What every part of the service layer shares. */
export interface ServiceDeps {
  db: Db;
  users: UserDirectory;
  /** Injected so reopen-window tests need no waiting. */
  now: () => Date;
}

// Monotonic so ids made in the same millisecond still sort in creation order:
// lists page by id.
const nextUlid = monotonicFactory();
export const newId = (): string => nextUlid();

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
export const TRACKING_PATTERN = /^HD-\d{4}-\d{6,}$/i;

/** PostgreSQL returns COUNT(*) and BIGINT as strings; SQLite as numbers. */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
export const bool = (value: unknown): boolean => Number(value) === 1 || value === true;

export const nameKey = (name: string): string => name.trim().toLowerCase();

export const CONNECTOR = 'helpdesk';
