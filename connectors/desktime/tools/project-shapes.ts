import { z } from 'zod';
import { unsupportedByVendor } from '../../../src/errors';
import type { ActedAs } from '../../../src/identity/identity';
import type { ToolContext } from '../../../src/registry/types';
import { extraFields } from '../format';
import { readObject } from '../../../src/vendor-http/tolerant';
import type { DesktimeCaller, DesktimeRuntime } from '../runtime';
import { employeeIdArg, extraOut, vendorProject, vendorTask } from '../schemas';
import { employeeRefOut } from './employee-day';

export const taskOut = z.object({ id: z.number().int().nullable(), name: z.string().nullable() });

export const projectOut = z.object({
  id: z.number().int().nullable(),
  name: z.string().nullable(),
  created_at: z.string().nullable(),
  tasks: z.array(taskOut),
  extra: extraOut,
});
export type ProjectOut = z.infer<typeof projectOut>;

const PROJECT_KEYS = Object.keys(vendorProject.shape);

function toTasks(raw: unknown): z.infer<typeof taskOut>[] {
  if (!raw || typeof raw !== 'object') return [];
  const list = Array.isArray(raw) ? raw : Object.values(raw);
  return list.flatMap((entry) => {
    // A task may be a bare name.
    if (typeof entry === 'string') return [{ id: null, name: entry }];
    const task = readObject(vendorTask, entry, { vendor: 'desktime', what: 'task' });
    return task ? [{ id: task.id ?? null, name: task.name ?? null }] : [];
  });
}

/** Tolerant: DeskTime's project shape is known only from Composio's docs. Returns undefined for non-objects. */
export function toProject(raw: unknown): ProjectOut | undefined {
  const project = readObject(vendorProject, raw, { vendor: 'desktime', what: 'project' });
  if (!project) return undefined;
  return {
    id: project.id ?? null,
    name: project.name ?? null,
    created_at: project.created_at ?? null,
    tasks: toTasks(project.tasks),
    extra: extraFields(project, PROJECT_KEYS),
  };
}

export const projectNameArg = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .describe('Project name exactly as DeskTime shows it (desktime_list_projects), e.g. "Client website redesign".');

export const taskNameArg = z.string().trim().min(1).max(255).optional().describe('Task name within the project, e.g. "Design review". Optional.');

/**
 * Start and stop act on whoever owns the DeskTime API key, whatever the
 * arguments say. Naming another employee is answered here, before anything
 * is sent: only the owner's id is looked up (a cached read).
 */
export async function requireKeyOwner(runtime: DesktimeCaller, employeeId: number | undefined, verb: 'start' | 'stop') {
  if (employeeId === undefined) return null;
  const owner = await runtime.keyOwner();
  if (owner.id === employeeId) return owner;
  throw unsupportedByVendor(
    `DeskTime can ${verb} tracking only for the owner of the gateway's API key (employee ${owner.id}), not for employee ${employeeId}.`,
    {
      connector: 'desktime',
      hint: `Omit employee_id to ${verb} tracking for the key owner; employee ${employeeId} has to ${verb} it in their own DeskTime app.`,
      alternatives: ['desktime_get_employee to see what that employee is tracking now'],
    },
  );
}

/**
 * Whose tracking a start or stop changes: always the key's owner, so a caller
 * who is another DeskTime employee is refused with how to link their own key
 * (src/identity), unless DESKTIME_SHARED_WRITES=owner. `employee` is that
 * owner; `acted_as` says how.
 */
export async function trackingAccount(ctx: ToolContext<DesktimeRuntime>, args: { employee_id?: number }, verb: 'start' | 'stop') {
  const caller = ctx.runtime.forCaller(ctx);
  await requireKeyOwner(caller, args.employee_id, verb);
  const { account, actedAs } = await ctx.runtime.identity.writer(ctx, `${verb} tracking`);
  // The key's owner, as far as DeskTime said who that is.
  const employee = account ? { id: Number(account.id), name: account.name } : null;
  return { employee, actedAs: actedAs satisfies ActedAs };
}

/** Input of the start and stop tools: the same fields, worded for the action. */
export function trackingInput(verb: 'start' | 'stop') {
  return z.strictObject({
    project: projectNameArg,
    task: taskNameArg,
    employee_id: employeeIdArg.describe(`Optional check only: any id but the API key owner's is refused without ${verb === 'start' ? 'starting' : 'stopping'} anything.`),
  });
}

/** Output of the start and stop tools; `flag` is `started` or `stopped`. */
export function trackingOutput<Flag extends 'started' | 'stopped'>(flag: Flag) {
  return z.object({
    ...({ [flag]: z.literal(true) } as Record<Flag, z.ZodLiteral<true>>),
    project: z.string(),
    task: z.string().nullable(),
    employee: employeeRefOut.nullable().describe('Whose tracking changed: the API key\'s owner (acted_as says whether that is you).'),
  });
}
