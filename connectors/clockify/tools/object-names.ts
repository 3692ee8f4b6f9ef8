import { z } from 'zod';
import { GatewayError, invalidArgument } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import { CONNECTOR } from '../errors';
import { clockifyId } from '../schemas';
import { isMe } from '../../../src/identity/identity';
import { personRefSchema } from '../../../src/format/names';
import { LIST_TOOL, type NamedKind } from '../names';
import { rateWithoutCurrency } from '../money';
import type { ClockifyRuntime } from '../runtime';
import type { NameLookup } from './object-shapes';

/**
 * Names beside ids for the workspace-object tools, through the runtime's
 * short-lived name cache, and the `project`/`client`/`user` name arguments
 * that stand in for an id. A name list Clockify refuses to show the key
 * (permission_denied) leaves names null rather than failing the tool: the
 * object itself was readable.
 */

type Ctx = ToolContext<ClockifyRuntime>;

async function namesOf(ctx: Ctx, ws: string, kind: NamedKind, wanted: readonly (string | null | undefined)[]) {
  const map = new Map<string, { name: string; email: string | null }>();
  if (!wanted.some(Boolean)) return map;
  try {
    for (const item of await ctx.runtime.names.list(ctx, ws, kind)) map.set(item.id, { name: item.name, email: item.email ?? null });
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== 'permission_denied') throw error;
    ctx.log.info({ connector: CONNECTOR, kind }, 'Clockify refused the name list; names stay null');
  }
  return map;
}

/** A lookup covering the given ids; lists are only fetched for kinds that have ids to name. */
export async function lookupFor(
  ctx: Ctx,
  ws: string,
  ids: { users?: readonly string[]; clients?: readonly (string | null | undefined)[]; projects?: readonly (string | null | undefined)[]; rated?: unknown },
): Promise<NameLookup> {
  const [users, clients, projects, currency] = await Promise.all([
    namesOf(ctx, ws, 'user', ids.users ?? []),
    namesOf(ctx, ws, 'client', ids.clients ?? []),
    namesOf(ctx, ws, 'project', ids.projects ?? []),
    // A rate Clockify sends without a currency is in the workspace's default currency (a EUR workspace's rate is not USD).
    rateWithoutCurrency(ids.rated) ? ctx.runtime.workspace(ctx, ws).then((w) => w.currency) : undefined,
  ]);
  return {
    currency,
    user: (id) => users.get(id)?.name || null,
    userEmail: (id) => users.get(id)?.email ?? null,
    client: (id) => clients.get(id)?.name || null,
    project: (id) => projects.get(id)?.name || null,
  };
}

export const projectNameArg = z.string().trim().min(1).max(250).optional().describe('Project name instead of project_id (exact, case-insensitive).');
export const clientNameArg = z.string().trim().min(1).max(250).optional().describe('Client name instead of client_id (exact, case-insensitive).');
export const userNameArg = personRefSchema().optional().describe('User name or email instead of user_id.');
/** A person as people give one: "me", a 24-character id, an email, a full name or a unique first name. */
export const personArg = personRefSchema();
/** user_id of a tool that takes one person (required). */
export const personIdArg = personArg.describe('An id, "me", name, first name or email.');
/** An optional person in user_id beside a user name argument. */
export const personRefArg = personArg.optional().describe('An id, "me", name, first name or email.');
/** An optional person in user_id (default: the caller). */
export const personIdOrMeArg = personArg.optional().describe('Default: you ("me"); or an id, name, first name or email.');
/** Several people (ids, names, first names, emails or "me"). */
export const peopleArg = z.array(personArg).max(200);

/**
 * The 24-hex id of a person argument: "me" (the caller, or `me` when given),
 * an id, or an email / full name / unique first name through
 * src/format/names.ts matchPerson (NameDirectory.resolve). An ambiguous name
 * is refused with its candidates; a name never reaches a vendor path.
 */
export async function personId(ctx: Ctx, ws: string, given: string, field: string, options: { me?: { id: string }; idField?: string } = {}): Promise<string> {
  if (isMe(given)) return options.me?.id ?? (await ctx.runtime.me(ctx, ws)).id;
  if (/^[0-9a-fA-F]{24}$/.test(given)) return given;
  return (await ctx.runtime.names.resolve(ctx, ws, 'user', given, { field, idField: options.idField ?? 'user_id' })).id;
}

/** Each of several person arguments as its id (see personId), fields named field[i]. */
export async function personIds(ctx: Ctx, ws: string, given: readonly string[], field: string, idField = field): Promise<string[]> {
  const out: string[] = [];
  for (const [i, one] of given.entries()) out.push(await personId(ctx, ws, one, `${field}[${i}]`, { idField }));
  return [...new Set(out)];
}
export const groupNameArg = z.string().trim().min(1).max(250).optional().describe('User group name instead of group_id (exact, case-insensitive).');
/** The group a group tool acts on: `group_id` or `group` (its name). */
export const groupRefArgs = { group_id: clockifyId.optional().describe('User group id (from clockify_list_user_groups).'), group: groupNameArg };
/** Checks a group tool's `group_id`/`group` before any call. */
export const requireGroup = (args: { group_id?: string; group?: string }) => requireIdOrName('group', args.group_id, args.group, { id: 'group_id', name: 'group' });
/** The group id a group tool acts on, resolving `group` by name. */
export const groupIdOf = (ctx: Ctx, ws: string, args: { group_id?: string; group?: string }) => idOrName(ctx, ws, 'group', args.group_id, args.group, { id: 'group_id', name: 'group' });

/** Checks, before any call, that exactly one of an id and a name was given. */
export function requireIdOrName(kind: NamedKind, id: string | undefined, name: string | undefined, fields: { id: string; name: string }): void {
  if (id && name) {
    throw invalidArgument(`Pass ${fields.id} or ${fields.name}, not both.`, { connector: CONNECTOR, fields: [{ field: fields.name, problem: `given together with ${fields.id}` }] });
  }
  if (!id && !name) {
    throw invalidArgument(`${fields.id} or ${fields.name} is required.`, {
      connector: CONNECTOR,
      fields: [{ field: fields.id, problem: 'required (or pass the name)' }],
      hint: `Pass ${fields.id} (from ${LIST_TOOL[kind]}) or ${fields.name}.`,
    });
  }
}

/** An id given directly or by name; exactly one of the two is required. */
export async function idOrName(ctx: Ctx, ws: string, kind: NamedKind, id: string | undefined, name: string | undefined, fields: { id: string; name: string }): Promise<string> {
  requireIdOrName(kind, id, name, fields);
  if (kind === 'user') return personId(ctx, ws, (id ?? name)!, id ? fields.id : fields.name, { idField: fields.id });
  if (id) return id;
  return (await ctx.runtime.names.resolve(ctx, ws, kind, name!, { field: fields.name })).id;
}

/** An optional client given by id (null: none) or by name; not both. Call `notBoth` before any call. */
export const clientRef = {
  notBoth(args: { client_id?: string | null; client?: string }) {
    if (args.client && args.client_id !== undefined) {
      throw invalidArgument('Pass client_id or client, not both.', { connector: CONNECTOR, fields: [{ field: 'client', problem: 'given together with client_id' }] });
    }
  },
  async resolve(ctx: Ctx, ws: string, args: { client_id?: string | null; client?: string }): Promise<string | null | undefined> {
    return args.client ? (await ctx.runtime.names.resolve(ctx, ws, 'client', args.client, { field: 'client' })).id : args.client_id;
  },
};

/** A currency the caller named must be the workspace's: Clockify keeps rates in the workspace currency. */
/**
 * The currency a rate written now is in: the workspace's (a different one
 * named by the caller is refused, see checkCurrency), or the caller's when
 * Clockify names no workspace currency; refused when neither is known.
 */
export async function rateCurrency(ctx: Ctx, ws: string, given: string | undefined, field = 'currency'): Promise<string> {
  await checkCurrency(ctx, ws, given, field);
  const currency = (await ctx.runtime.workspace(ctx, ws)).currency ?? given;
  if (!currency) {
    throw invalidArgument('Clockify does not say which currency this workspace uses.', {
      connector: CONNECTOR,
      fields: [{ field, problem: 'required: the workspace currency is unknown' }],
      hint: `Pass ${field} (the workspace's currency, e.g. "EUR") and call again.`,
    });
  }
  return currency;
}

export async function checkCurrency(ctx: Ctx, ws: string, currency: string | undefined, field = 'currency'): Promise<void> {
  if (!currency) return;
  const info = await ctx.runtime.workspace(ctx, ws);
  // Unknown workspace currency: the caller's is the only one there is.
  if (info.currency && info.currency.toUpperCase() !== currency.toUpperCase()) {
    throw invalidArgument(`Rates in this workspace are in ${info.currency}, not ${currency}.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: `must be ${info.currency} (the workspace currency) or omitted` }],
      hint: `Convert the amount to ${info.currency} and call again, or omit currency.`,
    });
  }
}
