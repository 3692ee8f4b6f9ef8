import type { Logger } from '../observability/logger';
import type { Db } from '../storage/types';
import { createPostgresLimitStore } from './postgres';
import { createMemoryLimitStore, type LimitStore } from './store';

export { createMemoryLimitStore, type LimitStore } from './store';
export { createPostgresLimitStore } from './postgres';

/**
 * The limit store for a database: on PostgreSQL the counts live in it and are
 * shared by every worker and replica; on SQLite they stay in this process.
 */
export function limitStoreFor(db: Db, options: { log?: Logger } = {}): LimitStore {
  return db.engine === 'postgres' ? createPostgresLimitStore(db, options) : createMemoryLimitStore();
}
