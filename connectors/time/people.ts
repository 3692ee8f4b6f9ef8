import { z } from 'zod';
import { hasRole, type AuthUser } from '../../src/auth/types';
import { invalidArgument, notFound, permissionDenied } from '../../src/errors';
import { isMe, type ActedAs, type VendorAccount } from '../../src/identity/identity';
import { closestByName, normName } from '../../src/format/names';
import type { TimeContext } from './runtime';
import { reach, SYSTEM_NAMES, unreached, type Need, type SystemId, type Unreached } from './systems';

/**
 * People across systems, matched by email: a deskgate user (the help
 * desk's people) is the same person as the Clockify workspace member, the
 * DeskTime employee and the OneDesk user with that email. A person missing
 * from a system is said so (`missing`), never guessed by name.
 *
 * Whose data a call may read: a `user` only their own (no person named, or
 * "me"); `staff` and above may name anyone by deskgate user id, email or
 * name. The caller always comes from the API key.
 */

export interface Person {
  email: string;
  name: string | null;
  /** Their deskgate user, when one has this email. */
  user: AuthUser | null;
  /** The API key's own user. */
  isCaller: boolean;
}

/** The shared input piece for tools that take a person. */
export const personArg = z.string().trim().min(1).max(200).optional().describe('Staff and above: a person by email, name or deskgate user id. Default: you.');

export const personOut = z.object({ email: z.string(), name: z.string().nullable(), deskgate_user_id: z.string().nullable() });
export const toPersonOut = (p: Person): z.infer<typeof personOut> => ({ email: p.email, name: p.name, deskgate_user_id: p.user?.id ?? null });

const lower = (s: string) => s.trim().toLowerCase();

function caller(ctx: TimeContext): Person {
  const user = ctx.principal.user;
  return { email: lower(user.email), name: user.name, user, isCaller: true };
}

/** The person a call is about: the caller, or (staff and above) the one named. */
export async function resolvePerson(ctx: TimeContext, who: string | undefined, field = 'person'): Promise<Person> {
  const me = caller(ctx);
  if (who === undefined || isMe(who)) return me;
  const wanted = who.trim();
  if (lower(wanted) === me.email || wanted === me.user?.id) return me;
  if (!hasRole(ctx.principal.user.role, 'staff')) {
    throw permissionDenied("With the user role you see only your own time, not a colleague's.", {
      connector: 'time',
      retryable: false,
      hint: `Leave ${field} out (or "me"); a staff member or admin can look up others.`,
    });
  }
  const users = ctx.runtime.users;
  if (wanted.includes('@')) {
    const user = (await users.findUserByEmail(lower(wanted))) ?? null;
    // Someone without a deskgate user may still be in Clockify, DeskTime or OneDesk.
    return { email: lower(wanted), name: user?.name ?? null, user, isCaller: false };
  }
  const byId = await users.getUser(wanted);
  if (byId) return { email: lower(byId.email), name: byId.name, user: byId, isCaller: byId.id === me.user?.id };
  const everyone = await users.listUsers();
  const exact = everyone.filter((u) => normName(u.name) === normName(wanted));
  const matches = exact.length ? exact : everyone.filter((u) => normName(u.name).split(' ').includes(normName(wanted)));
  if (matches.length === 1) {
    const user = matches[0]!;
    return { email: lower(user.email), name: user.name, user, isCaller: user.id === me.user?.id };
  }
  const label = (u: AuthUser) => `${u.name} <${u.email}>`;
  if (matches.length > 1) {
    throw invalidArgument(`"${wanted}" names ${matches.length} people.`, {
      connector: 'time',
      fields: [{ field, problem: `ambiguous: ${matches.slice(0, 5).map(label).join('; ')}` }],
      hint: 'Name the person by email.',
    });
  }
  const closest = closestByName(everyone, wanted, 5);
  throw notFound(`No deskgate user is named "${wanted}".`, {
    connector: 'time',
    hint: closest.length ? `Closest: ${closest.map(label).join('; ')}. Or name the person by email.` : 'Name the person by email.',
  });
}

/** A person in one system: their account there, or why they have none (or why the system could not be asked). */
export type Presence =
  | { system: SystemId; account: VendorAccount; actedAs?: ActedAs }
  | { system: SystemId; missing: string }
  | ({ unreached: true } & Unreached);

/**
 * The person's account in a system. The caller's own is whose "my" reads
 * return there (identity.reader: their matched account, or the key's owner
 * with acted_as saying so); anyone else's is the account with their email.
 */
export async function presenceIn(ctx: TimeContext, person: Person, system: SystemId, need: Need = { access: 'read' }): Promise<Presence> {
  if (system === 'helpdesk') {
    return person.user
      ? { system, account: { id: person.user.id, name: person.user.name, email: person.user.email } }
      : { system, missing: `no deskgate user has the email ${person.email}` };
  }
  try {
    const reached = await reach(ctx, system, need);
    const identity = reached.identity;
    if (!identity) return { system, missing: `${SYSTEM_NAMES[system]} does not say who its people are` };
    if (person.isCaller) {
      const { account, actedAs } = await identity.reader(reached.ctx);
      return account ? { system, account, actedAs } : { system, missing: actedAs.note ?? `${SYSTEM_NAMES[system]} cannot say who you are there` };
    }
    const account = await identity.findByEmail(reached.ctx, person.email);
    return account ? { system, account } : { system, missing: `no ${SYSTEM_NAMES[system]} ${identity.memberWord} has the email ${person.email}` };
  } catch (thrown) {
    return { unreached: true, ...unreached(system, thrown) };
  }
}

/** The person in several systems at once (in parallel), in the order asked. */
export function presenceAcross(ctx: TimeContext, person: Person, systems: readonly SystemId[], need: Need = { access: 'read' }): Promise<Presence[]> {
  return Promise.all(systems.map((system) => presenceIn(ctx, person, system, need)));
}
