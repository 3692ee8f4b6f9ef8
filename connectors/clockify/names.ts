import { invalidArgument } from '../../src/errors';
import { closestByName, describePerson, matchPerson, normName } from '../../src/format/names';
import type { CallContext, ClockifyHost } from './client';
import { CONNECTOR } from './errors';
import { vendorNamed, type VendorNamed } from './schemas';
import { vendorPath, type VendorPath } from '../../src/vendor-http/path';

/**
 * Names beside ids, and names → ids. Lists of a workspace's projects,
 * clients, tags, users (and a project's tasks) are cached per workspace and
 * per credential (`pool.keyOf(ctx)`: a personal key may see less) for a
 * short TTL. Tools that create or rename call `forget` so the next lookup
 * sees the change.
 */

export type NamedKind = 'project' | 'client' | 'tag' | 'user' | 'task' | 'group';

export interface NamedItem {
  id: string;
  name: string;
  archived: boolean;
  /** Projects: their client; users: their email. */
  clientId?: string | null;
  clientName?: string | null;
  email?: string | null;
}

/** The tool that lists each kind (where an id comes from). */
export const LIST_TOOL: Record<NamedKind, string> = {
  project: 'clockify_list_projects',
  client: 'clockify_list_clients',
  tag: 'clockify_list_tags',
  user: 'clockify_list_users',
  task: 'clockify_list_tasks',
  group: 'clockify_list_user_groups',
};

const PATH: Record<NamedKind, (ws: string, projectId?: string) => VendorPath> = {
  project: (ws) => vendorPath('/workspaces/{workspace_id}/projects', { workspace_id: ws }),
  client: (ws) => vendorPath('/workspaces/{workspace_id}/clients', { workspace_id: ws }),
  tag: (ws) => vendorPath('/workspaces/{workspace_id}/tags', { workspace_id: ws }),
  user: (ws) => vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }),
  task: (ws, projectId) => vendorPath('/workspaces/{workspace_id}/projects/{project_id}/tasks', { workspace_id: ws, project_id: projectId ?? '' }),
  group: (ws) => vendorPath('/workspaces/{workspace_id}/user-groups', { workspace_id: ws }),
};

function toItem(kind: NamedKind, raw: VendorNamed): NamedItem {
  const archived = raw.archived === true || (kind === 'task' && raw.status === 'DONE') || (kind === 'user' && raw.status === 'INACTIVE');
  const item: NamedItem = { id: raw.id, name: raw.name ?? '', archived };
  if (kind === 'project') {
    item.clientId = raw.clientId ?? null;
    item.clientName = raw.clientName ?? null;
  }
  if (kind === 'user') item.email = raw.email ?? null;
  return item;
}

/** The closest names first: prefix/substring matches, then by edit distance (archived ones a little behind). */
export function closest(items: NamedItem[], wanted: string, count = 5): NamedItem[] {
  return closestByName(items, wanted, count, (item) => (item.archived ? 0.5 : 0));
}

function describeCandidate(kind: NamedKind, item: NamedItem): string {
  const bits = [`"${item.name}" (id ${item.id}`];
  if (kind === 'project' && item.clientName) bits.push(`, client ${item.clientName}`);
  if (kind === 'user' && item.email) bits.push(`, ${item.email}`);
  if (item.archived) bits.push(kind === 'task' ? ', done' : ', archived');
  return `${bits.join('')})`;
}

interface Entry {
  at: number;
  items: Promise<NamedItem[]>;
}

export class NameDirectory {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly api: ClockifyHost,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 60_000,
  ) {}

  private key(ctx: CallContext, ws: string, kind: NamedKind, projectId?: string) {
    return `${this.api.pool.keyOf(ctx)}|${ws}|${kind}|${projectId ?? ''}`;
  }

  /** All items of a kind (tasks: of `projectId`), cached. */
  list(ctx: CallContext, ws: string, kind: NamedKind, projectId?: string): Promise<NamedItem[]> {
    const key = this.key(ctx, ws, kind, projectId);
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.items;
    const items = this.api
      .all(ctx, PATH[kind](ws, projectId), vendorNamed, { operation: `list ${kind}s` })
      .then((raw) => raw.map((r) => toItem(kind, r)));
    items.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: this.now(), items });
    if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value!);
    return items;
  }

  /** The name for an id, or null when the list does not have it. */
  async nameOf(ctx: CallContext, ws: string, kind: NamedKind, id: string | null | undefined, projectId?: string): Promise<string | null> {
    if (!id) return null;
    const items = await this.list(ctx, ws, kind, projectId);
    return items.find((i) => i.id === id)?.name ?? null;
  }

  async find(ctx: CallContext, ws: string, kind: NamedKind, id: string, projectId?: string): Promise<NamedItem | undefined> {
    return (await this.list(ctx, ws, kind, projectId)).find((i) => i.id === id);
  }

  /**
   * The id for a name (case-insensitive, exact; active items win over
   * archived ones). Unknown or ambiguous: invalid_argument listing the
   * closest candidates with their ids.
   */
  async resolve(ctx: CallContext, ws: string, kind: NamedKind, name: string, options: { field: string; projectId?: string; idField?: string }): Promise<NamedItem> {
    const items = await this.list(ctx, ws, kind, options.projectId);
    if (kind === 'user') return this.resolvePerson(items, name, options);
    const wanted = normName(name);
    const exact = items.filter((i) => normName(i.name) === wanted);
    const active = exact.filter((i) => !i.archived);
    const pick = active.length ? active : exact;
    if (pick.length === 1) return pick[0]!;
    const where = kind === 'task' ? ' in that project' : '';
    const idField = options.idField ?? (kind === 'tag' ? 'tag_ids' : `${kind}_id`);
    if (pick.length > 1) {
      throw invalidArgument(`${pick.length} ${kind}s${where} are named "${name}".`, {
        connector: CONNECTOR,
        fields: [{ field: options.field, problem: `ambiguous: ${pick.map((i) => describeCandidate(kind, i)).join('; ')}` }],
        hint: `Pass ${idField} with one of these ids instead of the name.`,
      });
    }
    const near = closest(items, name);
    throw invalidArgument(`No ${kind}${where} is named "${name}".`, {
      connector: CONNECTOR,
      fields: [{ field: options.field, problem: near.length ? `closest: ${near.map((i) => describeCandidate(kind, i)).join('; ')}` : `there are no ${kind}s${where}` }],
      hint: near.length ? `Use one of the closest names or its id (${idField}), or call ${LIST_TOOL[kind]}.` : `Call ${LIST_TOOL[kind]} to see what exists.`,
      alternatives: [LIST_TOOL[kind]],
    });
  }

  /** A user by id, email, full name or unique first name (src/format/names.ts matchPerson). */
  private resolvePerson(items: NamedItem[], name: string, options: { field: string; idField?: string }): NamedItem {
    const people = items.map((item) => ({ ...item, inactive: item.archived }));
    const match = matchPerson(people, name);
    if (match.kind === 'one') return items.find((i) => i.id === match.person.id)!;
    const idField = options.idField ?? 'user_id';
    if (match.kind === 'ambiguous') {
      throw invalidArgument(`${match.candidates.length} users match "${name}" by ${match.by}.`, {
        connector: CONNECTOR,
        fields: [{ field: options.field, problem: `ambiguous: ${match.candidates.map(describePerson).join('; ')}` }],
        hint: `Pass the full name or email of one of them, or ${idField} with their id.`,
      });
    }
    throw invalidArgument(`No user is named "${name}".`, {
      connector: CONNECTOR,
      fields: [{ field: options.field, problem: match.closest.length ? `closest: ${match.closest.map(describePerson).join('; ')}` : 'there are no users' }],
      hint: match.closest.length ? `Use one of the closest names, an email, or ${idField}.` : `Call ${LIST_TOOL.user} to see who exists.`,
      alternatives: [LIST_TOOL.user],
    });
  }

  /** Drops cached lists of a kind in a workspace (after a create, rename or delete), for every credential. */
  forget(ws: string, kind: NamedKind) {
    for (const key of [...this.cache.keys()]) {
      const [, w, k] = key.split('|');
      if (w === ws && k === kind) this.cache.delete(key);
    }
  }
}
