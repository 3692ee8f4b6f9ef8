import type { Migration } from '../../src/storage/types';

/**
 * Same SQL on SQLite and PostgreSQL: TEXT ULIDs, ISO-8601 UTC TEXT times,
 * INTEGER 0/1 flags. Users live in the core's `users` table; the help desk
 * keeps only their ids. Rows are deleted explicitly by the service rather
 * than by cascades, because SQLite enforces foreign keys only when asked.
 */
const schema = `
CREATE TABLE helpdesk_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE helpdesk_group_members (
  group_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX helpdesk_group_members_user ON helpdesk_group_members (user_id);
CREATE TABLE helpdesk_group_scopes (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  type_id TEXT
);
CREATE INDEX helpdesk_group_scopes_group ON helpdesk_group_scopes (group_id);
CREATE TABLE helpdesk_categories (
  id TEXT PRIMARY KEY,
  parent_id TEXT,
  level TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX helpdesk_categories_parent ON helpdesk_categories (parent_id);
CREATE INDEX helpdesk_categories_name ON helpdesk_categories (name_key);
CREATE TABLE helpdesk_statuses (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  system_key TEXT UNIQUE,
  is_active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE helpdesk_tickets (
  id TEXT PRIMARY KEY,
  tracking_number TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  category_id TEXT NOT NULL,
  type_id TEXT,
  item_id TEXT,
  priority TEXT NOT NULL,
  status_id TEXT NOT NULL,
  assignee_id TEXT,
  group_id TEXT,
  submitter_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolved_at TEXT,
  closed_at TEXT
);
CREATE INDEX helpdesk_tickets_status ON helpdesk_tickets (status_id, id);
CREATE INDEX helpdesk_tickets_priority ON helpdesk_tickets (priority, id);
CREATE INDEX helpdesk_tickets_assignee ON helpdesk_tickets (assignee_id, id);
CREATE INDEX helpdesk_tickets_group ON helpdesk_tickets (group_id, id);
CREATE INDEX helpdesk_tickets_submitter ON helpdesk_tickets (submitter_id, id);
CREATE INDEX helpdesk_tickets_category ON helpdesk_tickets (category_id, type_id, id);
CREATE INDEX helpdesk_tickets_type ON helpdesk_tickets (type_id, id);
CREATE INDEX helpdesk_tickets_item ON helpdesk_tickets (item_id, id);
CREATE TABLE helpdesk_replies (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  body TEXT NOT NULL,
  is_internal INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX helpdesk_replies_ticket ON helpdesk_replies (ticket_id, id);
CREATE TABLE helpdesk_status_history (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  from_status_id TEXT,
  to_status_id TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX helpdesk_status_history_ticket ON helpdesk_status_history (ticket_id, id);
CREATE INDEX helpdesk_status_history_to ON helpdesk_status_history (to_status_id);
CREATE INDEX helpdesk_status_history_from ON helpdesk_status_history (from_status_id);
CREATE TABLE helpdesk_ticket_links (
  ticket_id TEXT NOT NULL,
  linked_ticket_id TEXT NOT NULL,
  relation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, linked_ticket_id)
);
CREATE INDEX helpdesk_ticket_links_linked ON helpdesk_ticket_links (linked_ticket_id);
CREATE TABLE helpdesk_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE helpdesk_counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
)`;

/**
 * Text search over subject and description. Both engines index trigrams, so
 * `q` means the same everywhere: every word of it appears, case-insensitively,
 * as a substring. A LIKE scan over 100,000 descriptions is too slow for the
 * list tool's budget. SQLite keeps a trigram FTS5 copy maintained by
 * triggers (one line each, so the statement splitter never cuts a body);
 * PostgreSQL indexes the same expression the query uses with pg_trgm, kept
 * in `public` so that a database with several schemas (tests, or tenants)
 * shares one copy of the extension. pg_trgm is a trusted extension: the
 * database owner may create it without superuser rights.
 */
const search: Migration['sql'] = {
  sqlite: `
CREATE VIRTUAL TABLE helpdesk_ticket_search USING fts5(ticket_id UNINDEXED, subject, description, tokenize = 'trigram');
INSERT INTO helpdesk_ticket_search (ticket_id, subject, description) SELECT id, subject, description FROM helpdesk_tickets;
CREATE TRIGGER helpdesk_ticket_search_insert AFTER INSERT ON helpdesk_tickets BEGIN INSERT INTO helpdesk_ticket_search (ticket_id, subject, description) VALUES (new.id, new.subject, new.description); END;
CREATE TRIGGER helpdesk_ticket_search_update AFTER UPDATE OF subject, description ON helpdesk_tickets BEGIN UPDATE helpdesk_ticket_search SET subject = new.subject, description = new.description WHERE ticket_id = old.id; END;
CREATE TRIGGER helpdesk_ticket_search_delete AFTER DELETE ON helpdesk_tickets BEGIN DELETE FROM helpdesk_ticket_search WHERE ticket_id = old.id; END`,
  postgres: `
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX helpdesk_tickets_search_trgm ON helpdesk_tickets USING gin ((subject || ' ' || description) public.gin_trgm_ops)`,
};

/** Id of the starter category, the same on every install. */
export const GENERAL_CATEGORY_ID = '00000000000000000000000001';

/**
 * A fresh install gets one category, "General", so a user can file a ticket
 * before an admin designs the tree (create_ticket needs a category). Only
 * when there is no category at all: an upgraded help desk keeps its tree as
 * it is, and an admin may rename or deactivate General like any other.
 * Migrations run once per database, under the migration lock.
 */
const generalCategory: Migration['sql'] = {
  sqlite: `
INSERT INTO helpdesk_categories (id, parent_id, level, name, name_key, is_active, created_at)
SELECT '${GENERAL_CATEGORY_ID}', NULL, 'category', 'General', 'general', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE NOT EXISTS (SELECT 1 FROM helpdesk_categories)`,
  postgres: `
INSERT INTO helpdesk_categories (id, parent_id, level, name, name_key, is_active, created_at)
SELECT '${GENERAL_CATEGORY_ID}', NULL, 'category', 'General', 'general', 1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
WHERE NOT EXISTS (SELECT 1 FROM helpdesk_categories)`,
};

export const helpdeskMigrations: Migration[] = [
  { id: 'helpdesk/001_schema', sql: schema },
  { id: 'helpdesk/002_search', sql: search },
  { id: 'helpdesk/003_general_category', sql: generalCategory },
];
