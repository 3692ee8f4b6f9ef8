export const ROLES = ['user', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The acting user. It always comes from the API key, never from tool arguments. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The API key a request authenticated with (never its secret). */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** Connector ids this key may use; undefined means all enabled connectors. */
  connectors: string[] | undefined;
  /** Toolsets this key may use (`connector:toolset` or a whole `connector`); undefined means all the deployment has. */
  toolsets?: string[] | undefined;
  readOnly: boolean;
  /**
   * An OAuth token limited to the `mcp:read` scope for a key that may write:
   * read-only by scope alone, so a write tool is answered with a scope
   * challenge (the client can ask the user for `mcp`) instead of a refusal.
   */
  readOnlyByScope?: boolean;
  /** For an OAuth access token: the client (app) it was issued to, for the audit trail. */
  oauthClientId?: string;
}

export interface Principal {
  user: AuthUser;
  key: ApiKeyInfo;
}

export const roleRank: Record<Role, number> = { user: 0, staff: 1, admin: 2 };
export const hasRole = (actual: Role, needed: Role): boolean => roleRank[actual] >= roleRank[needed];
