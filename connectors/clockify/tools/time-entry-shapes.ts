import { z } from 'zod';
import { invalidArgument, permissionDenied } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import { CONNECTOR } from '../errors';
import { moneyOf } from '../../../src/format/money';
import { moneyFromVendor, moneyOut, rateWithoutCurrency } from '../money';
import type { ClockifyRuntime } from '../runtime';
import { personArg, personId, personIdOrMeArg } from './object-names';
import { clockifyId, extraFields, vendorTimeEntry, type VendorTimeEntry } from '../schemas';
import { formatInZone, parseDurationInput, parseIsoDuration, parseTimeInput, readableDuration, toClockifyInstant } from '../time';
import { vendorPath } from '../../../src/vendor-http/path';

/** Shared by the time_entries tools: inputs (names or ids), the entry as the model reads it, guards. */

export type Ctx = ToolContext<ClockifyRuntime>;

const ref = z.object({ id: z.string(), name: z.string().nullable() });

export const timeEntryOut = z.object({
  id: z.string().nullable(),
  description: z.string(),
  user: ref,
  project: ref.nullable(),
  client: ref.nullable(),
  task: ref.nullable(),
  tags: z.array(ref),
  billable: z.boolean(),
  start: z.string(),
  end: z.string().nullable(),
  running: z.boolean(),
  duration_seconds: z.number().int().min(0).max(1e9),
  duration: z.string(),
  hourly_rate: moneyOut.nullable(),
  billable_amount: moneyOut.nullable().describe("What the entry bills (Clockify's totalBillable), in the rate's currency or the workspace's; null when Clockify sends no total."),
  type: z.string(),
  extra: z.record(z.string(), z.unknown()),
});
export type TimeEntryOut = z.infer<typeof timeEntryOut>;

// totalBillable is integer cents without a currency beside it: mapped to billable_amount, never left in extra (13500 read as 13,500 EUR).
const KNOWN = ['id', 'description', 'userId', 'workspaceId', 'projectId', 'taskId', 'tagIds', 'billable', 'type', 'timeInterval', 'hourlyRate', 'project', 'task', 'tags', 'user', 'customFieldValues', 'kioskId', 'costRate', 'isLocked', 'totalBillable'];

/** The currency of the entry's rate, when Clockify sends one with it. */
const rateCurrencyOf = (raw: VendorTimeEntry): unknown => (raw.hourlyRate && typeof raw.hourlyRate === 'object' ? (raw.hourlyRate as { currency?: unknown }).currency : undefined);

/** Whether some money of the entry (its rate, its totalBillable) comes without a currency, so the workspace's names it. */
function needsWorkspaceCurrency(raw: VendorTimeEntry): boolean {
  const total = (raw as Record<string, unknown>).totalBillable;
  return rateWithoutCurrency(raw) || (total !== undefined && total !== null && !rateCurrencyOf(raw));
}

/** A Clockify entry with names beside ids (from `hydrated` when present, else the name cache) and times in `timeZone`. */
export async function toTimeEntry(ctx: Ctx, ws: string, raw: VendorTimeEntry, timeZone: string, userNames: Record<string, string | null> = {}): Promise<TimeEntryOut> {
  const names = ctx.runtime.names;
  const projectId = raw.projectId ?? raw.project?.id ?? null;
  const taskId = raw.taskId ?? raw.task?.id ?? null;
  const tagIds = raw.tagIds ?? raw.tags?.map((t) => t.id).filter((id): id is string => Boolean(id)) ?? [];
  const userId = raw.userId ?? raw.user?.id ?? '';
  const quiet = <T>(p: Promise<T>, fallback: T) => p.catch(() => fallback);

  const project = projectId ? await quiet(names.find(ctx, ws, 'project', projectId), undefined) : undefined;
  const projectName = raw.project?.name ?? project?.name ?? null;
  const clientId = raw.project?.clientId || project?.clientId || null;
  const clientName = raw.project?.clientName || project?.clientName || null;
  const taskName = raw.task?.name ?? (taskId && projectId ? await quiet(names.nameOf(ctx, ws, 'task', taskId, projectId), null) : null);
  const hydratedTags = new Map((raw.tags ?? []).map((t) => [t.id, t.name ?? null]));
  const tags = await Promise.all(
    tagIds.map(async (id) => ({ id, name: hydratedTags.get(id) ?? (await quiet(names.nameOf(ctx, ws, 'tag', id), null)) })),
  );
  // Money without a currency is in the workspace's default currency (not USD); asked only then, and null if even that is unknown.
  const workspaceCurrency = needsWorkspaceCurrency(raw) ? await quiet(ctx.runtime.workspace(ctx, ws).then((w) => w.currency), undefined) : undefined;
  const userName = raw.user?.name ?? (userId in userNames ? userNames[userId]! : await quiet(names.nameOf(ctx, ws, 'user', userId), null));

  const startRaw = raw.timeInterval.start ?? null;
  const endRaw = raw.timeInterval.end ?? null;
  const running = endRaw === null;
  const startMs = startRaw ? Date.parse(startRaw) : NaN;
  let seconds = raw.timeInterval.duration ? parseIsoDuration(raw.timeInterval.duration) : undefined;
  if (seconds === undefined && !Number.isNaN(startMs)) {
    const endMs = endRaw ? Date.parse(endRaw) : ctx.runtime.now().getTime();
    seconds = Math.max(0, Math.round((endMs - startMs) / 1000));
  }
  return {
    id: raw.id,
    description: raw.description ?? '',
    user: { id: userId, name: userName },
    project: projectId ? { id: projectId, name: projectName } : null,
    client: clientId ? { id: clientId, name: clientName } : null,
    task: taskId ? { id: taskId, name: taskName } : null,
    tags,
    billable: raw.billable ?? false,
    start: Number.isNaN(startMs) ? (startRaw ?? '') : formatInZone(new Date(startMs), timeZone),
    end: endRaw ? formatInZone(endRaw, timeZone) : null,
    running,
    duration_seconds: seconds ?? 0,
    duration: readableDuration(seconds ?? 0),
    hourly_rate: moneyFromVendor(raw.hourlyRate, workspaceCurrency),
    // totalBillable is cents in the rate's currency (the workspace's when the rate names none).
    billable_amount: moneyOf((raw as Record<string, unknown>).totalBillable, rateCurrencyOf(raw), workspaceCurrency),
    type: raw.type ?? 'REGULAR',
    extra: extraFields(raw, KNOWN),
  };
}

/** Several entries, with the user names looked up once. */
export async function toTimeEntries(ctx: Ctx, ws: string, raws: VendorTimeEntry[], timeZone: string, me?: { id: string; name: string | null }) {
  const userNames: Record<string, string | null> = me ? { [me.id]: me.name } : {};
  const out: TimeEntryOut[] = [];
  for (const raw of raws) out.push(await toTimeEntry(ctx, ws, raw, timeZone, userNames));
  return out;
}

export const entryId = clockifyId.describe('From clockify_list_time_entries.');
/** user_id of the tools that act on someone: "me", an id, or (as people give it) a name, first name or email. */
export const userRefArg = personIdOrMeArg;
export const userIdArg = personIdOrMeArg;
export const userArg = personArg.optional().describe('Or the user by name, first name or email.');

/** The user a tool acts on: the person given in user_id (see personId), or the caller (`me`) when none is given. */
export async function userOrMe(ctx: Ctx, ws: string, given: string | undefined, me: { id: string }): Promise<string> {
  return given === undefined ? me.id : personId(ctx, ws, given, 'user_id', { me });
}

/**
 * Whose entries: user_id (an id or "me"), or user (an id, email, full name,
 * unique first name or "me", through src/format/names.ts matchPerson), else
 * the caller (`me`: the acting user of CLOCKIFY_ACT_AS).
 */
export async function targetUserId(ctx: Ctx, ws: string, args: { user_id?: string | undefined; user?: string | undefined }, me: { id: string }): Promise<string> {
  if (args.user_id !== undefined && args.user !== undefined) throw both('user', 'user_id');
  const given = args.user ?? args.user_id;
  if (given === undefined) return me.id;
  return personId(ctx, ws, given, args.user !== undefined ? 'user' : 'user_id', { me });
}

/** The fields a create or update takes, names beside ids. */
export const entryFields = {
  start: z.string().optional().describe('"yesterday 14:00", "14:00", ISO (no offset = your zone) or "now".'),
  end: z.string().optional().describe('Same format as start.'),
  duration: z.union([z.string(), z.number()]).optional().describe('Instead of end: "1h30m", "1.5h", "1:30" or minutes (90). Alone: ending now.'),
  description: z.string().optional().describe('What was done.'),
  project: z.string().optional().describe('Project name (or project_id).'),
  project_id: clockifyId.optional().describe('Project id.'),
  task: z.string().optional().describe('Task name (or task_id).'),
  task_id: clockifyId.optional().describe('Task id.'),
  tags: z.array(z.string()).optional().describe('Tag names (or tag_ids).'),
  tag_ids: z.array(clockifyId).optional().describe('Tag ids.'),
  billable: z.boolean().optional().describe("Default: the project's."),
};

export interface EntryRefArgs {
  project?: string;
  project_id?: string;
  task?: string;
  task_id?: string;
  tags?: string[];
  tag_ids?: string[];
}

function both(a: string, b: string) {
  return invalidArgument(`Pass either ${a} or ${b}, not both.`, { connector: CONNECTOR, fields: [{ field: a, problem: `given together with ${b}` }], hint: `Keep ${b} (the id) and drop ${a}.` });
}

/** Names → ids for project, task and tags; undefined means "not given". */
export async function resolveRefs(ctx: Ctx, ws: string, args: EntryRefArgs, currentProjectId?: string | null) {
  if (args.project !== undefined && args.project_id !== undefined) throw both('project', 'project_id');
  if (args.task !== undefined && args.task_id !== undefined) throw both('task', 'task_id');
  if (args.tags !== undefined && args.tag_ids !== undefined) throw both('tags', 'tag_ids');
  const names = ctx.runtime.names;
  const projectId = args.project_id ?? (args.project !== undefined ? (await names.resolve(ctx, ws, 'project', args.project, { field: 'project' })).id : undefined);
  let taskId = args.task_id;
  if (args.task !== undefined) {
    const inProject = projectId ?? currentProjectId;
    if (!inProject) {
      throw invalidArgument('A task name needs the project it belongs to.', {
        connector: CONNECTOR,
        fields: [{ field: 'task', problem: 'no project given' }],
        hint: 'Add project (name) or project_id, or pass task_id.',
      });
    }
    taskId = (await names.resolve(ctx, ws, 'task', args.task, { field: 'task', projectId: inProject })).id;
  }
  let tagIds = args.tag_ids;
  if (args.tags !== undefined) {
    tagIds = [];
    for (const tag of args.tags) tagIds.push((await names.resolve(ctx, ws, 'tag', tag, { field: 'tags' })).id);
  }
  return { projectId, taskId, tagIds };
}

/** start/end/duration → Clockify instants. With neither end nor duration: a running timer (end null). */
export function resolveInterval(
  args: { start?: string; end?: string; duration?: string | number },
  timeZone: string,
  now: Date,
  current?: { start: Date; end: Date | null },
): { start: Date; end: Date | null } {
  if (args.end !== undefined && args.duration !== undefined) throw both('duration', 'end');
  // "Log 2 hours" with no start: the 2 hours that just ended.
  if (args.start === undefined && args.end === undefined && args.duration !== undefined && !current) {
    const seconds = parseDurationInput(args.duration);
    const end = new Date(Math.floor(now.getTime() / 1000) * 1000);
    return { start: new Date(end.getTime() - seconds * 1000), end };
  }
  const start = args.start !== undefined ? parseTimeInput(args.start, timeZone, now, 'start') : (current?.start ?? now);
  let end: Date | null;
  if (args.end !== undefined) end = parseTimeInput(args.end, timeZone, now, 'end');
  else if (args.duration !== undefined) end = new Date(start.getTime() + parseDurationInput(args.duration) * 1000);
  else if (current) end = current.end === null ? null : new Date(start.getTime() + (current.end.getTime() - current.start.getTime()));
  else end = null;
  if (end !== null && end.getTime() <= start.getTime()) {
    throw invalidArgument('The end is not after the start.', {
      connector: CONNECTOR,
      fields: [{ field: args.end !== undefined ? 'end' : 'start', problem: `start ${formatInZone(start, timeZone)}, end ${formatInZone(end, timeZone)}` }],
      hint: 'Give an end after the start, or a positive duration.',
    });
  }
  return { start, end };
}

export const instant = toClockifyInstant;

/** Workspace rules Clockify enforces (forceTasks, forceProjects), checked before the write. */
export async function checkWorkspaceRules(ctx: Ctx, ws: string, refs: { projectId?: string | null; taskId?: string | null }) {
  const info = await ctx.runtime.workspace(ctx, ws);
  if (info.forceProjects && !refs.projectId) {
    throw invalidArgument('This workspace requires a project on every time entry.', {
      connector: CONNECTOR,
      fields: [{ field: 'project', problem: 'required by the workspace' }],
      hint: 'Add project (name) or project_id; clockify_list_projects lists them.',
      alternatives: ['clockify_list_projects'],
    });
  }
  if (info.forceTasks && !refs.taskId) {
    throw invalidArgument('This workspace requires a task on every time entry.', {
      connector: CONNECTOR,
      fields: [{ field: 'task', problem: 'required by the workspace (forceTasks)' }],
      hint: 'Add task (name, with its project) or task_id; clockify_list_tasks lists a project\'s tasks.',
      alternatives: ['clockify_list_tasks'],
    });
  }
}

/** Acting on another user's entries needs the admin role in deskgate (Clockify checks its own roles too). */
export function assertMayActFor(ctx: Ctx, me: { id: string }, userId: string) {
  if (userId === me.id || ctx.principal.user.role === 'admin') return;
  throw permissionDenied("Only deskgate admins may change or stop another user's time entries.", {
    connector: CONNECTOR,
    hint: 'Act on your own entries (omit user_id), or ask a deskgate admin.',
  });
}

/** A time entry by id, plain (for merging before a PUT). */
export function getEntry(ctx: Ctx, ws: string, id: string, hydrated = false) {
  return ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/time-entries/{time_entry_id}', { workspace_id: ws, time_entry_id: id }), vendorTimeEntry, {
    operation: 'get time entry',
    query: hydrated ? { hydrated: true } : undefined,
  });
}

/** The body Clockify's PUT expects, from a current entry and changes (the PUT replaces everything). */
export function updateBody(current: VendorTimeEntry, change: { start?: Date; end?: Date | null; description?: string; projectId?: string; taskId?: string; tagIds?: string[]; billable?: boolean }) {
  const projectId = change.projectId ?? current.projectId ?? current.project?.id ?? undefined;
  // A new project drops the old project's task unless a task was given.
  const taskId = change.taskId ?? (change.projectId !== undefined && change.projectId !== current.projectId ? undefined : (current.taskId ?? undefined));
  const body: Record<string, unknown> = {
    start: change.start ? instant(change.start) : current.timeInterval.start,
    end: change.end === undefined ? (current.timeInterval.end ?? undefined) : change.end === null ? undefined : instant(change.end),
    description: change.description ?? current.description ?? '',
    projectId,
    taskId,
    tagIds: change.tagIds ?? current.tagIds ?? [],
    billable: change.billable ?? current.billable ?? undefined,
    type: current.type ?? undefined,
  };
  for (const k of Object.keys(body)) if (body[k] === undefined || body[k] === null) delete body[k];
  return body;
}
