import { ulid } from 'ulid';
import type { Db } from '../storage/types';
import { claimClient, deleteGrantArtefacts } from './adapter';

/** One approval: a user (through one of their keys, or the identity provider) let a client act for them. */
export interface GrantRecord {
  id: string;
  userId: string;
  /** The API key used at sign-in (its role, connectors and read-only flag apply); undefined for identity-provider sign-in. */
  keyId: string | undefined;
  clientId: string;
  clientName: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | undefined;
  revokedAt: string | undefined;
}

export interface GrantListing extends GrantRecord {
  userEmail: string;
}

interface GrantRow {
  id: string;
  user_id: string;
  key_id: string | null;
  client_id: string;
  client_name: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 'g.id, g.user_id, g.key_id, g.client_id, g.client_name, g.scopes, g.created_at, g.last_used_at, g.revoked_at';
const LAST_USED_RESOLUTION_MS = 60_000;

function toGrant(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    userId: row.user_id,
    keyId: row.key_id ?? undefined,
    clientId: row.client_id,
    clientName: row.client_name,
    scopes: row.scopes.split(' ').filter(Boolean),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  };
}

function parseRedirects(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((uri): uri is string => typeof uri === 'string') : [];
  } catch {
    return [];
  }
}

/** Our record of OAuth grants, beside oidc-provider's own Grant artefacts. */
export function createGrantStore(db: Db) {
  const lastWritten = new Map<string, number>();

  /**
   * Records an approval, for the redirect URI the consent page named (added
   * to those the grant was approved for before); the client it names is
   * then kept for good (unapproved registrations expire).
   */
  async function record(input: Omit<GrantRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'> & { redirectUri?: string }): Promise<void> {
    await db.transaction(async (tx) => {
      const existing = await tx.get<{ redirect_uris: string | null }>('SELECT redirect_uris FROM oauth_grants WHERE id = ?', [input.id]);
      const redirects = new Set(parseRedirects(existing?.redirect_uris ?? null));
      if (input.redirectUri) redirects.add(input.redirectUri);
      await tx.run(
        `INSERT INTO oauth_grants (id, user_id, key_id, client_id, client_name, scopes, redirect_uris, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET scopes = excluded.scopes, client_name = excluded.client_name, redirect_uris = excluded.redirect_uris`,
        [input.id, input.userId, input.keyId ?? null, input.clientId, input.clientName, input.scopes.join(' '), JSON.stringify([...redirects]), new Date().toISOString()],
      );
      await claimClient(tx, input.clientId);
    });
  }

  /** Whether the user approved this grant for this exact redirect URI (a grant from before redirects were recorded has none). */
  async function approvedFor(id: string, redirectUri: string): Promise<boolean> {
    const row = await db.get<{ redirect_uris: string | null }>('SELECT redirect_uris FROM oauth_grants WHERE id = ? AND revoked_at IS NULL', [id]);
    return row ? parseRedirects(row.redirect_uris).includes(redirectUri) : false;
  }

  async function get(id: string): Promise<GrantRecord | undefined> {
    const row = await db.get<GrantRow>(`SELECT ${COLUMNS} FROM oauth_grants g WHERE g.id = ?`, [id]);
    return row && toGrant(row);
  }

  /** Not revoked, and oidc-provider's own grant row is there and unexpired (a grant lapses with its last refresh token, adapter.ts). */
  const ACTIVE = "g.revoked_at IS NULL AND EXISTS (SELECT 1 FROM oauth_store s WHERE s.model = 'Grant' AND s.id = g.id AND (s.expires_at IS NULL OR s.expires_at > ?))";

  /** Whether a grant is active: what list shows and what can still be revoked. */
  async function isActive(id: string): Promise<boolean> {
    return (await db.get(`SELECT 1 AS one FROM oauth_grants g WHERE g.id = ? AND ${ACTIVE}`, [id, Date.now()])) !== undefined;
  }

  /** Active grants (not revoked, not lapsed), newest first; optionally one user's (by email or id). */
  async function list(filter: { email?: string; userId?: string } = {}): Promise<GrantListing[]> {
    const where = [ACTIVE];
    const params: (string | number)[] = [Date.now()];
    if (filter.email) {
      where.push('u.email = ?');
      params.push(filter.email.trim().toLowerCase());
    }
    if (filter.userId) {
      where.push('g.user_id = ?');
      params.push(filter.userId);
    }
    const rows = await db.all<GrantRow & { user_email: string }>(
      `SELECT ${COLUMNS}, u.email AS user_email FROM oauth_grants g JOIN users u ON u.id = g.user_id
        WHERE ${where.join(' AND ')} ORDER BY g.created_at DESC, g.id DESC`,
      params,
    );
    return rows.map((row) => ({ ...toGrant(row), userEmail: row.user_email }));
  }

  /**
   * Revokes a grant: marks it, and deletes every code and token issued under
   * it, so the client's next call is refused. False when unknown or already revoked.
   */
  async function revoke(id: string): Promise<boolean> {
    const { changes } = await db.run('UPDATE oauth_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
      new Date().toISOString(),
      id,
    ]);
    await deleteGrantArtefacts(db, id);
    return changes > 0;
  }

  /** Records use at most once a minute per grant, outside the caller's request. */
  function touch(id: string): void {
    const at = Date.now();
    if (at - (lastWritten.get(id) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    lastWritten.set(id, at);
    if (lastWritten.size > 10_000) lastWritten.clear();
    setImmediate(() => {
      db.run('UPDATE oauth_grants SET last_used_at = ? WHERE id = ?', [new Date(at).toISOString(), id]).catch(() => undefined);
    });
  }

  return { record, approvedFor, get, isActive, list, revoke, touch, newId: () => ulid() };
}

export type GrantStore = ReturnType<typeof createGrantStore>;
