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
  {
    id: 'core/003_key_toolsets',
    sql: `
ALTER TABLE api_keys ADD COLUMN toolsets TEXT NULL;
`,
  },
  {
    // One counter bumped by every change that must reach all workers and
    // replicas at once (key revoked, role changed, credential linked); each
    // process re-checks it at most every half second while serving.
    id: 'core/004_auth_version',
    sql: `
CREATE TABLE auth_version (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO auth_version (id, version) VALUES (1, 0);
`,
  },
  {
    id: 'core/005_vendor_credentials',
    sql: `
CREATE TABLE vendor_credentials (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  connector TEXT NOT NULL,
  secret_encrypted TEXT NOT NULL,
  last4 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NULL,
  UNIQUE (user_id, connector)
);
`,
  },
  /*
   * OAuth 2.1 sign-in (src/oauth/): everything the embedded authorization
   * server stores lives here, so every replica sharing the database shares it.
   * `oauth_store` holds oidc-provider's artefacts (clients, grants, codes,
   * tokens, sessions, interactions) as JSON, one row per model and id;
   * `oauth_grants` is our own record of who approved what with which key (for
   * `deskgate grants list|revoke` and the per-call check); `oauth_secrets`
   * keeps the signing key and cookie keys, created once by whichever replica
   * starts first. Times in `oauth_store` are epoch milliseconds (BIGINT) so
   * expiry is a plain comparison.
   */
  {
    id: 'core/oauth_001_store',
    sql: `
CREATE TABLE oauth_store (
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  payload TEXT NOT NULL,
  grant_id TEXT NULL,
  uid TEXT NULL,
  user_code TEXT NULL,
  expires_at BIGINT NULL,
  PRIMARY KEY (model, id)
);
CREATE INDEX oauth_store_grant_id ON oauth_store (grant_id);
CREATE INDEX oauth_store_uid ON oauth_store (uid);
CREATE INDEX oauth_store_expires_at ON oauth_store (expires_at);
`,
  },
  {
    id: 'core/oauth_002_grants',
    sql: `
CREATE TABLE oauth_grants (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  key_id TEXT NULL REFERENCES api_keys(id),
  client_id TEXT NOT NULL,
  client_name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NULL,
  revoked_at TEXT NULL
);
CREATE INDEX oauth_grants_user_id ON oauth_grants (user_id);
CREATE TABLE oauth_secrets (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
  },
  {
    // A code or refresh token is used once: `consumed_at` is set by one
    // conditional UPDATE (WHERE consumed_at IS NULL), so of two replicas
    // redeeming it at the same moment exactly one wins (adapter.ts consume).
    id: 'core/oauth_003_consumed_at',
    sql: `
ALTER TABLE oauth_store ADD COLUMN consumed_at BIGINT NULL;
`,
  },
  {
    // Consent is for the redirect URI it was shown for: the URIs a grant was
    // approved for (a JSON array); a new one asks again (provider.ts).
    id: 'core/oauth_004_grant_redirects',
    sql: `
ALTER TABLE oauth_grants ADD COLUMN redirect_uris TEXT NULL;
`,
  },
  {
    // The audit trail (src/audit/log.ts). JSON columns are TEXT; ids are ULIDs, so id order is time order.
    id: 'core/audit_001_events',
    sql: `
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  user_id TEXT NULL,
  user_email TEXT NULL,
  key_id TEXT NULL,
  client_id TEXT NULL,
  connector TEXT NULL,
  targets TEXT NULL,
  args TEXT NULL,
  acted_as TEXT NULL,
  duration_ms REAL NULL,
  request_id TEXT NULL,
  address TEXT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_user_id ON audit_events (user_id);
CREATE INDEX audit_events_action ON audit_events (action);
`,
  },
  {
    // Limits shared by every worker and replica on PostgreSQL (src/limits/postgres.ts).
    // UNLOGGED: counts are not worth a WAL write; a crash only forgives what was counted.
    // SQLite keeps limits in each process's memory (src/limits/store.ts), so it gets no tables.
    id: 'core/limits_001_shared',
    sql: {
      sqlite: `SELECT 1`,
      postgres: `
CREATE UNLOGGED TABLE limit_buckets (
  bucket TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  at_ms DOUBLE PRECISION NOT NULL,
  full_ms DOUBLE PRECISION NOT NULL,
  ok INTEGER NOT NULL
);
CREATE UNLOGGED TABLE limit_slots (
  bucket TEXT NOT NULL,
  slot INTEGER NOT NULL,
  holder TEXT NOT NULL,
  expires_ms DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (bucket, slot)
);
CREATE UNLOGGED TABLE limit_events (
  bucket TEXT NOT NULL,
  at_ms DOUBLE PRECISION NOT NULL,
  expires_ms DOUBLE PRECISION NOT NULL
);
CREATE INDEX limit_events_bucket_at ON limit_events (bucket, at_ms);
CREATE UNLOGGED TABLE limit_paces (
  bucket TEXT PRIMARY KEY,
  next_ms DOUBLE PRECISION NOT NULL
);
`,
    },
  },
  {
    // A vendor's request budget checked at the moment of sending (src/limits/postgres.ts admit):
    // each bucket's last few send times, so no window ever holds more than the budget.
    id: 'core/limits_002_sends',
    sql: {
      sqlite: `SELECT 1`,
      postgres: `
CREATE UNLOGGED TABLE limit_sends (
  bucket TEXT PRIMARY KEY,
  sends DOUBLE PRECISION[] NOT NULL,
  last_ms DOUBLE PRECISION NOT NULL
);
`,
    },
  },
  {
    // Creates whose outcome is unknown, and the 10-minute duplicate guard (src/vendor-http/unknown-outcome.ts):
    // on both engines, so a retry reaching another worker or replica is checked. A logged table on PostgreSQL:
    // a mark lost in a crash is a possible double-booking, and writes are one per create.
    // create_key is a SHA-256 (never the create's text); ref is the vendor record's id.
    id: 'core/recent_creates_001',
    sql: `
CREATE TABLE recent_creates (
  create_key TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  state TEXT NOT NULL,
  ref TEXT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX recent_creates_expires ON recent_creates (expires_ms);
CREATE INDEX recent_creates_ref ON recent_creates (scope, ref);
`,
  },
];
