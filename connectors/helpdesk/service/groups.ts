import type { AuthUser } from '../../../src/auth/types';
import { hasRole } from '../../../src/auth/types';
import { conflict, invalidArgument, notFound } from '../../../src/errors';
import type { GroupOut } from '../schemas';
import { categoryNotFound, cleanName, type Catalog } from './catalog';
import { CONNECTOR, nameKey, newId, ULID_PATTERN, type ServiceDeps } from './common';
import { requireRole } from './permissions';

const GROUP_HINT = 'GET /api/helpdesk/admin/groups lists the groups and their ids.';

/** Groups of staff and the categories they look after. Admin only, except reading a group by id. */
export class Groups {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly catalog: Catalog,
  ) {}

  async find(id: string): Promise<{ id: string; name: string } | undefined> {
    if (!ULID_PATTERN.test(id)) return undefined;
    return this.deps.db.get<{ id: string; name: string }>('SELECT id, name FROM helpdesk_groups WHERE id = ?', [
      id.toUpperCase(),
    ]);
  }

  async require(id: string, field = 'group_id'): Promise<{ id: string; name: string }> {
    const group = await this.find(id);
    if (!group) {
      throw notFound(`No group "${id.slice(0, 64)}".`, {
        connector: CONNECTOR,
        hint: GROUP_HINT,
        fields: [{ field, problem: 'unknown group id' }],
      });
    }
    return group;
  }

  /**
   * A group by id or exact name (case-insensitive) with its members' user
   * ids, or undefined. For staff tools that report on a team (time_reconcile);
   * the group's scopes stay admin-only.
   */
  async membersOf(actor: AuthUser, ref: string): Promise<{ id: string; name: string; userIds: string[] } | undefined> {
    requireRole(actor, 'staff', "Reading a group's members");
    const group =
      (await this.find(ref.trim())) ??
      (await this.deps.db.get<{ id: string; name: string }>('SELECT id, name FROM helpdesk_groups WHERE name_key = ?', [nameKey(ref)]));
    if (!group) return undefined;
    const members = await this.deps.db.all<{ user_id: string }>('SELECT user_id FROM helpdesk_group_members WHERE group_id = ? ORDER BY user_id', [group.id]);
    return { id: group.id, name: group.name, userIds: members.map((m) => m.user_id) };
  }

  async list(actor: AuthUser): Promise<GroupOut[]> {
    requireRole(actor, 'admin', 'Listing groups');
    const groups = await this.deps.db.all<{ id: string; name: string }>('SELECT id, name FROM helpdesk_groups ORDER BY name_key');
    return Promise.all(groups.map((g) => this.describe(g)));
  }

  async get(actor: AuthUser, id: string): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Reading a group');
    return this.describe(await this.require(id));
  }

  async create(actor: AuthUser, input: { name: string }): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Adding a group');
    const name = cleanName(input.name, 'name');
    const clash = await this.deps.db.get('SELECT 1 AS found FROM helpdesk_groups WHERE name_key = ?', [nameKey(name)]);
    if (clash) throw conflict(`A group named "${name}" already exists.`, { connector: CONNECTOR, hint: GROUP_HINT });
    const id = newId();
    await this.deps.db.run('INSERT INTO helpdesk_groups (id, name, name_key, created_at) VALUES (?, ?, ?, ?)', [
      id,
      name,
      nameKey(name),
      this.deps.now().toISOString(),
    ]);
    return this.describe({ id, name });
  }

  async rename(actor: AuthUser, id: string, input: { name: string }): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Renaming a group');
    const group = await this.require(id);
    const name = cleanName(input.name, 'name');
    await this.deps.db.run('UPDATE helpdesk_groups SET name = ?, name_key = ? WHERE id = ?', [name, nameKey(name), group.id]);
    return this.describe({ id: group.id, name });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    requireRole(actor, 'admin', 'Deleting a group');
    const group = await this.require(id);
    const used = await this.deps.db.get('SELECT 1 AS used FROM helpdesk_tickets WHERE group_id = ?', [group.id]);
    if (used) {
      throw conflict(`Group "${group.name}" still has tickets assigned.`, {
        connector: CONNECTOR,
        hint: 'Reassign its tickets with helpdesk_assign_ticket first.',
      });
    }
    await this.deps.db.transaction(async (tx) => {
      await tx.run('DELETE FROM helpdesk_group_scopes WHERE group_id = ?', [group.id]);
      await tx.run('DELETE FROM helpdesk_group_members WHERE group_id = ?', [group.id]);
      await tx.run('DELETE FROM helpdesk_groups WHERE id = ?', [group.id]);
    });
  }

  /** Replaces the member list; members must be staff or admins. */
  async setMembers(actor: AuthUser, id: string, userIds: string[]): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Changing group members');
    const group = await this.require(id);
    const unique = [...new Set(userIds)];
    for (const userId of unique) {
      const user = await this.deps.users.getUser(userId);
      if (!user) {
        throw notFound(`No user "${userId.slice(0, 64)}".`, {
          connector: CONNECTOR,
          fields: [{ field: 'user_ids', problem: 'unknown user id' }],
          hint: 'GET /api/admin/users lists users and their ids.',
        });
      }
      if (!hasRole(user.role, 'staff')) {
        throw invalidArgument(`${user.name} is a user, not staff: only staff and admins can be group members.`, {
          connector: CONNECTOR,
          fields: [{ field: 'user_ids', problem: 'not a staff member' }],
          hint: 'Promote them to staff first (PATCH /api/admin/users/{id}).',
        });
      }
    }
    await this.deps.db.transaction(async (tx) => {
      await tx.run('DELETE FROM helpdesk_group_members WHERE group_id = ?', [group.id]);
      for (const userId of unique) {
        await tx.run('INSERT INTO helpdesk_group_members (group_id, user_id) VALUES (?, ?)', [group.id, userId]);
      }
    });
    return this.describe(group);
  }

  async addScope(actor: AuthUser, id: string, input: { category_id: string; type_id?: string | null }): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Changing group scopes');
    const group = await this.require(id);
    const category = await this.catalog.getCategory(input.category_id);
    if (!category || category.level !== 'category') throw categoryNotFound('category_id', input.category_id);
    let typeId: string | null = null;
    if (input.type_id) {
      const type = await this.catalog.getCategory(input.type_id);
      if (!type || type.level !== 'type' || type.parent_id !== category.id) throw categoryNotFound('type_id', input.type_id);
      typeId = type.id;
    }
    const existing = await this.deps.db.get(
      `SELECT 1 AS found FROM helpdesk_group_scopes WHERE group_id = ? AND category_id = ? AND ${typeId ? 'type_id = ?' : 'type_id IS NULL'}`,
      typeId ? [group.id, category.id, typeId] : [group.id, category.id],
    );
    if (!existing) {
      await this.deps.db.run('INSERT INTO helpdesk_group_scopes (id, group_id, category_id, type_id) VALUES (?, ?, ?, ?)', [
        newId(),
        group.id,
        category.id,
        typeId,
      ]);
    }
    return this.describe(group);
  }

  async removeScope(actor: AuthUser, id: string, scopeId: string): Promise<GroupOut> {
    requireRole(actor, 'admin', 'Changing group scopes');
    const group = await this.require(id);
    const result = await this.deps.db.run('DELETE FROM helpdesk_group_scopes WHERE id = ? AND group_id = ?', [
      scopeId.toUpperCase(),
      group.id,
    ]);
    if (result.changes === 0) {
      throw notFound(`Group "${group.name}" has no scope "${scopeId.slice(0, 64)}".`, { connector: CONNECTOR, hint: GROUP_HINT });
    }
    return this.describe(group);
  }

  private async describe(group: { id: string; name: string }): Promise<GroupOut> {
    const members = await this.deps.db.all<{ user_id: string }>(
      'SELECT user_id FROM helpdesk_group_members WHERE group_id = ? ORDER BY user_id',
      [group.id],
    );
    const people = await Promise.all(
      members.map(async (m) => ({ id: m.user_id, name: (await this.deps.users.getUser(m.user_id))?.name ?? '(deleted user)' })),
    );
    const scopes = await this.deps.db.all<{ id: string; category_id: string; category_name: string | null; type_id: string | null; type_name: string | null }>(
      `SELECT s.id, s.category_id, c.name AS category_name, s.type_id, ty.name AS type_name
       FROM helpdesk_group_scopes s
       LEFT JOIN helpdesk_categories c ON c.id = s.category_id
       LEFT JOIN helpdesk_categories ty ON ty.id = s.type_id
       WHERE s.group_id = ? ORDER BY s.id`,
      [group.id],
    );
    return {
      id: group.id,
      name: group.name,
      members: people,
      scopes: scopes.map((s) => ({
        id: s.id,
        category: { id: s.category_id, name: s.category_name ?? '(deleted)' },
        type: s.type_id ? { id: s.type_id, name: s.type_name ?? '(deleted)' } : null,
      })),
    };
  }
}
