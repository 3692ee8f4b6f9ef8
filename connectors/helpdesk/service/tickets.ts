import type { AuthUser } from '../../../src/auth/types';
import { hasRole } from '../../../src/auth/types';
import { conflict, invalidArgument, notFound, preconditionFailed } from '../../../src/errors';
import type { Queryable, SqlParam } from '../../../src/storage/types';
import { PRIORITIES, type Priority, type TicketDetail, type TicketSummary } from '../schemas';
import { cleanTicketText } from '../text';
import { clip, statusKind, type Catalog, type StatusRow } from './catalog';
import { bool, CONNECTOR, newId, num, TRACKING_PATTERN, ULID_PATTERN, type ServiceDeps } from './common';
import type { Groups } from './groups';
import { requireRole, scopeCondition, scopeFor, ticketNotFound, type TicketScope } from './permissions';
import type { Settings } from './settings';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 100;
const MAX_SEARCH_TERMS = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

export const LINK_RELATIONS = ['related', 'duplicate_of', 'caused_by'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];
const REVERSE_RELATION: Record<LinkRelation, string> = {
  related: 'related',
  duplicate_of: 'has_duplicate',
  caused_by: 'causes',
};

export interface ListFilters {
  status?: string | undefined;
  priority?: Priority | undefined;
  assignee_id?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  include_closed?: boolean | undefined;
}

/** One thing a person did on a ticket (Tickets.touchesBy). */
export interface TicketTouch {
  ticketId: string;
  trackingNumber: string;
  subject: string;
  /** ISO-8601 UTC. */
  at: string;
  kind: 'replied' | 'status_changed' | 'resolved';
}

export interface CreateTicketInput {
  subject: string;
  description: string;
  category_id: string;
  type_id?: string | null | undefined;
  item_id?: string | null | undefined;
  priority?: Priority | undefined;
}

interface TicketRow {
  id: string;
  tracking_number: string;
  subject: string;
  priority: string;
  status_id: string;
  status_name: string;
  status_kind: string | null;
  category_id: string;
  category_name: string | null;
  type_id: string | null;
  type_name: string | null;
  item_id: string | null;
  item_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  group_id: string | null;
  group_name: string | null;
  submitter_id: string;
  submitter_name: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  reply_count: unknown;
}

const SUMMARY_COLUMNS = `t.id, t.tracking_number, t.subject, t.priority, t.status_id, s.name AS status_name,
  s.system_key AS status_kind, t.category_id, c.name AS category_name, t.type_id, ty.name AS type_name,
  t.item_id, it.name AS item_name, t.assignee_id, au.name AS assignee_name, t.group_id, g.name AS group_name,
  t.submitter_id, su.name AS submitter_name, t.created_at, t.updated_at, t.resolved_at, t.closed_at`;

const SUMMARY_JOINS = `JOIN helpdesk_statuses s ON s.id = t.status_id
  LEFT JOIN helpdesk_categories c ON c.id = t.category_id
  LEFT JOIN helpdesk_categories ty ON ty.id = t.type_id
  LEFT JOIN helpdesk_categories it ON it.id = t.item_id
  LEFT JOIN users au ON au.id = t.assignee_id
  LEFT JOIN helpdesk_groups g ON g.id = t.group_id
  LEFT JOIN users su ON su.id = t.submitter_id`;

/** Users never see internal notes: not in threads, not in counts. */
const seesInternalNotes = (actor: AuthUser) => hasRole(actor.role, 'staff');

const replyCountColumn = (actor: AuthUser) =>
  `(SELECT COUNT(*) FROM helpdesk_replies r WHERE r.ticket_id = t.id${seesInternalNotes(actor) ? '' : ' AND r.is_internal = 0'}) AS reply_count`;

const text = (value: string | null | undefined, fallback = '') => cleanTicketText(value ?? fallback);

function toSummary(row: TicketRow): TicketSummary {
  const category = { id: row.category_id, name: text(row.category_name, '(deleted category)') };
  const type = row.type_id ? { id: row.type_id, name: text(row.type_name, '(deleted type)') } : null;
  const item = row.item_id ? { id: row.item_id, name: text(row.item_name, '(deleted item)') } : null;
  return {
    id: row.id,
    tracking_number: row.tracking_number,
    subject: text(row.subject),
    status: { id: row.status_id, name: row.status_name },
    priority: row.priority as Priority,
    category: { category, type, item, path: [category, type, item].filter((x) => x !== null).map((x) => x.name).join(' > ') },
    assignee: row.assignee_id ? { id: row.assignee_id, name: text(row.assignee_name, '(deleted user)') } : null,
    group: row.group_id ? { id: row.group_id, name: text(row.group_name, '(deleted group)') } : null,
    submitter: { id: row.submitter_id, name: text(row.submitter_name, '(deleted user)') },
    reply_count: num(row.reply_count),
    created_at: row.created_at,
    updated_at: row.updated_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
  };
}

/** Where the last page ended: the ticket id, plus the search-index row when the page came from it. */
interface Cursor {
  after: string;
  searchRow?: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown; searchRow?: unknown };
    if (typeof parsed.after === 'string' && ULID_PATTERN.test(parsed.after)) {
      return typeof parsed.searchRow === 'number' ? { after: parsed.after, searchRow: parsed.searchRow } : { after: parsed.after };
    }
  } catch {
    // fall through: any malformed cursor gets the same answer
  }
  throw invalidArgument('The cursor is not one this help desk issued.', {
    connector: CONNECTOR,
    fields: [{ field: 'cursor', problem: 'malformed cursor' }],
    hint: 'Pass next_cursor exactly as the previous helpdesk_list_tickets call returned it, or omit it to start over.',
  });
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const ftsPhrase = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** Someone changed the ticket's status between our read and our write. */
const statusChangedMeanwhile = (ticket: Pick<TicketRow, 'tracking_number'>) =>
  conflict(`Ticket ${ticket.tracking_number} changed status while this call was running (someone else updated it), so nothing was changed.`, {
    connector: CONNECTOR,
    retryable: false,
    hint: `Call helpdesk_get_ticket for ${ticket.tracking_number} to see its current status, then decide whether to call again.`,
  });

function cleanField(raw: string, field: string, max: number): string {
  const value = cleanTicketText(raw).trim();
  if (!value) {
    throw invalidArgument(`${field} is empty.`, { connector: CONNECTOR, fields: [{ field, problem: 'empty after trimming' }] });
  }
  if (value.length > max) {
    throw invalidArgument(`${field} is longer than ${max} characters.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: `longer than ${max} characters` }],
      hint: field === 'subject' ? 'Keep the subject to one line and put the detail in description.' : undefined,
    });
  }
  return value;
}

/** Tickets, their threads and status changes, with every permission check in one place. */
export class Tickets {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly catalog: Catalog,
    private readonly settings: Settings,
    private readonly groups: Groups,
  ) {}

  async list(actor: AuthUser, filters: ListFilters): Promise<{ items: TicketSummary[]; next_cursor: string | null }> {
    const db = this.deps.db;
    const limit = Math.min(Math.max(filters.limit ?? DEFAULT_LIST_LIMIT, 1), MAX_LIST_LIMIT);
    const resolvedScope = await scopeFor(db, actor);
    const scopeKind = resolvedScope.kind;
    const scope = scopeCondition(resolvedScope);
    const where: string[] = [scope.sql];
    const params: SqlParam[] = [...scope.params];

    if (filters.status) {
      const status = await this.catalog.requireStatus(filters.status, 'status');
      where.push('t.status_id = ?');
      params.push(status.id);
    } else if (!filters.include_closed) {
      where.push('t.status_id <> ?');
      params.push((await this.catalog.statusBySystemKey('closed')).id);
    }
    if (filters.priority) {
      where.push('t.priority = ?');
      params.push(filters.priority);
    }
    if (filters.assignee_id) {
      where.push('t.assignee_id = ?');
      params.push(filters.assignee_id.toLowerCase() === 'me' ? actor.id : filters.assignee_id.trim());
    }
    if (filters.category) {
      const ids = await this.catalog.idsByName(filters.category);
      if (!ids.length) {
        throw notFound(`No category, type or item named "${clip(filters.category)}".`, {
          connector: CONNECTOR,
          hint: 'Call helpdesk_list_categories for the category names.',
          fields: [{ field: 'category', problem: 'unknown category name' }],
        });
      }
      const marks = ids.map(() => '?').join(', ');
      where.push(`(t.category_id IN (${marks}) OR t.type_id IN (${marks}) OR t.item_id IN (${marks}))`);
      params.push(...ids, ...ids, ...ids);
    }
    const cursor = filters.cursor ? decodeCursor(filters.cursor) : undefined;
    const terms = filters.q ? cleanTicketText(filters.q).split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_TERMS) : [];
    const indexed = terms.filter((term) => [...term].length >= 3);
    /*
     * On SQLite, a search by an admin or staff member walks the trigram index
     * newest first and stops at the page size: collecting every match of a
     * common word first would cost tens of milliseconds at 100k tickets. A
     * user's own tickets, or one assignee's, are few, so there the ticket
     * indexes lead and the words are checked with LIKE.
     */
    const viaSearchIndex =
      db.engine === 'sqlite' && indexed.length > 0 && scopeKind !== 'submitter' && !filters.assignee_id;
    const searchParams: SqlParam[] = [];
    if (viaSearchIndex) {
      // The index finds candidates by the longest word; the rest are checked on each
      // candidate row, which is cheaper than intersecting several trigram lists.
      const longest = indexed.reduce((a, b) => ([...b].length > [...a].length ? b : a));
      searchParams.push(ftsPhrase(longest));
      for (const term of terms.filter((term) => term !== longest)) this.addLike(term, where, params);
    } else {
      for (const term of terms) this.addLike(term, where, params);
    }
    if (cursor) {
      if (viaSearchIndex && cursor.searchRow !== undefined) {
        where.push('helpdesk_ticket_search.rowid < ?');
        params.push(cursor.searchRow);
      } else {
        where.push('t.id < ?');
        params.push(cursor.after);
      }
    }

    // Filter and page on the bare tables first, then join names onto the one page.
    const page = viaSearchIndex
      ? `SELECT t.*, helpdesk_ticket_search.rowid AS search_row
         FROM helpdesk_ticket_search JOIN helpdesk_tickets t ON t.id = helpdesk_ticket_search.ticket_id
         WHERE helpdesk_ticket_search MATCH ? AND ${where.join(' AND ')}
         ORDER BY helpdesk_ticket_search.rowid DESC LIMIT ?`
      : `SELECT t.*, 0 AS search_row FROM helpdesk_tickets t WHERE ${where.join(' AND ')} ORDER BY t.id DESC LIMIT ?`;
    const rows = await db.all<TicketRow & { search_row: unknown }>(
      `SELECT ${SUMMARY_COLUMNS}, t.search_row, ${replyCountColumn(actor)}
       FROM (${page}) t
       ${SUMMARY_JOINS}
       ORDER BY ${viaSearchIndex ? 't.search_row' : 't.id'} DESC`,
      [...searchParams, ...params, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSummary),
      next_cursor:
        rows.length > limit && last
          ? encodeCursor(viaSearchIndex ? { after: last.id, searchRow: num(last.search_row) } : { after: last.id })
          : null,
    };
  }

  /** One word of `q`: it must appear in the subject or the description, case-insensitively. */
  private addLike(term: string, where: string[], params: SqlParam[]): void {
    const pattern = `%${escapeLike(term)}%`;
    if (this.deps.db.engine === 'sqlite') {
      where.push("(t.subject LIKE ? ESCAPE '\\' OR t.description LIKE ? ESCAPE '\\')");
      params.push(pattern, pattern);
    } else {
      // The same expression as the pg_trgm index, so the planner can use it.
      where.push("(t.subject || ' ' || t.description) ILIKE ? ESCAPE '\\'");
      params.push(pattern);
    }
  }

  /** The ticket if the actor may see it; otherwise the same not_found as a missing one. */
  private async findVisible(actor: AuthUser, ref: string, db: Queryable = this.deps.db, scope?: TicketScope): Promise<TicketRow> {
    const trimmed = ref.trim();
    let column: string;
    if (ULID_PATTERN.test(trimmed)) column = 't.id';
    else if (TRACKING_PATTERN.test(trimmed)) column = 't.tracking_number';
    else {
      throw invalidArgument(`"${clip(ref)}" is neither a ticket ULID nor an HD-YYYY-NNNNNN tracking number.`, {
        connector: CONNECTOR,
        fields: [{ field: 'ticket_id', problem: 'not a ULID or tracking number' }],
        hint: 'helpdesk_list_tickets returns both forms for each ticket.',
      });
    }
    const condition = scopeCondition(scope ?? (await scopeFor(db, actor)));
    const row = await db.get<TicketRow>(
      `SELECT ${SUMMARY_COLUMNS}, ${replyCountColumn(actor)} FROM helpdesk_tickets t ${SUMMARY_JOINS}
       WHERE ${column} = ? AND ${condition.sql}`,
      [trimmed.toUpperCase(), ...condition.params],
    );
    if (!row) throw ticketNotFound(clip(ref));
    return row;
  }

  async summary(actor: AuthUser, ref: string): Promise<TicketSummary> {
    return toSummary(await this.findVisible(actor, ref));
  }

  async get(actor: AuthUser, ref: string): Promise<TicketDetail> {
    const db = this.deps.db;
    const scope = await scopeFor(db, actor);
    const row = await this.findVisible(actor, ref, db, scope);
    const replies = await db.all<{ id: string; author_id: string; author_name: string | null; body: string; is_internal: unknown; created_at: string }>(
      `SELECT r.id, r.author_id, u.name AS author_name, r.body, r.is_internal, r.created_at
       FROM helpdesk_replies r LEFT JOIN users u ON u.id = r.author_id
       WHERE r.ticket_id = ?${seesInternalNotes(actor) ? '' : ' AND r.is_internal = 0'} ORDER BY r.id`,
      [row.id],
    );
    const history = await db.all<{ from_id: string | null; from_name: string | null; to_id: string; to_name: string | null; changed_by: string; changer_name: string | null; changed_at: string }>(
      `SELECT h.from_status_id AS from_id, fs.name AS from_name, h.to_status_id AS to_id, ts.name AS to_name,
              h.changed_by, u.name AS changer_name, h.changed_at
       FROM helpdesk_status_history h
       LEFT JOIN helpdesk_statuses fs ON fs.id = h.from_status_id
       LEFT JOIN helpdesk_statuses ts ON ts.id = h.to_status_id
       LEFT JOIN users u ON u.id = h.changed_by
       WHERE h.ticket_id = ? ORDER BY h.id`,
      [row.id],
    );
    // Links point both ways; only tickets the caller could open themselves are shown.
    const condition = scopeCondition(scope);
    const links = await db.all<{ id: string; tracking_number: string; subject: string; status_id: string; status_name: string; relation: string; direction: string }>(
      `SELECT t.id, t.tracking_number, t.subject, t.status_id, s.name AS status_name, l.relation, 'out' AS direction
       FROM helpdesk_ticket_links l JOIN helpdesk_tickets t ON t.id = l.linked_ticket_id JOIN helpdesk_statuses s ON s.id = t.status_id
       WHERE l.ticket_id = ? AND ${condition.sql}
       UNION ALL
       SELECT t.id, t.tracking_number, t.subject, t.status_id, s.name AS status_name, l.relation, 'in' AS direction
       FROM helpdesk_ticket_links l JOIN helpdesk_tickets t ON t.id = l.ticket_id JOIN helpdesk_statuses s ON s.id = t.status_id
       WHERE l.linked_ticket_id = ? AND ${condition.sql}`,
      [row.id, ...condition.params, row.id, ...condition.params],
    );
    const description = await db.get<{ description: string }>('SELECT description FROM helpdesk_tickets WHERE id = ?', [row.id]);
    return {
      ...toSummary(row),
      description: text(description?.description),
      replies: replies.map((r) => ({
        id: r.id,
        author: { id: r.author_id, name: text(r.author_name, '(deleted user)') },
        body: text(r.body),
        is_internal: bool(r.is_internal),
        created_at: r.created_at,
      })),
      status_history: history.map((h) => ({
        from: h.from_id ? { id: h.from_id, name: h.from_name ?? '(deleted status)' } : null,
        to: { id: h.to_id, name: h.to_name ?? '(deleted status)' },
        changed_by: { id: h.changed_by, name: text(h.changer_name, '(deleted user)') },
        changed_at: h.changed_at,
      })),
      linked_tickets: links.map((l) => ({
        id: l.id,
        tracking_number: l.tracking_number,
        subject: text(l.subject),
        status: { id: l.status_id, name: l.status_name },
        relation: l.direction === 'out' ? l.relation : (REVERSE_RELATION[l.relation as LinkRelation] ?? l.relation),
      })),
    };
  }

  /** The submitter is always the API key's user. */
  async create(actor: AuthUser, input: CreateTicketInput): Promise<TicketDetail> {
    const subject = cleanField(input.subject, 'subject', 255).replace(/\s*\n\s*/g, ' ');
    const description = cleanField(input.description, 'description', 20_000);
    const priority = input.priority ?? 'Medium';
    if (!PRIORITIES.includes(priority)) {
      throw invalidArgument(`priority must be one of ${PRIORITIES.join(', ')}.`, { connector: CONNECTOR });
    }
    const category = await this.catalog.resolveTicketCategory(input);
    const created = await this.insertTicket({ actor, subject, description, priority, ...category });
    return this.get(actor, created.id);
  }

  /**
   * The actor's own ticket created since `since` with exactly this subject
   * and description (cleaned as create cleans them), the oldest: what an
   * identical create whose answer was lost made.
   */
  async findOwnRecent(actor: AuthUser, input: { subject: string; description: string }, since: Date): Promise<TicketDetail | undefined> {
    const subject = cleanField(input.subject, 'subject', 255).replace(/\s*\n\s*/g, ' ');
    const description = cleanField(input.description, 'description', 20_000);
    const row = await this.deps.db.get<{ id: string }>(
      'SELECT id FROM helpdesk_tickets WHERE submitter_id = ? AND subject = ? AND description = ? AND created_at >= ? ORDER BY created_at, id LIMIT 1',
      [actor.id, subject, description, since.toISOString()],
    );
    return row ? this.get(actor, row.id) : undefined;
  }

  /** Also used by the demo seed, which back-dates tickets. */
  async insertTicket(input: {
    actor: AuthUser;
    subject: string;
    description: string;
    priority: Priority;
    categoryId: string;
    typeId: string | null;
    itemId: string | null;
    createdAt?: Date;
  }): Promise<{ id: string; trackingNumber: string }> {
    const at = input.createdAt ?? this.deps.now();
    const now = at.toISOString();
    const status = await this.catalog.statusBySystemKey('new');
    return this.deps.db.transaction(async (tx) => {
      const trackingNumber = await nextTrackingNumber(tx, at.getUTCFullYear());
      const id = newId();
      await tx.run(
        `INSERT INTO helpdesk_tickets (id, tracking_number, subject, description, category_id, type_id, item_id, priority,
           status_id, assignee_id, group_id, submitter_id, created_at, updated_at, resolved_at, closed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, NULL)`,
        [id, trackingNumber, input.subject, input.description, input.categoryId, input.typeId, input.itemId, input.priority, status.id, input.actor.id, now, now],
      );
      await tx.run(
        'INSERT INTO helpdesk_status_history (id, ticket_id, from_status_id, to_status_id, changed_by, changed_at) VALUES (?, ?, NULL, ?, ?, ?)',
        [newId(), id, status.id, input.actor.id, now],
      );
      return { id, trackingNumber };
    });
  }

  async reply(
    actor: AuthUser,
    input: { ticket_id: string; body: string; is_internal?: boolean | undefined },
  ): Promise<{ reply: TicketDetail['replies'][number]; ticket: TicketSummary; reopened: boolean }> {
    const internal = input.is_internal ?? false;
    if (internal) requireRole(actor, 'staff', 'Posting an internal note');
    const body = cleanField(input.body, 'body', 20_000);
    const ticket = await this.findVisible(actor, input.ticket_id);
    const kind = statusKind({ system_key: ticket.status_kind });
    if (kind === 'closed') {
      throw preconditionFailed(`Ticket ${ticket.tracking_number} is Closed and takes no more replies.`, {
        connector: CONNECTOR,
        hint: `Open a new ticket with helpdesk_create_ticket and mention ${ticket.tracking_number} in its description.`,
      });
    }
    const now = this.deps.now();
    let reopenTo: StatusRow | undefined;
    if (kind === 'resolved' && !internal && ticket.submitter_id === actor.id) {
      reopenTo = await this.reopenTarget(ticket, now);
    }
    const replyId = newId();
    await this.deps.db.transaction(async (tx) => {
      // The status read above decided whether this reply is allowed and whether
      // it reopens the ticket: the UPDATE only applies while that status holds.
      if (reopenTo) {
        await this.changeStatus(tx, ticket, reopenTo, actor, now);
      } else {
        const { changes } = await tx.run('UPDATE helpdesk_tickets SET updated_at = ? WHERE id = ? AND status_id = ?', [
          now.toISOString(),
          ticket.id,
          ticket.status_id,
        ]);
        if (changes === 0) throw statusChangedMeanwhile(ticket);
      }
      await tx.run(
        'INSERT INTO helpdesk_replies (id, ticket_id, author_id, body, is_internal, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [replyId, ticket.id, actor.id, body, internal ? 1 : 0, now.toISOString()],
      );
    });
    return {
      reply: {
        id: replyId,
        author: { id: actor.id, name: cleanTicketText(actor.name) },
        body,
        is_internal: internal,
        created_at: now.toISOString(),
      },
      ticket: await this.summary(actor, ticket.id),
      reopened: reopenTo !== undefined,
    };
  }

  /** A submitter's reply to a Resolved ticket reopens it inside the window and is refused after it. */
  private async reopenTarget(ticket: TicketRow, now: Date): Promise<StatusRow> {
    const settings = await this.settings.reopen();
    if (settings.reopenWindowDays === 0) {
      throw preconditionFailed(`Ticket ${ticket.tracking_number} is Resolved and this help desk does not reopen tickets by reply.`, {
        connector: CONNECTOR,
        hint: `Open a new ticket with helpdesk_create_ticket and mention ${ticket.tracking_number}.`,
      });
    }
    const resolvedAt = ticket.resolved_at ? Date.parse(ticket.resolved_at) : now.getTime();
    if (now.getTime() - resolvedAt > settings.reopenWindowDays * DAY_MS) {
      throw preconditionFailed(
        `Ticket ${ticket.tracking_number} was resolved more than ${settings.reopenWindowDays} days ago, so a reply can no longer reopen it.`,
        {
          connector: CONNECTOR,
          hint: `Open a new ticket with helpdesk_create_ticket and mention ${ticket.tracking_number} in its description.`,
        },
      );
    }
    const target = await this.catalog.findStatus(settings.reopenTargetStatusId);
    return target && bool(target.is_active) ? target : this.catalog.statusBySystemKey('new');
  }

  async updateStatus(
    actor: AuthUser,
    input: { ticket_id: string; status_id: string },
  ): Promise<{ ticket: TicketSummary; previous_status: { id: string; name: string }; changed: boolean }> {
    requireRole(actor, 'staff', "Changing a ticket's status");
    const target = await this.catalog.requireStatus(input.status_id, 'status_id');
    if (!bool(target.is_active)) {
      throw preconditionFailed(`Status "${target.name}" is inactive and cannot be set.`, {
        connector: CONNECTOR,
        hint: 'Call helpdesk_list_statuses and pick a status with is_active true.',
      });
    }
    if (statusKind(target) === 'closed') requireRole(actor, 'admin', 'Closing a ticket');
    const ticket = await this.findVisible(actor, input.ticket_id);
    if (statusKind({ system_key: ticket.status_kind }) === 'closed') requireRole(actor, 'admin', 'Reopening a Closed ticket');
    const previous = { id: ticket.status_id, name: ticket.status_name };
    if (ticket.status_id === target.id) {
      return { ticket: toSummary(ticket), previous_status: previous, changed: false };
    }
    const now = this.deps.now();
    await this.deps.db.transaction((tx) => this.changeStatus(tx, ticket, target, actor, now));
    return { ticket: await this.summary(actor, ticket.id), previous_status: previous, changed: true };
  }

  /**
   * Moves the ticket from the status it had when read to `to`. The rules that
   * allowed the move were checked against that status, so the UPDATE only
   * applies while it still holds; if someone changed it meanwhile (an admin
   * closing the ticket), nothing is written and the caller gets a conflict.
   */
  private async changeStatus(
    tx: Queryable,
    ticket: Pick<TicketRow, 'id' | 'tracking_number' | 'status_id'>,
    to: StatusRow,
    actor: AuthUser,
    now: Date,
  ) {
    const ticketId = ticket.id;
    const fromId = ticket.status_id;
    const at = now.toISOString();
    const kind = statusKind(to);
    // resolved_at starts the reopen window; it survives closing and is cleared by reopening.
    const resolvedAt = kind === 'resolved' ? '?' : kind === 'closed' ? 'COALESCE(resolved_at, ?)' : 'NULL';
    const closedAt = kind === 'closed' ? '?' : 'NULL';
    const params: SqlParam[] = [to.id, at];
    if (kind === 'resolved' || kind === 'closed') params.push(at);
    if (kind === 'closed') params.push(at);
    const { changes } = await tx.run(
      `UPDATE helpdesk_tickets SET status_id = ?, updated_at = ?, resolved_at = ${resolvedAt}, closed_at = ${closedAt}
       WHERE id = ? AND status_id = ?`,
      [...params, ticketId, fromId],
    );
    if (changes === 0) throw statusChangedMeanwhile(ticket);
    await tx.run(
      'INSERT INTO helpdesk_status_history (id, ticket_id, from_status_id, to_status_id, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)',
      [newId(), ticketId, fromId, to.id, actor.id, at],
    );
  }

  /**
   * assignee_id sets the person and keeps the group; group_id hands the ticket
   * to the group's queue and clears the person; both null unassigns.
   */
  async assign(
    actor: AuthUser,
    input: { ticket_id: string; assignee_id?: string | null | undefined; group_id?: string | null | undefined },
  ): Promise<{ ticket: TicketSummary }> {
    requireRole(actor, 'staff', 'Assigning a ticket');
    const { assignee_id: assigneeId, group_id: groupId } = input;
    if (assigneeId && groupId) {
      throw invalidArgument('Give assignee_id or group_id, not both.', {
        connector: CONNECTOR,
        fields: [{ field: 'group_id', problem: 'not allowed together with assignee_id' }],
        hint: 'Assign the group first, then the person within it, in two calls.',
      });
    }
    if (assigneeId === undefined && groupId === undefined) {
      throw invalidArgument('Give assignee_id or group_id, or both as null to unassign.', {
        connector: CONNECTOR,
        fields: [{ field: 'assignee_id', problem: 'missing' }],
      });
    }
    let update: { sql: string; params: SqlParam[] };
    if (assigneeId) {
      const person = await this.deps.users.getUser(assigneeId.trim());
      if (!person) {
        throw notFound(`No user "${clip(assigneeId)}".`, {
          connector: CONNECTOR,
          fields: [{ field: 'assignee_id', problem: 'unknown user id' }],
          hint: 'Use the assignee ids shown by helpdesk_list_tickets or helpdesk_get_ticket.',
        });
      }
      if (!hasRole(person.role, 'staff')) {
        throw invalidArgument(`${cleanTicketText(person.name)} is not a staff member; tickets are assigned to staff or admins.`, {
          connector: CONNECTOR,
          fields: [{ field: 'assignee_id', problem: 'not staff' }],
        });
      }
      update = { sql: 'assignee_id = ?', params: [person.id] };
    } else if (groupId) {
      const group = await this.groups.require(groupId);
      update = { sql: 'group_id = ?, assignee_id = NULL', params: [group.id] };
    } else {
      update = { sql: 'assignee_id = NULL, group_id = NULL', params: [] };
    }
    const ticket = await this.findVisible(actor, input.ticket_id);
    await this.deps.db.run(`UPDATE helpdesk_tickets SET ${update.sql}, updated_at = ? WHERE id = ?`, [
      ...update.params,
      this.deps.now().toISOString(),
      ticket.id,
    ]);
    return { ticket: await this.summary(actor, ticket.id) };
  }

  async link(actor: AuthUser, input: { ticket_id: string; linked_ticket_id: string; relation: LinkRelation }): Promise<TicketDetail> {
    requireRole(actor, 'staff', 'Linking tickets');
    const from = await this.findVisible(actor, input.ticket_id);
    const to = await this.findVisible(actor, input.linked_ticket_id);
    if (from.id === to.id) {
      throw invalidArgument('A ticket cannot be linked to itself.', { connector: CONNECTOR });
    }
    await this.deps.db.run(
      `INSERT INTO helpdesk_ticket_links (ticket_id, linked_ticket_id, relation, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ticket_id, linked_ticket_id) DO UPDATE SET relation = excluded.relation`,
      [from.id, to.id, input.relation, this.deps.now().toISOString()],
    );
    return this.get(actor, from.id);
  }

  /**
   * What `personId` did on tickets between `from` and `to` (replies, status
   * changes, resolutions), for the time toolset's day view. Only tickets the
   * actor may see, and internal notes only for staff and above, like every
   * other read. At most `max` touches, oldest first.
   */
  async touchesBy(actor: AuthUser, personId: string, from: Date, to: Date, max = 2000): Promise<TicketTouch[]> {
    const condition = scopeCondition(await scopeFor(this.deps.db, actor));
    const internal = seesInternalNotes(actor) ? '' : ' AND r.is_internal = 0';
    const [a, b] = [from.toISOString(), to.toISOString()];
    const rows = await this.deps.db.all<{ ticket_id: string; tracking_number: string; subject: string; at: string; kind: string }>(
      `SELECT t.id AS ticket_id, t.tracking_number, t.subject, r.created_at AS at, 'replied' AS kind
       FROM helpdesk_replies r JOIN helpdesk_tickets t ON t.id = r.ticket_id
       WHERE r.author_id = ? AND r.created_at >= ? AND r.created_at < ?${internal} AND ${condition.sql}
       UNION ALL
       SELECT t.id AS ticket_id, t.tracking_number, t.subject, h.changed_at AS at,
              CASE WHEN s.system_key = 'resolved' THEN 'resolved' ELSE 'status_changed' END AS kind
       FROM helpdesk_status_history h JOIN helpdesk_tickets t ON t.id = h.ticket_id JOIN helpdesk_statuses s ON s.id = h.to_status_id
       WHERE h.changed_by = ? AND h.from_status_id IS NOT NULL AND h.changed_at >= ? AND h.changed_at < ? AND ${condition.sql}
       ORDER BY at, kind LIMIT ?`,
      [personId, a, b, ...condition.params, personId, a, b, ...condition.params, max],
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, trackingNumber: r.tracking_number, subject: text(r.subject), at: r.at, kind: r.kind as TicketTouch['kind'] }));
  }
}

/**
 * HD-<year>-<6 digits>, one counter row per year. The UPDATE takes the row
 * lock (PostgreSQL) or the write lock (SQLite) for the rest of the
 * transaction, so concurrent creators can never read the same number.
 */
export async function nextTrackingNumber(tx: Queryable, year: number): Promise<string> {
  const name = `tracking:${year}`;
  await tx.run('INSERT INTO helpdesk_counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING', [name]);
  await tx.run('UPDATE helpdesk_counters SET value = value + 1 WHERE name = ?', [name]);
  const row = await tx.get<{ value: unknown }>('SELECT value FROM helpdesk_counters WHERE name = ?', [name]);
  return `HD-${year}-${String(num(row?.value)).padStart(6, '0')}`;
}
