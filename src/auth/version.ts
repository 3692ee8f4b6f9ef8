import type { Db } from '../storage/types';

/** How stale a process's view of keys, roles and credentials may be: revocation takes effect within this. */
export const AUTH_VERSION_CHECK_MS = 500;

/**
 * Propagates "something about who may do what changed" to every worker and
 * every replica sharing the database, without a message bus: changes bump
 * one counter row, and each process re-reads it when its last read is older
 * than AUTH_VERSION_CHECK_MS (on the next request, never on a timer). A
 * changed counter clears the caches that subscribed.
 */
export function createAuthVersion(db: Db, options: { checkEveryMs?: number; now?: () => number } = {}) {
  const every = options.checkEveryMs ?? AUTH_VERSION_CHECK_MS;
  const now = options.now ?? Date.now;
  const listeners: (() => void)[] = [];
  let known: number | undefined;
  let checkedAt = -Infinity;
  let inFlight: Promise<void> | undefined;

  const read = async () => {
    const row = await db.get<{ version: number | string }>('SELECT version FROM auth_version WHERE id = 1');
    return Number(row?.version ?? 0);
  };
  const apply = (version: number) => {
    if (known !== undefined && version !== known) for (const listener of listeners) listener();
    known = version;
  };

  return {
    /** Calls `listener` whenever another process (or this one) changed keys, roles or credentials. */
    onChange(listener: () => void) {
      listeners.push(listener);
    },
    /** Re-reads the counter if the last read is stale; concurrent callers share one read. */
    async fresh(): Promise<void> {
      const at = now();
      if (at - checkedAt < every) return;
      inFlight ??= read()
        .then((version) => {
          checkedAt = at;
          apply(version);
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    /** Records a change; this process's caches clear at once. */
    async bump(): Promise<void> {
      await db.run('UPDATE auth_version SET version = version + 1 WHERE id = 1');
      for (const listener of listeners) listener();
      known = await read();
      checkedAt = now();
    },
  };
}

export type AuthVersion = ReturnType<typeof createAuthVersion>;
