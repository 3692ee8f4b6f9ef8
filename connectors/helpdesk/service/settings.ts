import type { AuthUser } from '../../../src/auth/types';
import { invalidArgument, preconditionFailed } from '../../../src/errors';
import type { Queryable } from '../../../src/storage/types';
import type { SettingsOut } from '../schemas';
import type { Catalog } from './catalog';
import { bool, CONNECTOR, num, type ServiceDeps } from './common';
import { requireRole } from './permissions';

export const DEFAULT_REOPEN_WINDOW_DAYS = 7;
const MAX_REOPEN_WINDOW_DAYS = 3650;

export interface ReopenSettings {
  reopenWindowDays: number;
  reopenTargetStatusId: string;
}

/**
 * Help desk settings live in the database, not in code: the reopen window and
 * its target status are the admin's choice (the reference implementation
 * hard-coded both).
 */
export class Settings {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly catalog: Catalog,
  ) {}

  async reopen(db: Queryable = this.deps.db): Promise<ReopenSettings> {
    const rows = await db.all<{ name: string; value: string }>('SELECT name, value FROM helpdesk_settings');
    const values = new Map(rows.map((r) => [r.name, r.value]));
    const days = values.get('reopen_window_days');
    const target = values.get('reopen_target_status_id');
    return {
      reopenWindowDays: days === undefined ? DEFAULT_REOPEN_WINDOW_DAYS : num(days),
      reopenTargetStatusId: target ?? (await this.catalog.statusBySystemKey('new', db)).id,
    };
  }

  async get(): Promise<SettingsOut> {
    const settings = await this.reopen();
    const status = await this.catalog.findStatus(settings.reopenTargetStatusId);
    const target = status ?? (await this.catalog.statusBySystemKey('new'));
    return {
      reopen_window_days: settings.reopenWindowDays,
      reopen_target_status: { id: target.id, name: target.name },
    };
  }

  async update(
    actor: AuthUser,
    patch: { reopen_window_days?: number; reopen_target_status?: string },
  ): Promise<SettingsOut> {
    requireRole(actor, 'admin', 'Changing help desk settings');
    if (patch.reopen_window_days !== undefined) {
      const days = patch.reopen_window_days;
      if (!Number.isInteger(days) || days < 0 || days > MAX_REOPEN_WINDOW_DAYS) {
        throw invalidArgument(`reopen_window_days must be a whole number from 0 to ${MAX_REOPEN_WINDOW_DAYS}.`, {
          connector: CONNECTOR,
          fields: [{ field: 'reopen_window_days', problem: 'out of range' }],
        });
      }
      await this.put('reopen_window_days', String(days));
    }
    if (patch.reopen_target_status !== undefined) {
      const status = await this.catalog.requireStatus(patch.reopen_target_status, 'reopen_target_status');
      if (!bool(status.is_active) || status.system_key === 'resolved' || status.system_key === 'closed') {
        throw preconditionFailed(`"${status.name}" cannot be the reopen target: pick an active, open status.`, {
          connector: CONNECTOR,
          hint: 'Call helpdesk_list_statuses; New, In Progress or Pending are the usual choices.',
        });
      }
      await this.put('reopen_target_status_id', status.id);
    }
    return this.get();
  }

  private async put(name: string, value: string): Promise<void> {
    await this.deps.db.run(
      'INSERT INTO helpdesk_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      [name, value],
    );
  }
}
