import type { AuthUser, Role } from '../../../src/auth/types';
import { hasRole } from '../../../src/auth/types';
import { notFound, permissionDenied } from '../../../src/errors';
import type { Queryable, SqlParam } from '../../../src/storage/types';
import { CONNECTOR } from './common';

/**
 * The one place that decides who sees which ticket, used by the MCP tools
 * and the REST API alike. The actor is always the API key's user.
 *
 * - user: tickets they submitted
 * - staff: tickets assigned to them or to one of their groups, within a
 *   category (or category+type) one of their groups is scoped to, or their own
 * - admin: every ticket
 */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'submitter'; userId: string }
  | {
      kind: 'staff';
      userId: string;
      groupIds: string[];
      wholeCategoryIds: string[];
      categoryTypePairs: { categoryId: string; typeId: string }[];
    };

export async function scopeFor(db: Queryable, actor: AuthUser): Promise<TicketScope> {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role !== 'staff') return { kind: 'submitter', userId: actor.id };
  const groups = await db.all<{ group_id: string }>(
    'SELECT group_id FROM helpdesk_group_members WHERE user_id = ?',
    [actor.id],
  );
  const scopes = await db.all<{ category_id: string; type_id: string | null }>(
    `SELECT s.category_id, s.type_id FROM helpdesk_group_scopes s
     JOIN helpdesk_group_members m ON m.group_id = s.group_id WHERE m.user_id = ?`,
    [actor.id],
  );
  return {
    kind: 'staff',
    userId: actor.id,
    groupIds: groups.map((g) => g.group_id),
    wholeCategoryIds: [...new Set(scopes.filter((s) => s.type_id === null).map((s) => s.category_id))],
    categoryTypePairs: scopes
      .filter((s): s is { category_id: string; type_id: string } => s.type_id !== null)
      .map((s) => ({ categoryId: s.category_id, typeId: s.type_id })),
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * SQL condition limiting tickets (alias `t`) to the scope. The staff scope is
 * resolved to literal ids first: a per-row subquery would make a staff
 * member's list scan every ticket.
 */
export function scopeCondition(scope: TicketScope, alias = 't'): { sql: string; params: SqlParam[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: '1 = 1', params: [] };
    case 'submitter':
      return { sql: `${alias}.submitter_id = ?`, params: [scope.userId] };
    case 'staff': {
      // Staff also see what they submitted themselves, like any user.
      const parts = [`${alias}.assignee_id = ?`, `${alias}.submitter_id = ?`];
      const params: SqlParam[] = [scope.userId, scope.userId];
      if (scope.groupIds.length) {
        parts.push(`${alias}.group_id IN (${placeholders(scope.groupIds.length)})`);
        params.push(...scope.groupIds);
      }
      if (scope.wholeCategoryIds.length) {
        parts.push(`${alias}.category_id IN (${placeholders(scope.wholeCategoryIds.length)})`);
        params.push(...scope.wholeCategoryIds);
      }
      for (const pair of scope.categoryTypePairs) {
        parts.push(`(${alias}.category_id = ? AND ${alias}.type_id = ?)`);
        params.push(pair.categoryId, pair.typeId);
      }
      return { sql: `(${parts.join(' OR ')})`, params };
    }
  }
}

/** Refuses before anything runs, naming the role the action needs. */
export function requireRole(actor: AuthUser, needed: Role, action: string): void {
  if (hasRole(actor.role, needed)) return;
  throw permissionDenied(`${action} needs the ${needed} role or higher; this API key belongs to a ${actor.role}.`, {
    connector: CONNECTOR,
    hint:
      needed === 'admin'
        ? 'Ask a help desk admin to do it, or use an admin API key.'
        : 'Ask a staff member to do it; as a user you can reply to your own tickets with helpdesk_reply_to_ticket.',
  });
}

/** Out-of-scope tickets are reported exactly like missing ones, so scope never reveals existence. */
export function ticketNotFound(ref: string) {
  return notFound(`No ticket ${ref} that this API key can see.`, {
    connector: CONNECTOR,
    hint: 'Check the ULID or HD-YYYY-NNNNNN tracking number; helpdesk_list_tickets lists the tickets you can see.',
  });
}
