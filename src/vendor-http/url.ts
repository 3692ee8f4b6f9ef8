import type { QueryValue } from './types';

/**
 * Joins the connector's base URL (which may carry a path, e.g.
 * "https://api.clockify.me/api/v1") with a request path, then appends the
 * query: `undefined`/`null` are left out, arrays repeat the key, and the
 * credential parameters come last so a request cannot override them.
 */
export function buildVendorUrl(
  baseUrl: string,
  path: string,
  query: Record<string, QueryValue> | undefined,
  authQuery: Record<string, string> | undefined,
): URL {
  const base = baseUrl.replace(/\/+$/, '');
  const url = new URL(base + (path.startsWith('/') ? path : `/${path}`));
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[]) url.searchParams.append(key, String(item));
    } else {
      url.searchParams.append(key, String(value));
    }
  }
  for (const [key, value] of Object.entries(authQuery ?? {})) url.searchParams.set(key, value);
  return url;
}
