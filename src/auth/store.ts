import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { GatewayError, invalidArgument, notFound } from '../errors';
import type { Logger } from '../observability/logger';
import type { UserDirectory } from '../registry/types';
import { isUniqueViolation } from '../storage/errors';
import type { Db } from '../storage/types';
import { ROLES, type AuthUser, type Principal, type Role } from './types';
import { createAuthVersion, type AuthVersion } from './version';

/** A key as the operator sees it: never its secret, never its hash. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  /** The first characters of the secret, enough to recognise it in a list. */
  prefix: string;
  /** Connector ids this key may use; undefined means all. */
  connectors: string[] | undefined;
  /** Toolsets this key may use (`connector:toolset` or `connector`); undefined means all. */
  toolsets: string[] | undefined;
  readOnly: boolean;
  createdAt: string;
  revokedAt: string | undefined;
  lastUsedAt: string | undefined;
}

export interface ApiKeyListing extends ApiKeyRecord {
  user: AuthUser;
}

export interface AuthStoreOptions {
  /**
   * How long a looked-up key is trusted without asking the database again
   * (default 10 s). A key revoked through this store stops working at once;
   * one revoked by another replica or the CLI stops within this time.
   */
  cacheTtlMs?: number;
  /** Where failures of the background `last_used_at` update are reported. */
  log?: Logger;
  /** The shared change counter (one per process); created here when not given. */
  version?: AuthVersion;
}

const SECRET_PREFIX = 'dg_';
const DISPLAY_PREFIX_LENGTH = SECRET_PREFIX.length + 6;
const MIN_SECRET_LENGTH = 24;
/** Longer than any key we issue or any sane DESKGATE_ADMIN_KEY; refuses to hash megabytes of header. */
const MAX_SECRET_LENGTH = 512;
/** Printable ASCII without spaces: what a bearer token can be. */
const SECRET_SHAPE = /^[\x21-\x7e]+$/;
const DEFAULT_CACHE_TTL_MS = 10_000;
/** Wrong keys are remembered briefly, so a client retrying a bad key does not hit the database each time. */
const MISS_TTL_MS = 2_000;
const MAX_CACHED = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * SHA-256, not a password hash: keys are 32 random bytes, so there is
 * nothing to brute-force and a slow hash would only slow every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function isWellFormed(secret: unknown): secret is string {
  return (
    typeof secret === 'string' &&
    secret.length >= MIN_SECRET_LENGTH &&
    secret.length <= MAX_SECRET_LENGTH &&
    SECRET_SHAPE.test(secret)
  );
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();
const now = () => new Date().toISOString();

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
}

interface KeyRow {
  id: string;
  user_id: string;
  name: string;
  key_prefix: string;
  connectors: string | null;
  toolsets: string | null;
  read_only: number | boolean;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const USER_COLUMNS = 'id, email, name, role';
const KEY_COLUMNS = 'id, user_id, name, key_prefix, connectors, toolsets, read_only, created_at, revoked_at, last_used_at';

function toUser(row: UserRow): AuthUser {
  // The CHECK constraint keeps other values out; reading one anyway means someone edited the table by hand.
  const role = (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : 'user';
  return { id: row.id, email: row.email, name: row.name, role };
}

/** Unreadable connector lists fail closed: a key with a damaged scope may use nothing. */
function parseConnectors(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((c) => typeof c === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

function toKey(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.key_prefix,
    connectors: parseConnectors(row.connectors),
    toolsets: parseConnectors(row.toolsets),
    readOnly: Boolean(row.read_only),
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
    lastUsedAt: row.last_used_at ?? undefined,
  };
}

function validateRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw invalidArgument(`Unknown role "${role}".`, { connector: 'core', hint: `Use one of: ${ROLES.join(', ')}.` });
  }
  return role as Role;
}

function validateName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalidArgument(`The ${what} must not be empty.`, { connector: 'core', hint: `Give a ${what}.` });
  return trimmed;
}

function validateEmail(email: string): string {
  const normalised = normaliseEmail(email);
  if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) {
    throw invalidArgument('That is not an email address.', { connector: 'core', hint: 'Give an address like ada@example.com.' });
  }
  return normalised;
}

function validateToolsets(toolsets: string[] | undefined): string | null {
  if (toolsets === undefined) return null;
  const ids = [...new Set(toolsets.map((t) => t.trim().toLowerCase()))];
  if (ids.length === 0 || ids.some((t) => !/^[a-z][a-z0-9_-]*(:[a-z][a-z0-9_-]*)?$/.test(t))) {
    throw invalidArgument('The toolset list must hold entries like "clockify:time_entries" or a whole connector like "helpdesk".', {
      connector: 'core',
      hint: 'Leave the list out to allow every toolset the deployment has; `deskgate tools` lists them.',
    });
  }
  return JSON.stringify(ids);
}

function validateConnectors(connectors: string[] | undefined): string | null {
  if (connectors === undefined) return null;
  const ids = [...new Set(connectors.map((c) => c.trim().toLowerCase()))];
  if (ids.length === 0 || ids.some((c) => !/^[a-z][a-z0-9_-]*$/.test(c))) {
    throw invalidArgument('The connector list must hold at least one connector id like "helpdesk".', {
      connector: 'core',
      hint: 'Leave the list out to allow every connector.',
    });
  }
  return JSON.stringify(ids);
}

interface CachedPrincipal {
  principal: Principal;
  expiresAt: number;
  /** When we last wrote last_used_at (or the database says it was), in ms. */
  lastUsedMs: number;
}

function freezePrincipal(user: AuthUser, key: ApiKeyRecord): Principal {
  return Object.freeze({
    user: Object.freeze({ ...user }),
    key: Object.freeze({
      id: key.id,
      name: key.name,
      connectors: key.connectors ? Object.freeze([...key.connectors]) as string[] : undefined,
      toolsets: key.toolsets ? Object.freeze([...key.toolsets]) as string[] : undefined,
      readOnly: key.readOnly,
    }),
  });
}

/** Map insertion order is age order, so dropping the first entry drops the oldest. */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V) {
  map.delete(key);
  if (map.size >= MAX_CACHED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

export function createAuthStore(db: Db, options: AuthStoreOptions = {}) {
  const ttlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const missTtlMs = Math.min(ttlMs, MISS_TTL_MS);
  const hits = new Map<string, CachedPrincipal>();
  const misses = new Map<string, number>();
  const pendingUsageWrites = new Set<Promise<void>>();
  const version = options.version ?? createAuthVersion(db);
  // Another worker, replica or the CLI revoked a key or changed a role: trust nothing cached.
  version.onChange(() => {
    hits.clear();
    misses.clear();
  });

  const forgetKey = (keyId: string) => {
    for (const [hash, entry] of hits) if (entry.principal.key.id === keyId) hits.delete(hash);
  };
  const forgetUser = (userId: string) => {
    for (const [hash, entry] of hits) if (entry.principal.user.id === userId) hits.delete(hash);
  };

  async function getUser(id: string): Promise<AuthUser | undefined> {
    const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  async function findUserByEmail(email: string): Promise<AuthUser | undefined> {
    const row = await db.get<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`, [normaliseEmail(email)]);
    return row && toUser(row);
  }

  async function listUsers(): Promise<AuthUser[]> {
    const rows = await db.all<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY email`);
    return rows.map(toUser);
  }

  async function updateUser(id: string, patch: { name?: string; role?: Role }): Promise<AuthUser | undefined> {
    const name = patch.name === undefined ? undefined : validateName(patch.name, 'name');
    const role = patch.role === undefined ? undefined : validateRole(patch.role);
    if (name !== undefined) await db.run('UPDATE users SET name = ? WHERE id = ?', [name, id]);
    if (role !== undefined) await db.run('UPDATE users SET role = ? WHERE id = ?', [role, id]);
    forgetUser(id);
    if (role !== undefined) await version.bump();
    return getUser(id);
  }

  /**
   * Creates the user if the email is new. An existing user keeps their name
   * but gets the given role: the operator running the CLI is authoritative.
   */
  async function ensureUser(input: { email: string; name: string; role: Role }) {
    const email = validateEmail(input.email);
    const name = validateName(input.name, 'name');
    const role = validateRole(input.role);
    for (let attempt = 0; ; attempt++) {
      const existing = await findUserByEmail(email);
      if (existing) {
        if (existing.role === role) return { user: existing, created: false, roleChanged: false };
        await db.run('UPDATE users SET role = ? WHERE id = ?', [role, existing.id]);
        forgetUser(existing.id);
        await version.bump();
        return { user: { ...existing, role }, created: false, roleChanged: true };
      }
      const user: AuthUser = { id: ulid(), email, name, role };
      try {
        await db.run('INSERT INTO users (id, email, name, role, created_at) VALUES (?, ?, ?, ?, ?)', [
          user.id,
          email,
          name,
          role,
          now(),
        ]);
        return { user, created: true, roleChanged: false };
      } catch (error) {
        // Someone else created the same email meanwhile: read theirs.
        if (!isUniqueViolation(error) || attempt > 0) throw error;
      }
    }
  }

  async function getKey(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await db.get<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`, [id]);
    return row && toKey(row);
  }

  async function insertKey(input: {
    userId: string;
    name: string;
    secret: string;
    connectors: string | null;
    toolsets?: string | null;
    readOnly: boolean;
  }): Promise<ApiKeyRecord> {
    const id = ulid();
    await db.run(
      'INSERT INTO api_keys (id, user_id, name, key_hash, key_prefix, connectors, toolsets, read_only, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        input.userId,
        input.name,
        hashSecret(input.secret),
        input.secret.slice(0, DISPLAY_PREFIX_LENGTH),
        input.connectors,
        input.toolsets ?? null,
        input.readOnly ? 1 : 0,
        now(),
      ],
    );
    const key = await getKey(id);
    if (!key) throw new Error('A key just inserted could not be read back.');
    return key;
  }

  /** A new key for a user. The secret is in the result and nowhere else: show it once. */
  async function createKey(input: { userId: string; name: string; connectors?: string[]; toolsets?: string[]; readOnly?: boolean }) {
    const name = validateName(input.name, 'key name');
    const connectors = validateConnectors(input.connectors);
    const toolsets = validateToolsets(input.toolsets);
    if (!(await getUser(input.userId))) {
      throw notFound('No user has that id.', { connector: 'core', hint: 'List users to find the id, or create the user first.' });
    }
    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    const key = await insertKey({ userId: input.userId, name, secret, connectors, toolsets, readOnly: input.readOnly ?? false });
    return { key, secret };
  }

  /**
   * Makes sure the operator's configured key (DESKGATE_ADMIN_KEY) works:
   * it exists, belongs to this user, and is not revoked. Safe to call on
   * every start.
   */
  async function ensureKey(secret: string, input: { email: string; name: string; role: Role; keyName: string }) {
    if (!isWellFormed(secret)) {
      throw invalidArgument(
        `The configured API key must be at least ${MIN_SECRET_LENGTH} printable characters without spaces.`,
        { connector: 'core', hint: 'Generate one with `deskgate keys create`, or use 32 random bytes in base64url.' },
      );
    }
    const keyName = validateName(input.keyName, 'key name');
    const { user } = await ensureUser(input);
    const hash = hashSecret(secret);
    const existing = await db.get<KeyRow & { key_hash: string }>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_hash = ?`, [
      hash,
    ]);
    hits.delete(hash);
    misses.delete(hash);
    if (!existing) {
      const key = await insertKey({ userId: user.id, name: keyName, secret, connectors: null, readOnly: false });
      return { key, user, created: true, reactivated: false };
    }
    if (existing.revoked_at !== null) {
      // A revoked admin key was revoked on purpose (leaked, rotated): restarting must not bring it back.
      throw new GatewayError('permission_denied', `DESKGATE_ADMIN_KEY was revoked on ${existing.revoked_at}; the gateway will not revive it.`, {
        connector: 'core',
        retryable: false,
        hint: 'Set DESKGATE_ADMIN_KEY to a new random secret (`openssl rand -base64 32`), or unset it and use `deskgate keys create`.',
      });
    }
    const reactivated = false;
    if (existing.user_id !== user.id || existing.name !== keyName) {
      await db.run('UPDATE api_keys SET user_id = ?, name = ? WHERE id = ?', [user.id, keyName, existing.id]);
    }
    const key = await getKey(existing.id);
    if (!key) throw new Error('The configured key vanished while it was being updated.');
    return { key, user, created: false, reactivated };
  }

  async function listKeys(): Promise<ApiKeyListing[]> {
    const rows = await db.all<KeyRow & { user_email: string; user_name: string; user_role: string }>(
      `SELECT k.id, k.user_id, k.name, k.key_prefix, k.connectors, k.toolsets, k.read_only, k.created_at, k.revoked_at, k.last_used_at,
              u.email AS user_email, u.name AS user_name, u.role AS user_role
         FROM api_keys k JOIN users u ON u.id = k.user_id
        ORDER BY k.created_at, k.id`,
    );
    return rows.map((row) => ({
      ...toKey(row),
      user: toUser({ id: row.user_id, email: row.user_email, name: row.user_name, role: row.user_role }),
    }));
  }

  /** False when no such key exists or it was already revoked. */
  async function revokeKey(id: string): Promise<boolean> {
    const { changes } = await db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now(), id]);
    forgetKey(id);
    if (changes > 0) await version.bump();
    return changes > 0;
  }

  async function countActiveKeys(): Promise<number> {
    const row = await db.get<{ active: number }>('SELECT COUNT(*) AS active FROM api_keys WHERE revoked_at IS NULL');
    return Number(row?.active ?? 0);
  }

  function recordUse(entry: CachedPrincipal, at: number) {
    if (at - entry.lastUsedMs < LAST_USED_RESOLUTION_MS) return;
    entry.lastUsedMs = at;
    const keyId = entry.principal.key.id;
    // setImmediate keeps even SQLite's synchronous write out of the request that triggered it.
    const write = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [new Date(at).toISOString(), keyId]))
      .then(
        () => undefined,
        (error: unknown) => {
          options.log?.warn({ err: { message: (error as Error).message }, keyId }, 'could not record API key use');
        },
      )
      .finally(() => pendingUsageWrites.delete(write));
    pendingUsageWrites.add(write);
  }

  /**
   * The principal a bearer secret stands for, or undefined for an unknown,
   * revoked or malformed one (the HTTP layer answers 401). Database failures
   * are thrown, so an outage is not mistaken for a wrong key.
   */
  async function authenticate(secret: unknown): Promise<Principal | undefined> {
    if (!isWellFormed(secret)) return undefined;
    await version.fresh();
    const hash = hashSecret(secret);
    const at = Date.now();

    const cached = hits.get(hash);
    if (cached && cached.expiresAt > at) {
      recordUse(cached, at);
      return cached.principal;
    }
    const missUntil = misses.get(hash);
    if (missUntil !== undefined && missUntil > at) return undefined;

    const row = await db.get<KeyRow & { user_email: string; user_name: string; user_role: string }>(
      `SELECT k.id, k.user_id, k.name, k.key_prefix, k.connectors, k.toolsets, k.read_only, k.created_at, k.revoked_at, k.last_used_at,
              u.email AS user_email, u.name AS user_name, u.role AS user_role
         FROM api_keys k JOIN users u ON u.id = k.user_id
        WHERE k.key_hash = ?`,
      [hash],
    );
    if (!row || row.revoked_at !== null) {
      hits.delete(hash);
      setBounded(misses, hash, at + missTtlMs);
      return undefined;
    }
    misses.delete(hash);
    const key = toKey(row);
    const user = toUser({ id: row.user_id, email: row.user_email, name: row.user_name, role: row.user_role });
    const entry: CachedPrincipal = {
      principal: freezePrincipal(user, key),
      expiresAt: at + ttlMs,
      lastUsedMs: key.lastUsedAt ? Date.parse(key.lastUsedAt) : 0,
    };
    setBounded(hits, hash, entry);
    recordUse(entry, at);
    return entry.principal;
  }

  /** Resolves once the background last_used_at writes started so far have finished (tests, shutdown). */
  async function flushUsage(): Promise<void> {
    await Promise.all([...pendingUsageWrites]);
  }

  const store = {
    getUser,
    findUserByEmail,
    listUsers,
    updateUser,
    ensureUser,
    createKey,
    ensureKey,
    getKey,
    listKeys,
    revokeKey,
    countActiveKeys,
    authenticate,
    flushUsage,
    version,
  };
  // Checked here so a drift from the contract connectors rely on fails the build.
  const _directory: UserDirectory = store;
  return store;
}

export type AuthStore = ReturnType<typeof createAuthStore>;
