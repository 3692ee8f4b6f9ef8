import type { AuthUser } from '../../../src/auth/types';
import { conflict, invalidArgument, notFound, preconditionFailed } from '../../../src/errors';
import type { Queryable } from '../../../src/storage/types';
import type { CategoryOut, StatusOut } from '../schemas';
import { cleanTicketText } from '../text';
import { bool, CONNECTOR, nameKey, newId, num, ULID_PATTERN, type ServiceDeps } from './common';
import { requireRole } from './permissions';

export const SYSTEM_STATUSES = [
  { key: 'new', name: 'New' },
  { key: 'in_progress', name: 'In Progress' },
  { key: 'pending', name: 'Pending' },
  { key: 'resolved', name: 'Resolved' },
  { key: 'closed', name: 'Closed' },
] as const;
export type StatusKind = StatusOut['kind'];

export interface StatusRow {
  id: string;
  name: string;
  system_key: string | null;
  is_active: number;
  position: number;
}

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  level: 'category' | 'type' | 'item';
  name: string;
  is_active: number;
}

const STATUS_HINT = 'Call helpdesk_list_statuses for the valid status ids and names.';
const CATEGORY_HINT = 'Call helpdesk_list_categories for the valid category, type and item ids.';

export const statusKind = (row: Pick<StatusRow, 'system_key'>): StatusKind =>
  (row.system_key as StatusKind | null) ?? 'custom';

export function toStatusOut(row: StatusRow): StatusOut {
  return {
    id: row.id,
    name: row.name,
    kind: statusKind(row),
    is_active: bool(row.is_active),
    position: num(row.position),
  };
}

/** Statuses and the category tree: read by everyone, changed by admins. */
export class Catalog {
  constructor(private readonly deps: ServiceDeps) {}

  /** Seeds the five system statuses; safe to run at every start and from two processes at once. */
  async seedSystemStatuses(): Promise<void> {
    const now = this.deps.now().toISOString();
    for (const [position, status] of SYSTEM_STATUSES.entries()) {
      await this.deps.db.run(
        `INSERT INTO helpdesk_statuses (id, name, name_key, system_key, is_active, position, created_at)
         VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING`,
        [newId(), status.name, nameKey(status.name), status.key, (position + 1) * 10, now],
      );
    }
  }

  async listStatuses(includeInactive = true): Promise<StatusOut[]> {
    const rows = await this.deps.db.all<StatusRow>(
      `SELECT id, name, system_key, is_active, position FROM helpdesk_statuses
       ${includeInactive ? '' : 'WHERE is_active = 1'} ORDER BY position, name_key`,
    );
    return rows.map(toStatusOut);
  }

  async statusBySystemKey(key: string, db: Queryable = this.deps.db): Promise<StatusRow> {
    const row = await db.get<StatusRow>(
      'SELECT id, name, system_key, is_active, position FROM helpdesk_statuses WHERE system_key = ?',
      [key],
    );
    if (!row) throw new Error(`system status ${key} missing: migrations or start did not run`);
    return row;
  }

  /** By ULID or by name (case-insensitive): models often know the name only. */
  async findStatus(ref: string, db: Queryable = this.deps.db): Promise<StatusRow | undefined> {
    const trimmed = ref.trim();
    return db.get<StatusRow>(
      `SELECT id, name, system_key, is_active, position FROM helpdesk_statuses WHERE id = ? OR name_key = ?`,
      [trimmed.toUpperCase(), nameKey(trimmed)],
    );
  }

  async requireStatus(ref: string, field: string, db: Queryable = this.deps.db): Promise<StatusRow> {
    const row = await this.findStatus(ref, db);
    if (!row) {
      throw notFound(`No status "${clip(ref)}".`, {
        connector: CONNECTOR,
        hint: STATUS_HINT,
        fields: [{ field, problem: 'unknown status id or name' }],
      });
    }
    return row;
  }

  async createStatus(actor: AuthUser, input: { name: string; position?: number }): Promise<StatusOut> {
    requireRole(actor, 'admin', 'Adding a status');
    const name = cleanName(input.name, 'name');
    const existing = await this.findStatus(name);
    if (existing) throw conflict(`A status named "${existing.name}" already exists.`, { connector: CONNECTOR, hint: STATUS_HINT });
    const max = await this.deps.db.get<{ top: unknown }>('SELECT MAX(position) AS top FROM helpdesk_statuses');
    const row: StatusRow = {
      id: newId(),
      name,
      system_key: null,
      is_active: 1,
      position: input.position ?? num(max?.top) + 10,
    };
    await this.deps.db.run(
      `INSERT INTO helpdesk_statuses (id, name, name_key, system_key, is_active, position, created_at)
       VALUES (?, ?, ?, NULL, 1, ?, ?)`,
      [row.id, name, nameKey(name), row.position, this.deps.now().toISOString()],
    );
    return toStatusOut(row);
  }

  async updateStatus(
    actor: AuthUser,
    id: string,
    patch: { name?: string; is_active?: boolean; position?: number },
  ): Promise<StatusOut> {
    requireRole(actor, 'admin', 'Changing a status');
    const row = await this.requireStatus(id, 'status_id');
    if (patch.name !== undefined) {
      const name = cleanName(patch.name, 'name');
      const clash = await this.findStatus(name);
      if (clash && clash.id !== row.id) {
        throw conflict(`A status named "${clash.name}" already exists.`, { connector: CONNECTOR, hint: STATUS_HINT });
      }
      await this.deps.db.run('UPDATE helpdesk_statuses SET name = ?, name_key = ? WHERE id = ?', [name, nameKey(name), row.id]);
    }
    if (patch.is_active !== undefined) {
      if (!patch.is_active && row.system_key !== null) {
        throw preconditionFailed(`"${row.name}" is a system status; it can be renamed but not deactivated.`, {
          connector: CONNECTOR,
          hint: 'Deactivate a custom status instead, or rename this one.',
        });
      }
      await this.deps.db.run('UPDATE helpdesk_statuses SET is_active = ? WHERE id = ?', [patch.is_active ? 1 : 0, row.id]);
    }
    if (patch.position !== undefined) {
      await this.deps.db.run('UPDATE helpdesk_statuses SET position = ? WHERE id = ?', [patch.position, row.id]);
    }
    return toStatusOut((await this.findStatus(row.id))!);
  }

  async deleteStatus(actor: AuthUser, id: string): Promise<void> {
    requireRole(actor, 'admin', 'Deleting a status');
    const row = await this.requireStatus(id, 'status_id');
    if (row.system_key !== null) {
      throw preconditionFailed(`"${row.name}" is a system status and cannot be deleted.`, { connector: CONNECTOR });
    }
    const used = await this.deps.db.get(
      `SELECT 1 AS used FROM helpdesk_tickets WHERE status_id = ?
       UNION ALL SELECT 1 FROM helpdesk_status_history WHERE to_status_id = ? OR from_status_id = ?
       UNION ALL SELECT 1 FROM helpdesk_settings WHERE name = 'reopen_target_status_id' AND value = ?`,
      [row.id, row.id, row.id, row.id],
    );
    if (used) {
      throw conflict(`Status "${row.name}" is in use by tickets, their history or the reopen setting, so it cannot be deleted.`, {
        connector: CONNECTOR,
        hint: 'Deactivate it instead (is_active: false): it stays on old tickets but can no longer be set.',
      });
    }
    await this.deps.db.run('DELETE FROM helpdesk_statuses WHERE id = ?', [row.id]);
  }

  async listCategories(includeInactive = false): Promise<CategoryOut[]> {
    const rows = await this.deps.db.all<CategoryRow>(
      `SELECT id, parent_id, level, name, is_active FROM helpdesk_categories
       ${includeInactive ? '' : 'WHERE is_active = 1'} ORDER BY name_key, id`,
    );
    const children = new Map<string, CategoryRow[]>();
    for (const row of rows) {
      if (!row.parent_id) continue;
      const list = children.get(row.parent_id) ?? [];
      list.push(row);
      children.set(row.parent_id, list);
    }
    return rows
      .filter((r) => r.level === 'category')
      .map((c) => ({
        id: c.id,
        name: c.name,
        types: (children.get(c.id) ?? []).map((t) => ({
          id: t.id,
          name: t.name,
          items: (children.get(t.id) ?? []).map((i) => ({ id: i.id, name: i.name })),
        })),
      }));
  }

  async getCategory(id: string, db: Queryable = this.deps.db): Promise<CategoryRow | undefined> {
    if (!ULID_PATTERN.test(id)) return undefined;
    return db.get<CategoryRow>('SELECT id, parent_id, level, name, is_active FROM helpdesk_categories WHERE id = ?', [
      id.toUpperCase(),
    ]);
  }

  /**
   * Checks that category → type → item form one branch of the tree, so a
   * ticket never points at a type from another category.
   */
  async resolveTicketCategory(input: {
    category_id: string;
    type_id?: string | null | undefined;
    item_id?: string | null | undefined;
  }): Promise<{ categoryId: string; typeId: string | null; itemId: string | null }> {
    const category = await this.getCategory(input.category_id);
    if (!category || category.level !== 'category' || !bool(category.is_active)) {
      throw categoryNotFound('category_id', input.category_id);
    }
    let typeId: string | null = null;
    let itemId: string | null = null;
    if (input.type_id) {
      const type = await this.getCategory(input.type_id);
      if (!type || type.level !== 'type' || !bool(type.is_active)) throw categoryNotFound('type_id', input.type_id);
      if (type.parent_id !== category.id) {
        throw invalidArgument(`Type "${type.name}" does not belong to category "${category.name}".`, {
          connector: CONNECTOR,
          hint: CATEGORY_HINT,
          fields: [{ field: 'type_id', problem: 'not a type of the given category' }],
        });
      }
      typeId = type.id;
    }
    if (input.item_id) {
      if (!typeId) {
        throw invalidArgument('item_id needs the type_id it belongs to.', {
          connector: CONNECTOR,
          hint: CATEGORY_HINT,
          fields: [{ field: 'type_id', problem: 'required when item_id is given' }],
        });
      }
      const item = await this.getCategory(input.item_id);
      if (!item || item.level !== 'item' || !bool(item.is_active)) throw categoryNotFound('item_id', input.item_id);
      if (item.parent_id !== typeId) {
        throw invalidArgument(`Item "${item.name}" does not belong to the given type.`, {
          connector: CONNECTOR,
          hint: CATEGORY_HINT,
          fields: [{ field: 'item_id', problem: 'not an item of the given type' }],
        });
      }
      itemId = item.id;
    }
    return { categoryId: category.id, typeId, itemId };
  }

  /** Ids of every category, type or item with this name (case-insensitive). */
  async idsByName(name: string): Promise<string[]> {
    const rows = await this.deps.db.all<{ id: string }>('SELECT id FROM helpdesk_categories WHERE name_key = ?', [
      nameKey(name),
    ]);
    return rows.map((r) => r.id);
  }

  async createCategory(actor: AuthUser, input: { name: string; parent_id?: string | null }): Promise<CategoryRow> {
    requireRole(actor, 'admin', 'Adding a category');
    const name = cleanName(input.name, 'name');
    let level: CategoryRow['level'] = 'category';
    let parentId: string | null = null;
    if (input.parent_id) {
      const parent = await this.getCategory(input.parent_id);
      if (!parent) throw categoryNotFound('parent_id', input.parent_id);
      if (parent.level === 'item') {
        throw invalidArgument('Items are the lowest level: they cannot have children.', {
          connector: CONNECTOR,
          fields: [{ field: 'parent_id', problem: 'must be a category or a type' }],
        });
      }
      level = parent.level === 'category' ? 'type' : 'item';
      parentId = parent.id;
    }
    const sibling = await this.deps.db.get(
      `SELECT 1 AS found FROM helpdesk_categories WHERE name_key = ? AND ${parentId ? 'parent_id = ?' : 'parent_id IS NULL'}`,
      parentId ? [nameKey(name), parentId] : [nameKey(name)],
    );
    if (sibling) throw conflict(`"${name}" already exists at this level.`, { connector: CONNECTOR, hint: CATEGORY_HINT });
    const row: CategoryRow = { id: newId(), parent_id: parentId, level, name, is_active: 1 };
    await this.deps.db.run(
      `INSERT INTO helpdesk_categories (id, parent_id, level, name, name_key, is_active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)`,
      [row.id, parentId, level, name, nameKey(name), this.deps.now().toISOString()],
    );
    return row;
  }

  async updateCategory(actor: AuthUser, id: string, patch: { name?: string; is_active?: boolean }): Promise<CategoryRow> {
    requireRole(actor, 'admin', 'Changing a category');
    const row = await this.getCategory(id);
    if (!row) throw categoryNotFound('category_id', id);
    if (patch.name !== undefined) {
      const name = cleanName(patch.name, 'name');
      await this.deps.db.run('UPDATE helpdesk_categories SET name = ?, name_key = ? WHERE id = ?', [name, nameKey(name), row.id]);
    }
    if (patch.is_active !== undefined) {
      await this.deps.db.run('UPDATE helpdesk_categories SET is_active = ? WHERE id = ?', [patch.is_active ? 1 : 0, row.id]);
    }
    return (await this.getCategory(row.id))!;
  }
}

export function categoryNotFound(field: string, ref: string) {
  return notFound(`No active ${field.replace('_id', '')} "${clip(ref)}".`, {
    connector: CONNECTOR,
    hint: CATEGORY_HINT,
    fields: [{ field, problem: 'unknown or inactive id' }],
  });
}

export function cleanName(raw: string, field: string): string {
  const name = cleanTicketText(raw).replace(/\s+/g, ' ').trim();
  if (!name || name.length > 100) {
    throw invalidArgument(`${field} must be 1 to 100 characters.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: 'empty or longer than 100 characters' }],
    });
  }
  return name;
}

/** Arguments echoed into messages are the caller's own, but still bounded and cleaned. */
export const clip = (text: string): string => cleanTicketText(text).slice(0, 64);
