import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db, Queryable } from '../storage/types';

interface StoreRow {
  payload: string;
  expires_at: number | string | null;
  consumed_at?: number | string | null;
}

/** Models whose rows carry a grant id, so one DELETE revokes a whole grant's family. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'ClientCredentials',
  'BackchannelAuthenticationRequest',
]);

/**
 * oidc-provider's storage interface over our database (SQLite or
 * PostgreSQL), so every replica sees the same clients, codes, tokens and
 * grants. One table, keyed by model name and id; the payload is the JSON
 * oidc-provider hands us. Expired rows read as absent and are swept by
 * `sweepExpired`.
 *
 * Clients come from open registration, so anyone can make one: a new client
 * expires after `unclaimedClientTtlMs` unless someone approves it first
 * (`claimClient` removes the expiry), and re-registering never extends it.
 *
 * A grant lives as long as its newest refresh token: each one issued carries
 * the grant's expiry forward, so an app in use stays connected and an idle
 * one lapses with its last refresh token (oidc-provider alone would end
 * every grant its fixed TTL after consent, in use or not).
 */
export class DbAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly model: string,
    private readonly options: { unclaimedClientTtlMs?: number } = {},
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.model === 'Client') return this.upsertClient(id, payload);
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
    const grantId = GRANTABLE.has(this.model) || this.model === 'Grant' ? (payload.grantId ?? null) : null;
    await this.db.run(
      `INSERT INTO oauth_store (model, id, payload, grant_id, uid, user_code, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
      [this.model, id, JSON.stringify(payload), grantId, payload.uid ?? null, payload.userCode ?? null, expiresAt],
    );
    if (this.model === 'RefreshToken' && grantId && expiresAt !== null) await this.extendGrant(grantId, expiresAt);
  }

  /** Moves a live grant's expiry (row and payload `exp`, which oidc-provider checks) out to `until`, never in. */
  private async extendGrant(grantId: string, until: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await tx.get<StoreRow>("SELECT payload, expires_at FROM oauth_store WHERE model = 'Grant' AND id = ?", [grantId]);
      if (!row || row.expires_at === null) return;
      const current = Number(row.expires_at);
      if (current <= Date.now() || current >= until) return;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      payload.exp = Math.floor(until / 1000);
      await tx.run("UPDATE oauth_store SET payload = ?, expires_at = ? WHERE model = 'Grant' AND id = ?", [JSON.stringify(payload), until, grantId]);
    });
  }

  private async upsertClient(id: string, payload: AdapterPayload): Promise<void> {
    const ttl = this.options.unclaimedClientTtlMs;
    await this.db.run(
      `INSERT INTO oauth_store (model, id, payload, expires_at) VALUES ('Client', ?, ?, ?)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload`,
      [id, JSON.stringify(payload), ttl ? Date.now() + ttl : null],
    );
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
    const row = await this.db.get<StoreRow>(
      `SELECT payload, expires_at, consumed_at FROM oauth_store WHERE model = ? AND ${column} = ?`,
      [this.model, value],
    );
    if (!row) return undefined;
    if (row.expires_at !== null && Number(row.expires_at) <= Date.now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumed_at !== null && row.consumed_at !== undefined) payload.consumed ??= Math.floor(Number(row.consumed_at) / 1000);
    return payload;
  }

  find(id: string) {
    return this.findWhere('id', id);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', userCode);
  }

  /**
   * Marks a code or refresh token used, in one conditional statement, so of
   * two replicas redeeming the same code at once exactly one wins: the other
   * changes no row and gets invalid_grant (oidc-provider only checks
   * `consumed` before calling this, which both could pass). `find` reports
   * the column as the payload's `consumed`.
   */
  async consume(id: string): Promise<void> {
    const { changes } = await this.db.run(
      'UPDATE oauth_store SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL',
      [Date.now(), this.model, id],
    );
    if (changes !== 1) {
      // Loaded here, not at the top: the CLI imports this module (grants) and
      // oidc-provider prints a runtime warning to stderr when it is loaded.
      const { errors } = await import('oidc-provider');
      throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`);
    }
  }

  async destroy(id: string): Promise<void> {
    await this.db.run('DELETE FROM oauth_store WHERE model = ? AND id = ?', [this.model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.run('DELETE FROM oauth_store WHERE model = ? AND grant_id = ?', [this.model, grantId]);
  }
}

/** Keeps a registered client for good: someone approved it. */
export async function claimClient(db: Queryable, clientId: string): Promise<void> {
  await db.run("UPDATE oauth_store SET expires_at = NULL WHERE model = 'Client' AND id = ?", [clientId]);
}

/** Registered clients nobody has approved yet that have not expired. */
export async function countUnclaimedClients(db: Queryable): Promise<number> {
  const row = await db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM oauth_store WHERE model = 'Client' AND expires_at IS NOT NULL AND expires_at > ?",
    [Date.now()],
  );
  return Number(row?.n ?? 0);
}

/**
 * Makes room under the cap of unapproved clients: deletes up to `count` of
 * the oldest that registered at least `minAgeMs` ago (a sign-in still under
 * way keeps its client). Returns how many went.
 */
export async function evictUnclaimedClients(db: Queryable, count: number, options: { ttlMs: number; minAgeMs: number }): Promise<number> {
  const now = Date.now();
  // expires_at is the registration time plus the TTL.
  const rows = await db.all<{ id: string }>(
    "SELECT id FROM oauth_store WHERE model = 'Client' AND expires_at IS NOT NULL AND expires_at > ? AND expires_at <= ? ORDER BY expires_at LIMIT ?",
    [now, now - options.minAgeMs + options.ttlMs, count],
  );
  let deleted = 0;
  for (const { id } of rows) {
    deleted += (await db.run("DELETE FROM oauth_store WHERE model = 'Client' AND id = ? AND expires_at IS NOT NULL", [id])).changes;
  }
  return deleted;
}

/** Deletes every expired artefact (codes, tokens, sessions, interactions, clients nobody approved). */
export async function sweepExpired(db: Db): Promise<number> {
  const { changes } = await db.run('DELETE FROM oauth_store WHERE expires_at IS NOT NULL AND expires_at <= ?', [Date.now()]);
  return changes;
}

/** Deletes every stored artefact of a grant (all models), and the grant itself. */
export async function deleteGrantArtefacts(db: Db, grantId: string): Promise<void> {
  await db.run("DELETE FROM oauth_store WHERE grant_id = ? OR (model = 'Grant' AND id = ?)", [grantId, grantId]);
}
