import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import { isUniqueViolation } from '../storage/errors';
import type { Db } from '../storage/types';

export interface OAuthSecrets {
  /** The authorization server's signing key (ID tokens), private JWK. */
  signingKey: JWK;
  /** Keys for signed cookies and our CSRF tokens. */
  cookieKeys: string[];
}

/**
 * Reads a secret, creating it first if no replica has yet. Whoever inserts
 * first wins; a replica losing the race reads the winner's value, so all
 * replicas sign with the same key.
 */
async function getOrCreate(db: Db, id: string, create: () => string): Promise<string> {
  const existing = await db.get<{ value: string }>('SELECT value FROM oauth_secrets WHERE id = ?', [id]);
  if (existing) return existing.value;
  try {
    await db.run('INSERT INTO oauth_secrets (id, value, created_at) VALUES (?, ?, ?)', [id, create(), new Date().toISOString()]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await db.get<{ value: string }>('SELECT value FROM oauth_secrets WHERE id = ?', [id]);
  if (!row) throw new Error(`OAuth secret ${id} vanished after it was created.`);
  return row.value;
}

export async function loadSecrets(db: Db): Promise<OAuthSecrets> {
  const signing = await getOrCreate(db, 'signing-key', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    return JSON.stringify({ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' });
  });
  const cookie = await getOrCreate(db, 'cookie-key', () => randomBytes(32).toString('base64url'));
  return { signingKey: JSON.parse(signing) as JWK, cookieKeys: [cookie] };
}
