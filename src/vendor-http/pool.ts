import { GatewayError } from '../errors';
import type { VendorHttpClient, VendorHttpClientOptions } from './types';

/** A caller's own vendor key, resolved by the core for one tool call. */
export interface VendorCredential {
  /** Stable id of the stored credential (never the secret); keys caches. */
  id: string;
  secret: string;
}

export interface VendorClientPoolOptions extends Omit<VendorHttpClientOptions, 'auth'> {
  /** The connector's shared key from its env (`<ID>_API_KEY`), if it has one. */
  sharedSecret: string | undefined;
  /** How a secret goes on the wire (header or query); the client redacts it everywhere. */
  auth: (secret: string) => NonNullable<VendorHttpClientOptions['auth']>;
  /** Most personal clients kept open at once; the least recently used is closed past it (default 256). */
  maxClients?: number;
}

export interface VendorClientPool {
  /** The client for this call: the caller's own credential when the core resolved one, else the shared key. */
  for(ctx: { credential?: VendorCredential }): VendorHttpClient;
  /** Cache key for data that depends on who calls (the vendor user behind a key): `shared` or `personal:<id>`. Never the secret. */
  keyOf(ctx: { credential?: VendorCredential }): string;
  /** The shared key's client, for health checks and `deskgate doctor`. */
  shared(): VendorHttpClient;
  /** Whether a shared key is configured. */
  hasShared(): boolean;
  close(): Promise<void>;
}

const SHARED = 'shared';

/**
 * One vendor client per credential, created on first use. Personal clients
 * are kept in least-recently-used order and closed when evicted; a client is
 * keyed by credential id *and* secret, so a re-linked key gets a fresh client
 * (and breaker) instead of the old one.
 */
export function createVendorClientPool(
  options: VendorClientPoolOptions,
  create: (options: VendorHttpClientOptions) => VendorHttpClient,
): VendorClientPool {
  const { sharedSecret, auth, maxClients = 256, ...clientOptions } = options;
  let sharedClient: VendorHttpClient | undefined;
  const personal = new Map<string, { secret: string; client: VendorHttpClient }>();

  const shared = (): VendorHttpClient => {
    if (sharedSecret === undefined || sharedSecret === '') {
      const env = options.connector.toUpperCase();
      throw new GatewayError('unauthenticated', `No shared ${options.vendorName ?? options.connector} key is configured and you have not linked your own.`, {
        connector: options.connector,
        retryable: false,
        hint: `Link your own key (PUT /api/me/credentials/${options.connector}, or ask an admin to run \`deskgate credentials set ${options.connector} --email <you>\`), or the operator sets ${env}_API_KEY.`,
      });
    }
    sharedClient ??= create({ ...clientOptions, auth: auth(sharedSecret) });
    return sharedClient;
  };

  return {
    for(ctx) {
      const credential = ctx.credential;
      if (!credential) return shared();
      const entry = personal.get(credential.id);
      if (entry && entry.secret === credential.secret) {
        personal.delete(credential.id);
        personal.set(credential.id, entry);
        return entry.client;
      }
      if (entry) void entry.client.close().catch(() => undefined);
      const client = create({ ...clientOptions, auth: auth(credential.secret) });
      personal.delete(credential.id);
      personal.set(credential.id, { secret: credential.secret, client });
      if (personal.size > maxClients) {
        const [oldestId, oldest] = personal.entries().next().value as [string, { client: VendorHttpClient }];
        personal.delete(oldestId);
        void oldest.client.close().catch(() => undefined);
      }
      return client;
    },
    keyOf(ctx) {
      return ctx.credential ? `personal:${ctx.credential.id}` : SHARED;
    },
    shared,
    hasShared: () => sharedSecret !== undefined && sharedSecret !== '',
    async close() {
      const clients = [...personal.values()].map((e) => e.client);
      if (sharedClient) clients.push(sharedClient);
      personal.clear();
      sharedClient = undefined;
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    },
  };
}
