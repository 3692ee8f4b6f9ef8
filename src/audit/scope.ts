import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/types';

/**
 * Who a REST request authenticated as, for its audit record. The REST
 * routes authenticate deep inside (connector routes, the admin API); the
 * audit middleware around them opens a scope and principalFor() notes the
 * principal in it, so no route has to pass it back.
 */
export interface AuditScope {
  principal?: Principal;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function withAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function noteAuthenticated(principal: Principal): void {
  const scope = scopes.getStore();
  if (scope) scope.principal = principal;
}
