import { noteAuthenticated } from '../audit/scope';
import { GatewayError } from '../errors';
import type { Principal } from '../auth/types';
import type { Logger } from '../observability/logger';
import type { ToolRegistry } from '../registry/registry';
import type { RouteDeps } from '../registry/types';

export interface Authenticator {
  authenticate(secret: string): Promise<Principal | undefined>;
}

/** `Bearer <key>` → the key, or undefined for anything else. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Resolves the principal for an Authorization header. Absent, malformed,
 * unknown and revoked keys all fail the same way: the answer never tells a
 * caller which keys exist.
 */
export async function principalFor(auth: Authenticator, header: string | undefined): Promise<Principal> {
  const secret = bearerToken(header);
  if (!secret) {
    throw new GatewayError('unauthenticated', 'This endpoint needs an API key: send "Authorization: Bearer <key>".', {
      hint: 'Create a key with `npx deskgate keys create --email you@example.com --role user --name my-client` and put it in your MCP client config.',
    });
  }
  const principal = await auth.authenticate(secret);
  if (!principal) {
    throw new GatewayError('unauthenticated', 'The API key is not valid (unknown or revoked).', {
      hint: 'Check the key in your MCP client config, or ask an admin for a new one (`deskgate keys list`).',
    });
  }
  noteAuthenticated(principal);
  return principal;
}

/**
 * The WWW-Authenticate challenge sent with every 401 (RFC 6750). With OAuth
 * on, it names the protected resource metadata (RFC 9728) so an MCP client
 * can find the authorization server and sign the user in.
 */
export function challengeFor(header: string | undefined, resourceMetadataUrl?: string): string {
  const params = ['realm="deskgate"'];
  if (resourceMetadataUrl) params.push(`resource_metadata="${resourceMetadataUrl}"`, 'scope="mcp"');
  if (header) params.push('error="invalid_token"');
  return `Bearer ${params.join(', ')}`;
}

/** API keys first, then (with OAuth on) access tokens: one Authenticator for /mcp. */
export function keyOrToken(keys: Authenticator, tokens: Authenticator | undefined): Authenticator {
  if (!tokens) return keys;
  return {
    async authenticate(secret) {
      return (await keys.authenticate(secret)) ?? (await tokens.authenticate(secret));
    },
  };
}

/** What a connector's REST routes get: authentication and the one policy, the same as tools/call. */
export function routeDepsFor(
  authenticate: (header: string | undefined) => Promise<Principal>,
  registry: Pick<ToolRegistry, 'checkRoute'>,
  log: Logger,
  connector: string,
): RouteDeps {
  return {
    authenticate,
    async authorize(header, need) {
      const principal = await authenticate(header);
      registry.checkRoute(principal, connector, need);
      return principal;
    },
    log,
  };
}
