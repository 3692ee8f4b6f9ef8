import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for vendor keys at rest. The key is DESKGATE_SECRET_KEY: 32
 * random bytes as 64 hex characters (`deskgate secret generate`). Each value
 * gets a fresh 12-byte nonce; the stored form is `v1:<nonce>:<tag>:<ciphertext>`
 * in base64url, and the associated data binds it to its user and connector,
 * so a row copied onto another user's does not decrypt.
 */
const VERSION = 'v1';

export function parseSecretKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DESKGATE_SECRET_KEY must be 64 hex characters (32 random bytes).');
  return Buffer.from(hex, 'hex');
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('hex');
}

export function encryptSecret(key: Buffer, plaintext: string, associated: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, nonce.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/** Throws when the value was not made with this key for this user and connector. */
export function decryptSecret(key: Buffer, stored: string, associated: string): string {
  const [version, nonce, tag, ciphertext] = stored.split(':');
  if (version !== VERSION || !nonce || !tag || ciphertext === undefined) throw new Error('unreadable stored credential');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAAD(Buffer.from(associated, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
