import { GatewayError } from '../errors';
import type { VendorPath } from './path';
import type { QueryValue } from './types';

/**
 * Joins the connector's base URL (which may carry a path, e.g.
 * "https://api.clockify.me/api/v1") with a built request path (path.ts),
 * then appends the query: `undefined`/`null` are left out, arrays repeat the
 * key, and the credential parameters come last so a request cannot override
 * them. The result must still be under the base URL's path, with no query or
 * fragment but the one added here: anything else is invalid_argument.
 */
export function buildVendorUrl(
  baseUrl: string,
  path: VendorPath,
  query: Record<string, QueryValue> | undefined,
  authQuery: Record<string, string> | undefined,
): URL {
  const base = baseUrl.replace(/\/+$/, '');
  const relative = path.path.startsWith('/') ? path.path : `/${path.path}`;
  const url = new URL(base + relative);
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  if (url.pathname !== basePath + relative || url.search !== '' || url.hash !== '') {
    throw new GatewayError('invalid_argument', `The request path for ${path.route} would leave the vendor API's base path, so it was not sent.`, {
      retryable: false,
      fields: [{ field: 'path', problem: 'resolves outside the vendor API' }],
      hint: 'Pass ids exactly as the list or get tools return them.',
    });
  }
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
