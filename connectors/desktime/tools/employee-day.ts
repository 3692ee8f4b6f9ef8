import { z } from 'zod';
import { hasRole, type Principal } from '../../../src/auth/types';
import { GatewayError, invalidArgument, notFound, permissionDenied } from '../../../src/errors';
import { matchPerson } from '../../../src/format/names';
import { isMe, type ActedAs, type ConnectorIdentity } from '../../../src/identity/identity';
import type { VendorCredential } from '../../../src/vendor-http/pool';
import type { CallScope, EmployeeEndpoint } from '../client';
import type { DesktimeCaller } from '../runtime';
import { employeeDays } from '../format';
import { dateArg, employeeIdArg, employeeNameArg, type VendorEmployeeDay } from '../schemas';

/** Hundreds of sites a day are common; the longest ones answer "what did they use". */
export const MAX_APPS = 50;

/** Input of the tools that read one employee's day. */
export const employeeDayInput = z.strictObject({ employee_id: employeeIdArg, employee: employeeNameArg, date: dateArg });

export const employeeRefOut = z.object({ id: z.number().int(), name: z.string().nullable() });

/**
 * Shared by the three employee tools: resolve the day in the company zone,
 * then ask the endpoint for that employee. No id or name (or "me") is the
 * caller: the employee with their email (src/identity), else the key's owner,
 * and `actedAs` says whose day it is. A name or email is looked up among the
 * employees DeskTime lists for that day. Whose day it turned out to be is
 * checked before it is returned (see assertMayRead).
 */
export async function fetchEmployeeDay(
  runtime: DesktimeCaller,
  endpoint: EmployeeEndpoint,
  args: { employee_id?: number | undefined; employee?: string | undefined; date?: string | undefined },
  ctx: CallScope & { principal?: Principal; credential?: VendorCredential; identity?: ConnectorIdentity },
): Promise<{ date: string; raw: VendorEmployeeDay; actedAs?: ActedAs }> {
  if (isMe(args.employee)) args = { ...args, employee: undefined };
  if (args.employee_id !== undefined && args.employee !== undefined) {
    throw invalidArgument('Pass employee_id or employee, not both.', { connector: 'desktime', fields: [{ field: 'employee', problem: 'given together with employee_id' }] });
  }
  if (args.employee !== undefined && !(ctx.principal && hasRole(ctx.principal.user.role, 'staff'))) {
    // The lookup reads everyone's day (as desktime_list_employees does, which is staff-only).
    throw permissionDenied('Looking up an employee by name needs the staff role in deskgate.', {
      connector: 'desktime',
      retryable: false,
      hint: 'Leave employee out to get your own day, or ask a deskgate admin.',
    });
  }
  const date = await runtime.resolveDay(args.date);
  let id = args.employee !== undefined ? await employeeIdByName(runtime, date, args.employee, ctx) : args.employee_id;
  let actedAs: ActedAs | undefined;
  if (id === undefined && ctx.identity) {
    // "My" day: the caller's own employee when matched by email, else the key owner's (acted_as says which).
    const mine = await ctx.identity.reader(ctx);
    actedAs = mine.actedAs;
    if (mine.account && mine.actedAs.how !== 'shared_key_as_owner' && mine.actedAs.how !== 'personal_key') id = Number(mine.account.id);
  }
  const raw = await runtime.client.employee(endpoint, { id, date }, ctx);
  if (id !== undefined && (raw.id === null || raw.id === undefined)) {
    // The one field that says whose day this is could not be read (tolerant reader): never guess.
    throw new GatewayError('upstream_error', `DeskTime's answer for employee ${id} carried no readable employee id, so the gateway cannot tell whose day it is.`, {
      connector: 'desktime',
      retryable: false,
      hint: 'Use desktime_list_employees for that day instead; if this persists, DeskTime may have changed its API: tell the gateway operator.',
      alternatives: ['desktime_list_employees'],
    });
  }
  if (id !== undefined && raw.id !== id) {
    // DeskTime answers for the key owner when it ignores an id; passing that day off as the asked-for employee's would mislead.
    throw notFound(`DeskTime has no employee ${id} visible to this API key.`, {
      connector: 'desktime',
      hint: 'Call desktime_list_employees for valid employee ids, or omit employee_id for the key owner.',
    });
  }
  await assertMayRead(runtime, raw, date, args.employee_id !== undefined, ctx);
  return { date, raw, actedAs };
}

const sameEmail = (a: string | null | undefined, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whose day may this caller read? Their own, always; anyone's with the
 * staff role. With a linked personal DeskTime key the call runs as their
 * own DeskTime account, which sees only what DeskTime lets it see. With the
 * shared company key every employee is readable, so the day read must be
 * the caller's: the DeskTime employee whose email is the caller's deskgate
 * email. What named the employee (an id, nothing at all, which means the
 * shared key's owner) does not matter; whose data it is does. Checked after
 * DeskTime answered and before anything is returned.
 */
async function assertMayRead(
  runtime: DesktimeCaller,
  raw: VendorEmployeeDay,
  date: string,
  byId: boolean,
  ctx: CallScope & { principal?: Principal; credential?: VendorCredential },
): Promise<void> {
  if (ctx.credential) return;
  const principal = ctx.principal;
  if (principal && hasRole(principal.user.role, 'staff')) return;
  // /employee/basic leaves the email out: ask the one endpoint that has it, for that same employee.
  const email = raw.email !== undefined ? raw.email : (await runtime.client.employee('full', { id: raw.id, date }, ctx)).email;
  if (principal && sameEmail(email, principal.user.email)) return;
  throw permissionDenied(
    byId
      ? `DeskTime employee ${raw.id} is not you (their DeskTime email is not your deskgate email); another employee's day needs the staff role in deskgate.`
      : "Without employee_id DeskTime answers for the shared key's owner, who is not you (their DeskTime email is not your deskgate email); another employee's day needs the staff role in deskgate.",
    {
      connector: 'desktime',
      retryable: false,
      hint: 'Pass your own DeskTime employee_id, or link your own DeskTime key (PUT /api/me/credentials/desktime) so calls read your own account; for a colleague\'s day, ask a deskgate admin.',
    },
  );
}

/**
 * The id of the one employee with that name or email on that day. Unknown or
 * ambiguous: invalid_argument with the closest names and their ids (callers
 * here are staff, who may list everyone's day anyway).
 */
async function employeeIdByName(runtime: DesktimeCaller, date: string, wanted: string, scope: CallScope): Promise<number> {
  const answer = await runtime.client.employees({ date, period: 'day' }, scope);
  const people = employeeDays(answer).flatMap(({ rows }) => rows.filter((r) => r.id !== null).map((r) => ({ id: r.id, name: r.name ?? '', email: r.email ?? null })));
  const match = matchPerson(people, wanted);
  if (match.kind === 'one') return match.person.id;
  const describe = (p: (typeof people)[number]) => `"${p.name}" (employee_id ${p.id}${p.email ? `, ${p.email}` : ''})`;
  if (match.kind === 'ambiguous') {
    throw invalidArgument(`${match.candidates.length} employees match "${wanted}" by ${match.by}.`, {
      connector: 'desktime',
      fields: [{ field: 'employee', problem: `ambiguous: ${match.candidates.map(describe).join('; ')}` }],
      hint: 'Pass employee_id with one of these ids, the full name or the email.',
    });
  }
  const near = match.closest.slice(0, 3);
  throw invalidArgument(`No employee named "${wanted}" is in DeskTime on ${date} for this API key.`, {
    connector: 'desktime',
    fields: [{ field: 'employee', problem: near.length ? `closest: ${near.map(describe).join('; ')}` : 'no employee with that name or email' }],
    hint: near.length ? 'Use one of the closest names, its employee_id, or call desktime_list_employees.' : 'Check the spelling, or pass employee_id.',
  });
}
