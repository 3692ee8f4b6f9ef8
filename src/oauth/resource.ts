import {
  buildOAuthProtectedResourceMetadata,
  OAuthError,
  OAuthErrorCode,
  verifyBearerToken,
  type AuthInfo,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import type Provider from 'oidc-provider';
import type { AuthStore } from '../auth/store';
import type { Principal } from '../auth/types';
import type { OAuthConfig } from './config';
import type { GrantStore } from './grants';
import { MCP_SCOPES, resolveAccount, ROUTES } from './provider';

const PRINCIPAL = 'deskgate.principal';

export interface ResourceServerDeps {
  config: OAuthConfig;
  provider: Provider;
  auth: AuthStore;
  grants: GrantStore;
}

const invalid = (message: string) => new OAuthError(OAuthErrorCode.InvalidToken, message);

/**
 * The /mcp side of OAuth: turns an access token into the one deskgate
 * principal it acts as. Every call reads the token, its grant, the key and
 * the user from the database, so a revoked grant or key, a removed user or
 * a changed role takes effect on the next call. The SDK's
 * `verifyBearerToken` checks expiry and the audience (RFC 8707: a token for
 * any other resource is refused).
 */
export function createResourceServer(deps: ResourceServerDeps) {
  const { config, provider, auth, grants } = deps;
  const resourceMetadataUrl = `${config.publicUrl}/.well-known/oauth-protected-resource/mcp`;
  const expectedResource = new URL(config.resourceUrl);

  const verifier = {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const accessToken = await provider.AccessToken.find(token);
      if (!accessToken) throw invalid('The access token is unknown, expired or revoked.');
      const grant = accessToken.grantId ? await grants.get(accessToken.grantId) : undefined;
      if (!grant || grant.revokedAt) throw invalid('The grant behind this token was revoked.');
      const account = await resolveAccount(auth, accessToken.accountId);
      if (!account) throw invalid('The user or API key behind this token no longer exists or was revoked.');
      const tokenScopes = (accessToken.scope ?? '').split(' ').filter((s) => (MCP_SCOPES as readonly string[]).includes(s));
      const scopes = tokenScopes.length ? tokenScopes.filter((s) => grant.scopes.includes(s)) : grant.scopes;
      const keyReadOnly = account.key?.readOnly ?? false;
      const readOnly = !scopes.includes('mcp') || keyReadOnly;
      if (!scopes.length) throw invalid('The token carries no deskgate scope.');
      const principal: Principal = Object.freeze({
        user: Object.freeze({ ...account.user }),
        key: Object.freeze({
          id: account.key?.id ?? `oauth:${grant.id}`,
          name: account.key?.name ?? `OAuth: ${grant.clientName}`,
          connectors: account.key?.connectors ? (Object.freeze([...account.key.connectors]) as string[]) : undefined,
          // The key's toolset limits travel with its tokens like every other limit.
          toolsets: account.key?.toolsets ? (Object.freeze([...account.key.toolsets]) as string[]) : undefined,
          readOnly,
          ...(readOnly && !keyReadOnly ? { readOnlyByScope: true } : {}),
          ...(accessToken.clientId ? { oauthClientId: accessToken.clientId } : {}),
        }),
      });
      grants.touch(grant.id);
      const audience = Array.isArray(accessToken.aud) ? accessToken.aud[0] : accessToken.aud;
      return {
        token: '[redacted]',
        clientId: accessToken.clientId ?? 'unknown',
        scopes,
        expiresAt: accessToken.exp,
        resource: audience ? new URL(String(audience)) : undefined,
        extra: { [PRINCIPAL]: principal },
      };
    },
  };

  /** The principal for an access token, or undefined for any token that is not valid here. */
  async function authenticate(token: string): Promise<Principal | undefined> {
    try {
      const info = await verifyBearerToken(`Bearer ${token}`, { verifier, expectedResource, resourceMetadataUrl });
      return info.extra?.[PRINCIPAL] as Principal | undefined;
    } catch (error) {
      if (error instanceof OAuthError && error.code === OAuthErrorCode.InvalidToken) return undefined;
      throw error;
    }
  }

  /** RFC 9728 Protected Resource Metadata: names our authorization server. */
  const metadata: OAuthProtectedResourceMetadata = {
    ...buildOAuthProtectedResourceMetadata({
      oauthMetadata: {
        issuer: config.publicUrl,
        authorization_endpoint: `${config.publicUrl}${ROUTES.authorization}`,
        token_endpoint: `${config.publicUrl}${ROUTES.token}`,
        response_types_supported: ['code'],
      },
      resourceServerUrl: expectedResource,
      scopesSupported: [...MCP_SCOPES],
      resourceName: 'deskgate',
      dangerouslyAllowInsecureIssuerUrl: config.publicUrl.startsWith('http:'),
    }),
    bearer_methods_supported: ['header'],
  };

  return { authenticate, metadata, resourceMetadataUrl };
}

export type ResourceServer = ReturnType<typeof createResourceServer>;
