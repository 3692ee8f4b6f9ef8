import type { Logger } from '../../src/observability/logger';
import { toolFactory, type UserDirectory } from '../../src/registry/types';
import type { Db } from '../../src/storage/types';
import type { HelpdeskService } from './service';

/** What `start` returns: the service layer both the tools and the REST API use. */
export interface HelpdeskRuntime {
  service: HelpdeskService;
  db: Db;
  users: UserDirectory;
  log: Logger;
}

export const defineTool = toolFactory<HelpdeskRuntime>();
