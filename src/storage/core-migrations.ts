import type { Migration } from './types';

/**
 * The core schema: people and their API keys. Ids are ULIDs, times are
 * ISO-8601 UTC text (sortable and identical on both engines), emails are
 * stored lower-cased so UNIQUE means case-insensitively unique.
 */
export const coreMigrations: Migration[] = [
  {
    id: 'core/001_users',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'staff', 'admin')),
  created_at TEXT NOT NULL
);
`,
  },
  {
    id: 'core/002_api_keys',
    sql: `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  connectors TEXT NULL,
  read_only INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  revoked_at TEXT NULL,
  last_used_at TEXT NULL
);
CREATE INDEX api_keys_user_id ON api_keys (user_id);
`,
  },
];
