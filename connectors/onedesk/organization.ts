import { GatewayError, invalidArgument, notFound } from '../../src/errors';
import { describePerson, matchPerson } from '../../src/format/names';
import { isUuid } from '../../src/vendor-http/ids';
import { isMe } from '../../src/identity/identity';
import { CONNECTOR } from './errors';
import type { OnedeskContext } from './runtime';
import { numId, str } from './shapes';
import { isRecord, missing, onedeskFilter, onedeskGet, type Row } from './vendor';
import { vendorPath } from '../../src/vendor-http/path';
import { reportUnreadable, unreadFields } from '../../src/vendor-http/tolerant';

/**
 * What the organization behind a key calls things: its item types, lifecycle
 * statuses, projects and users. Cached per `pool.keyOf(ctx)` (a personal key
 * may belong to another organization), briefly.
 */
const TYPES_TTL_MS = 10 * 60 * 1000;
const NAMES_TTL_MS = 5 * 60 * 1000;
/** One page of projects/users is enough to name what a page of items refers to in most organizations. */
const NAME_PAGE = 200;

/** The item types the tools are named after. */
export type CanonicalType = 'ticket' | 'task' | 'issue' | 'requirement' | 'feedback';

export interface ItemType {
  /** What OneDesk calls it in this organization (sent as `itemType` / `type`). */
  label: string;
  /** A stable code beside the label, when OneDesk sends one [U]. */
  code: string | null;
}


function toItemType(raw: unknown): ItemType | undefined {
  const read = readItemType(raw);
  return read?.label ? { label: read.label, code: read.code } : undefined;
}

/**
 * One entry of the item types as sent: a label or an object with one. The
 * lookups (findType…) skip an entry without a readable label. With `report`
 * (onedesk_get_organization, which shows every entry), `extra` holds the raw
 * values of the fields that could not be read, and they count in the tool's
 * partly_read; other fields (e.g. `visible`) are not shown.
 */
export function readItemType(raw: unknown, report = false): { label: string | null; code: string | null; extra: Record<string, unknown> } | undefined {
  if (typeof raw === 'string') return raw.trim() ? { label: raw.trim(), code: null, extra: {} } : undefined;
  if (!isRecord(raw)) {
    if (report) reportUnreadable({ vendor: CONNECTOR, what: 'item type' }, ['(entry not an object)']);
    return undefined;
  }
  const label = str(raw.label) ?? str(raw.name);
  const code = str(raw.itemType) ?? str(raw.code) ?? str(raw.key) ?? str(raw.baseType);
  const extra = report
    ? unreadFields(raw, [[['label', 'name'], label, 'needed'], [['itemType', 'code', 'key', 'baseType'], code]], { vendor: CONNECTOR, what: 'item type' })
    : {};
  return { label, code, extra };
}

/** The item types as OneDesk sent them (cached): read per call, so each call says what it could not read. */
export function itemTypesAsSent(ctx: OnedeskContext): Promise<unknown[]> {
  const key = `itemTypes|${ctx.runtime.pool.keyOf(ctx)}`;
  return ctx.runtime.cache.remember(key, TYPES_TTL_MS, async () => {
    const data = await onedeskGet(ctx, vendorPath('/organization/itemTypes'), 'get item types');
    if (!Array.isArray(data)) throw missing('the list of item types', 'get item types');
    return data as unknown[];
  });
}

export async function itemTypes(ctx: OnedeskContext): Promise<ItemType[]> {
  return (await itemTypesAsSent(ctx)).map(toItemType).filter((t): t is ItemType => t !== undefined);
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The organization's type for one of the named kinds: a code equal to the
 * kind wins (an organization that renamed "Ticket" keeps the code [U]), then
 * a label equal to it (singular or plural).
 */
export function findType(types: ItemType[], kind: CanonicalType): ItemType | undefined {
  return (
    types.find((t) => t.code !== null && norm(t.code) === kind) ??
    types.find((t) => norm(t.label) === kind || norm(t.label) === `${kind}s`)
  );
}

export function unknownTypeError(wanted: string, types: ItemType[]): GatewayError {
  const names = types.map((t) => t.label);
  return notFound(`This OneDesk organization has no "${wanted}" item type; its item types are: ${names.length ? names.join(', ') : '(none)'}.`, {
    connector: CONNECTOR,
    retryable: false,
    hint: 'Use one of the listed item types (onedesk_create_item takes any of them); onedesk_get_organization shows them too.',
  });
}

export async function resolveType(ctx: OnedeskContext, kind: CanonicalType): Promise<ItemType> {
  const types = await itemTypes(ctx);
  const found = findType(types, kind);
  if (!found) throw unknownTypeError(kind, types);
  return found;
}

/** A type given by a caller: a label or code of this organization, case-insensitive. */
export async function resolveTypeByName(ctx: OnedeskContext, name: string): Promise<ItemType> {
  const types = await itemTypes(ctx);
  const wanted = norm(name);
  const found =
    types.find((t) => norm(t.label) === wanted || (t.code !== null && norm(t.code) === wanted)) ??
    (['ticket', 'task', 'issue', 'requirement', 'feedback'].includes(wanted) ? findType(types, wanted as CanonicalType) : undefined);
  if (!found) throw unknownTypeError(name, types);
  return found;
}

export interface LifecycleStatus {
  id: number | string | null;
  name: string;
  state: string | null;
}

/** The lifecycle statuses as OneDesk sent them (cached): read per call, like the item types. */
export function lifecycleStatusesAsSent(ctx: OnedeskContext): Promise<unknown[]> {
  const key = `statuses|${ctx.runtime.pool.keyOf(ctx)}`;
  return ctx.runtime.cache.remember(key, NAMES_TTL_MS, async () => {
    const data = await onedeskGet(ctx, vendorPath('/organization/lifecycleStatus'), 'get lifecycle statuses');
    if (!Array.isArray(data)) throw missing('the list of lifecycle statuses', 'get lifecycle statuses');
    return data as unknown[];
  });
}

/**
 * One lifecycle status as sent: a name or an object with one. Lookups skip
 * one without a readable name; with `report`, what could not be read is
 * under `extra` and counts in the tool's partly_read.
 */
export function readLifecycleStatus(raw: unknown, report = false): (Omit<LifecycleStatus, 'name'> & { name: string | null; extra: Record<string, unknown> }) | undefined {
  if (typeof raw === 'string') return raw.trim() ? { id: null, name: raw.trim(), state: null, extra: {} } : undefined;
  if (!isRecord(raw)) {
    if (report) reportUnreadable({ vendor: CONNECTOR, what: 'lifecycle status' }, ['(entry not an object)']);
    return undefined;
  }
  const name = str(raw.name) ?? str(raw.label);
  const id = typeof raw.id === 'number' || typeof raw.id === 'string' ? raw.id : null;
  const state = str(raw.state);
  const extra = report
    ? unreadFields(raw, [[['name', 'label'], name, 'needed'], ['id', id], ['state', state]], { vendor: CONNECTOR, what: 'lifecycle status' })
    : {};
  return { id, name, state, extra };
}

export async function lifecycleStatuses(ctx: OnedeskContext): Promise<LifecycleStatus[]> {
  return (await lifecycleStatusesAsSent(ctx)).flatMap((raw): LifecycleStatus[] => {
    const read = readLifecycleStatus(raw);
    return read?.name ? [{ id: read.id, name: read.name, state: read.state }] : [];
  });
}

/**
 * Which side of the lifecycle a status is on, from its category (`state`):
 * completed, closed, cancelled, done, resolved… are closed; every other
 * category (not started, in progress, on hold…) is open. Null when OneDesk
 * sent no category for it.
 */
const CLOSED_STATES = new Set(['COMPLETE', 'COMPLETED', 'CLOSED', 'CANCELED', 'CANCELLED', 'DONE', 'RESOLVED', 'FINISHED', 'ARCHIVED', 'REJECTED']);
export function openOrClosed(status: LifecycleStatus): 'open' | 'closed' | null {
  if (!status.state) return null;
  return CLOSED_STATES.has(status.state.trim().toUpperCase().replace(/[\s-]+/g, '_')) ? 'closed' : 'open';
}

export interface NamedRef {
  id: number | null;
  external_id: string | null;
  name: string | null;
}


function personName(row: Row): string | null {
  const full = [str(row.firstName), str(row.lastName)].filter(Boolean).join(' ');
  return str(row.name) ?? (full || null) ?? str(row.email);
}

/** id and external id → name, from one page of a resource's filter/details. */
async function directory(ctx: OnedeskContext, resource: 'projects' | 'users'): Promise<Map<string, NamedRef & { email: string | null }>> {
  const key = `${resource}|${ctx.runtime.pool.keyOf(ctx)}`;
  return ctx.runtime.cache.remember(key, NAMES_TTL_MS, async () => {
    const { rows } = await onedeskFilter(ctx, resource, { properties: [], limit: NAME_PAGE, offset: 0 }, `list ${resource} for names`);
    const map = new Map<string, NamedRef & { email: string | null }>();
    for (const row of rows) {
      const ref = {
        id: numId(row.id),
        external_id: str(row.externalId),
        name: resource === 'users' ? personName(row) : str(row.name),
        email: str(row.email),
      };
      if (ref.id !== null) map.set(`id:${ref.id}`, ref);
      if (ref.external_id) map.set(`x:${ref.external_id.toLowerCase()}`, ref);
      if (ref.email) map.set(`e:${ref.email.toLowerCase()}`, ref);
    }
    return map;
  });
}

/** Names are a courtesy: when OneDesk cannot give them, the ids stay and the name is null. */
async function tryDirectory(ctx: OnedeskContext, resource: 'projects' | 'users') {
  try {
    return await directory(ctx, resource);
  } catch (error) {
    ctx.log.debug({ connector: CONNECTOR, resource, code: error instanceof GatewayError ? error.code : 'internal' }, 'OneDesk names unavailable');
    return new Map<string, NamedRef & { email: string | null }>();
  }
}

async function tryStatuses(ctx: OnedeskContext): Promise<LifecycleStatus[]> {
  try {
    return await lifecycleStatuses(ctx);
  } catch {
    return [];
  }
}

export interface NameBook {
  project(ref: NamedRef): NamedRef;
  user(ref: NamedRef): NamedRef;
  status(id: number | string): string | null;
}

/** Loads only the directories that the refs actually need names from. */
export async function nameBook(ctx: OnedeskContext, needs: { projects: boolean; users: boolean; statuses: boolean }): Promise<NameBook> {
  const [projects, users, statuses] = await Promise.all([
    needs.projects ? tryDirectory(ctx, 'projects') : undefined,
    needs.users ? tryDirectory(ctx, 'users') : undefined,
    needs.statuses ? tryStatuses(ctx) : undefined,
  ]);
  const fill = (map: Map<string, NamedRef> | undefined, ref: NamedRef): NamedRef => {
    if (ref.name || !map) return ref;
    const found = (ref.external_id ? map.get(`x:${ref.external_id.toLowerCase()}`) : undefined) ?? (ref.id !== null ? map.get(`id:${ref.id}`) : undefined);
    return found ? { id: ref.id ?? found.id, external_id: ref.external_id ?? found.external_id, name: found.name } : ref;
  };
  return {
    project: (ref) => fill(projects, ref),
    user: (ref) => fill(users, ref),
    status: (id) => statuses?.find((s) => s.id !== null && String(s.id) === String(id))?.name ?? null,
  };
}

/** The OneDesk user with this email (first page of users), for the caller's identity. */
export async function userByEmail(ctx: OnedeskContext, email: string): Promise<(NamedRef & { email: string | null }) | undefined> {
  return (await directory(ctx, 'users')).get(`e:${email.toLowerCase()}`);
}

/** Most users a team view (time_reconcile) matches people among: 50 filter calls at the default page of 20, cached like the names. */
export const MAX_TEAM_USERS = 1000;

/**
 * The organization's users that have an email, as the identity matches them
 * (external id, else numeric id): the cached name directory (the first
 * NAME_PAGE users) and, when it is full, the users after it up to
 * MAX_TEAM_USERS (cached as long). `more` when even those may not be all.
 */
export async function usersWithEmail(ctx: OnedeskContext): Promise<{ users: { id: string; name: string | null; email: string }[]; read: number; more: boolean }> {
  const refs: (NamedRef & { email: string | null })[] = [...new Set((await directory(ctx, 'users')).values())];
  let more = false;
  if (refs.length >= NAME_PAGE) {
    const rest = await ctx.runtime.cache.remember(`users-after-names|${ctx.runtime.pool.keyOf(ctx)}`, NAMES_TTL_MS, async () => {
      const { rows, total } = await onedeskFilter(ctx, 'users', { properties: [], limit: MAX_TEAM_USERS - NAME_PAGE, offset: NAME_PAGE }, 'list users');
      return { refs: rows.map((row) => ({ id: numId(row.id), external_id: str(row.externalId), name: personName(row), email: str(row.email) })), total };
    });
    const seen = new Set(refs.map((r) => r.external_id ?? r.id));
    refs.push(...rest.refs.filter((r) => !seen.has(r.external_id ?? r.id)));
    more = rest.refs.length >= MAX_TEAM_USERS - NAME_PAGE || (rest.total !== undefined && rest.total > NAME_PAGE + rest.refs.length);
  }
  const users: { id: string; name: string | null; email: string }[] = [];
  for (const ref of refs) {
    const id = ref.external_id ?? (ref.id === null ? null : String(ref.id));
    if (id !== null && ref.email) users.push({ id, name: ref.name, email: ref.email.trim().toLowerCase() });
  }
  return { users, read: refs.length, more };
}

/**
 * A user given as people give one: "me" (the caller, src/identity), an
 * external id (UUID, passed through: users past the first page still work),
 * a numeric id, an email, a full name or a first name only one user has
 * (src/format/names.ts matchPerson, over the first page of users) → their
 * external id.
 */
export async function resolveUser(ctx: OnedeskContext, user: string, field = 'user'): Promise<string> {
  if (isMe(user)) {
    const { account } = await ctx.runtime.identity.reader(ctx);
    if (!account) {
      throw notFound('You are not matched to a OneDesk user, so "me" names nobody.', {
        connector: CONNECTOR,
        hint: 'deskgate_whoami says why; pass the user\'s email or external id instead.',
      });
    }
    return account.id;
  }
  if (isUuid(user)) return user;
  const directoryUsers = await directory(ctx, 'users');
  const byNumber = /^\d{1,15}$/.test(user) ? directoryUsers.get(`id:${Number(user)}`) : undefined;
  if (byNumber?.external_id) return byNumber.external_id;
  const people = [...new Set(directoryUsers.values())]
    .filter((u): u is NamedRef & { email: string | null; external_id: string } => u.external_id !== null)
    .map((u) => ({ id: u.external_id, name: u.name, email: u.email }));
  const match = matchPerson(people, user);
  if (match.kind === 'one') return match.person.id;
  if (match.kind === 'ambiguous') {
    throw invalidArgument(`${match.candidates.length} OneDesk users match "${user}" by ${match.by}.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: `ambiguous: ${match.candidates.map(describePerson).join('; ')}` }],
      hint: 'Pass the full name, the email or the external id of one of them.',
    });
  }
  throw notFound(`No OneDesk user "${user}" among the first ${NAME_PAGE} users.`, {
    connector: CONNECTOR,
    hint: match.closest.length
      ? `Closest: ${match.closest.slice(0, 3).map(describePerson).join('; ')}. Or pass the user's external id (UUID); item assignees carry it.`
      : "Pass the user's OneDesk external id (UUID) instead; item assignees carry it.",
  });
}

/** Which of the named kinds a label of this organization is, if any. */
export function kindOfLabel(types: ItemType[], label: string): CanonicalType | undefined {
  const kinds: CanonicalType[] = ['ticket', 'task', 'issue', 'requirement', 'feedback'];
  return kinds.find((kind) => findType(types, kind)?.label.toLowerCase() === label.toLowerCase());
}
