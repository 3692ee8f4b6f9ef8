import { ulid } from 'ulid';
import type { AuthVersion } from '../auth/version';
import { GatewayError, invalidArgument } from '../errors';
import type { Logger } from '../observability/logger';
import type { CredentialMode } from '../registry/types';
import type { Db } from '../storage/types';
import type { VendorCredential } from '../vendor-http/pool';
import { envPrefix } from '../vendor-http/status-errors';
import { decryptSecret, encryptSecret } from './crypto';

/** What listing shows of a linked key: never the secret. */
export interface CredentialListing {
  connector: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | undefined;
  /** The last 4 characters of the secret, to tell two keys apart. */
  last4: string;
}

interface Row {
  id: string;
  user_id: string;
  connector: string;
  secret_encrypted: string;
  last4: string;
  created_at: string;
  last_used_at: string | null;
}

const CACHE_TTL_MS = 30_000;
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_SECRET_LENGTH = 4096;

const associatedData = (userId: string, connector: string) => `deskgate-credential:${userId}:${connector}`;

export function howToLink(connector: string): string {
  return (
    `Link your own ${connector} key: PUT /api/me/credentials/${connector} with {"secret": "<your key>"} and your deskgate API key, ` +
    `or ask an admin to run \`deskgate credentials set ${connector} --email <you>\`.`
  );
}

/**
 * Personal vendor keys, encrypted at rest with DESKGATE_SECRET_KEY
 * (AES-256-GCM, bound to user and connector). Without that key nothing can
 * be stored, and shared keys keep working. Lookups are cached per process
 * and dropped whenever the shared auth version changes (a link or unlink on
 * any worker or replica).
 */
export function createCredentialStore(db: Db, options: { secretKey: Buffer | undefined; version: AuthVersion; log?: Logger }) {
  const { secretKey, version } = options;
  const cache = new Map<string, { credential: VendorCredential | undefined; expiresAt: number; lastUsedMs: number }>();
  version.onChange(() => cache.clear());

  const requireKey = (): Buffer => {
    if (!secretKey) {
      throw new GatewayError('precondition_failed', 'This gateway cannot store personal vendor keys: DESKGATE_SECRET_KEY is not set.', {
        connector: 'core',
        retryable: false,
        hint: 'The operator runs `deskgate secret generate`, sets DESKGATE_SECRET_KEY to its output and restarts; shared keys keep working meanwhile.',
      });
    }
    return secretKey;
  };

  async function set(userId: string, connector: string, secret: string): Promise<CredentialListing> {
    const key = requireKey();
    const value = secret.trim();
    if (!value || value.length > MAX_SECRET_LENGTH || /\s/.test(value)) {
      throw invalidArgument('The vendor key must be one non-empty token without spaces.', {
        connector: 'core',
        hint: `Paste the API key exactly as ${connector} shows it.`,
      });
    }
    const encrypted = encryptSecret(key, value, associatedData(userId, connector));
    const createdAt = new Date().toISOString();
    const last4 = value.slice(-4);
    // One row per user and connector: linking again replaces the key.
    await db.transaction(async (tx) => {
      await tx.run('DELETE FROM vendor_credentials WHERE user_id = ? AND connector = ?', [userId, connector]);
      await tx.run(
        'INSERT INTO vendor_credentials (id, user_id, connector, secret_encrypted, last4, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [ulid(), userId, connector, encrypted, last4, createdAt],
      );
    });
    await version.bump();
    return { connector, userId, createdAt, lastUsedAt: undefined, last4 };
  }

  async function remove(userId: string, connector: string): Promise<boolean> {
    const { changes } = await db.run('DELETE FROM vendor_credentials WHERE user_id = ? AND connector = ?', [userId, connector]);
    if (changes > 0) await version.bump();
    return changes > 0;
  }

  async function list(userId?: string): Promise<CredentialListing[]> {
    const rows = await db.all<Row>(
      `SELECT id, user_id, connector, secret_encrypted, last4, created_at, last_used_at FROM vendor_credentials
        ${userId === undefined ? '' : 'WHERE user_id = ?'} ORDER BY user_id, connector`,
      userId === undefined ? [] : [userId],
    );
    return rows.map((r) => ({ connector: r.connector, userId: r.user_id, createdAt: r.created_at, lastUsedAt: r.last_used_at ?? undefined, last4: r.last4 }));
  }

  /** The decrypted credential of one user for one connector, or undefined when none is linked. */
  async function lookup(userId: string, connector: string): Promise<VendorCredential | undefined> {
    await version.fresh();
    const cacheKey = `${userId}\u0000${connector}`;
    const at = Date.now();
    const cached = cache.get(cacheKey);
    if (cached && cached.expiresAt > at) {
      if (cached.credential) recordUse(cached, cached.credential.id, at);
      return cached.credential;
    }
    const row = await db.get<Row>(
      'SELECT id, user_id, connector, secret_encrypted, last4, created_at, last_used_at FROM vendor_credentials WHERE user_id = ? AND connector = ?',
      [userId, connector],
    );
    let credential: VendorCredential | undefined;
    if (row) {
      if (!secretKey) {
        throw new GatewayError('internal', `Your linked ${connector} key cannot be read: the gateway has no DESKGATE_SECRET_KEY.`, {
          connector: 'core',
          retryable: false,
          hint: 'The operator must set DESKGATE_SECRET_KEY to the value used when the key was linked.',
        });
      }
      try {
        credential = { id: row.id, secret: decryptSecret(secretKey, row.secret_encrypted, associatedData(userId, connector)) };
      } catch {
        throw new GatewayError('unauthenticated', `Your linked ${connector} key cannot be decrypted (DESKGATE_SECRET_KEY changed since it was linked).`, {
          connector: 'core',
          retryable: false,
          hint: howToLink(connector),
        });
      }
    }
    const entry = { credential, expiresAt: at + CACHE_TTL_MS, lastUsedMs: row?.last_used_at ? Date.parse(row.last_used_at) : 0 };
    cache.set(cacheKey, entry);
    if (credential) recordUse(entry, credential.id, at);
    return credential;
  }

  function recordUse(entry: { lastUsedMs: number }, id: string, at: number) {
    if (at - entry.lastUsedMs < LAST_USED_RESOLUTION_MS) return;
    entry.lastUsedMs = at;
    setImmediate(() => {
      db.run('UPDATE vendor_credentials SET last_used_at = ? WHERE id = ?', [new Date(at).toISOString(), id]).catch((error: unknown) =>
        options.log?.warn({ err: { message: (error as Error).message } }, 'could not record credential use'),
      );
    });
  }

  /**
   * The credential a tool call of `connector` uses for this user, per the
   * connector's mode: undefined means the shared env key. Under `personal`
   * a user with no linked key gets `unauthenticated` with how to link one.
   */
  async function forCall(userId: string, connector: string, mode: CredentialMode): Promise<VendorCredential | undefined> {
    if (mode === 'shared') return undefined;
    const credential = await lookup(userId, connector);
    if (credential || mode === 'personal_or_shared') return credential;
    throw new GatewayError('unauthenticated', `This gateway calls ${connector} with each user's own key (${envPrefix(connector)}_CREDENTIALS=personal), and you have not linked one.`, {
      connector,
      retryable: false,
      hint: howToLink(connector),
    });
  }

  return { set, remove, list, lookup, forCall, canStore: () => secretKey !== undefined };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
