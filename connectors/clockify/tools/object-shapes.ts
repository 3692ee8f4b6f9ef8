import { z } from 'zod';
import { moneyFromVendor, moneyOut } from '../money';
import { extraOut } from '../schemas';
import { extraWithUnreadable } from '../../../src/vendor-http/tolerant';
import { parseIsoDuration, readableDuration } from '../time';

/**
 * Workspace objects (user groups, clients, projects, tasks, tags): what
 * Clockify sends (parsed leniently: ids and names are what the tools need,
 * everything else is optional and unknown fields go to `extra`) and what the
 * model reads (names beside ids, money in decimal units, durations in
 * seconds plus a readable form).
 */

const str = z.string().nullish();
const bool = z.boolean().nullish();
const ids = z.array(z.string()).nullish();

export const vendorGroup = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  userIds: ids,
  // Objects {id, name} per both specs and the live examples; plain ids are read too (seen from outside, issue #19).
  teamManagers: z.array(z.union([z.string(), z.looseObject({ id: z.string(), name: str })])).nullish(),
  workspaceId: str,
});
export type VendorGroup = z.infer<typeof vendorGroup>;

export const vendorClient = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  archived: bool,
  email: str,
  address: str,
  note: str,
  ccEmails: ids,
  currencyId: str,
  currencyCode: str,
  workspaceId: str,
});
export type VendorClient = z.infer<typeof vendorClient>;

const vendorRate = z.looseObject({ amount: z.union([z.number(), z.string()]).nullish(), currency: str }).nullish();

export const vendorMembership = z.looseObject({
  userId: z.string(),
  hourlyRate: vendorRate,
  costRate: vendorRate,
  targetId: str,
  membershipType: str,
  membershipStatus: str,
});
export type VendorMembership = z.infer<typeof vendorMembership>;

export const vendorProject = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  clientId: str,
  clientName: str,
  workspaceId: str,
  billable: bool,
  public: bool,
  isPublic: bool,
  archived: bool,
  color: str,
  note: str,
  duration: str,
  hourlyRate: vendorRate,
  costRate: vendorRate,
  memberships: z.array(vendorMembership).nullish(),
});
export type VendorProject = z.infer<typeof vendorProject>;

export const vendorTask = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  projectId: str,
  assigneeIds: ids,
  assigneeId: str,
  userGroupIds: ids,
  estimate: str,
  status: z.union([z.string(), z.looseObject({})]).nullish(),
  duration: str,
  billable: bool,
  hourlyRate: vendorRate,
  costRate: vendorRate,
});
export type VendorTask = z.infer<typeof vendorTask>;

export const vendorTag = z.looseObject({ id: z.string(), name: z.string().nullish(), archived: bool, workspaceId: str });
export type VendorTag = z.infer<typeof vendorTag>;

/** Fields Clockify sent beyond `known`, and known ones sent in a shape the tool could not read (raw). */
export function extraOf(raw: Record<string, unknown>, known: z.ZodObject): Record<string, unknown> {
  return extraWithUnreadable(raw, Object.keys(known.shape));
}

const durationOut = z.object({ seconds: z.number().int().min(0).max(1e10), readable: z.string() });
const nameRef = z.object({ id: z.string(), name: z.string().nullable() });

/** Resolved names the converters put beside ids; unknown ids read as null. */
export interface NameLookup {
  user?: (id: string) => string | null | undefined;
  userEmail?: (id: string) => string | null | undefined;
  client?: (id: string) => string | null | undefined;
  project?: (id: string) => string | null | undefined;
  /** The workspace's default currency, for rates Clockify sends without one (lookupFor with `rated`). */
  currency?: string | null;
}

const nonEmpty = (v: string | null | undefined) => (v ? v : null);

/** ISO 8601 (`PT4H15M`, what Clockify sends) or, as the spec describes projects, milliseconds ("60000"). */
function duration(value: string | null | undefined) {
  if (!value) return null;
  const seconds = /^\d+$/.test(value) ? Math.round(Number(value) / 1000) : parseIsoDuration(value);
  return seconds === undefined ? null : { seconds, readable: readableDuration(seconds) };
}

// ---------------------------------------------------------------------------
// User groups

export const groupOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })),
  member_count: z.number().int().min(0).max(100_000),
  team_managers: z.array(nameRef),
  extra: extraOut,
});
export type GroupOut = z.infer<typeof groupOut>;

export function toGroup(raw: VendorGroup, names: NameLookup): GroupOut {
  const members = (raw.userIds ?? []).map((id) => ({ id, name: names.user?.(id) ?? null, email: names.userEmail?.(id) ?? null }));
  return {
    id: raw.id,
    name: raw.name ?? null,
    members,
    member_count: members.length,
    team_managers: (raw.teamManagers ?? []).map((m) => (typeof m === 'string' ? { id: m, name: names.user?.(m) ?? null } : { id: m.id, name: m.name ?? names.user?.(m.id) ?? null })),
    extra: extraOf(raw, vendorGroup),
  };
}

// ---------------------------------------------------------------------------
// Clients

export const clientOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  archived: z.boolean(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  currency: z.string().nullable(),
  extra: extraOut,
});
export type ClientOut = z.infer<typeof clientOut>;

export function toClient(raw: VendorClient): ClientOut {
  return {
    id: raw.id,
    name: raw.name ?? null,
    archived: raw.archived ?? false,
    email: nonEmpty(raw.email),
    address: nonEmpty(raw.address),
    note: nonEmpty(raw.note),
    currency: nonEmpty(raw.currencyCode),
    extra: extraOf(raw, vendorClient),
  };
}

// ---------------------------------------------------------------------------
// Projects

const memberOut = z.object({
  user_id: z.string().nullable(),
  user_name: z.string().nullable(),
  hourly_rate: moneyOut.nullable(),
  cost_rate: moneyOut.nullable(),
  status: z.string().nullable(),
});

export const projectOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  archived: z.boolean(),
  billable: z.boolean(),
  public: z.boolean(),
  color: z.string().nullable(),
  note: z.string().nullable(),
  hourly_rate: moneyOut.nullable(),
  cost_rate: moneyOut.nullable(),
  tracked: durationOut.nullable().describe('Time tracked on the project so far.'),
  members: z.array(memberOut).describe('Project members (user memberships) with their project rates.'),
  extra: extraOut,
});
export type ProjectOut = z.infer<typeof projectOut>;

export function toMember(m: VendorMembership, names: NameLookup) {
  return {
    user_id: m.userId,
    user_name: names.user?.(m.userId) ?? null,
    hourly_rate: moneyFromVendor(m.hourlyRate, names.currency),
    cost_rate: moneyFromVendor(m.costRate, names.currency),
    status: m.membershipStatus ?? null,
  };
}

export function toProject(raw: VendorProject, names: NameLookup): ProjectOut {
  const clientId = nonEmpty(raw.clientId);
  return {
    id: raw.id,
    name: raw.name ?? null,
    client_id: clientId,
    client_name: nonEmpty(raw.clientName) ?? (clientId ? (names.client?.(clientId) ?? null) : null),
    archived: raw.archived ?? false,
    billable: raw.billable ?? false,
    public: raw.public ?? raw.isPublic ?? false,
    color: nonEmpty(raw.color),
    note: nonEmpty(raw.note),
    hourly_rate: moneyFromVendor(raw.hourlyRate, names.currency),
    cost_rate: moneyFromVendor(raw.costRate, names.currency),
    tracked: duration(raw.duration),
    members: (raw.memberships ?? []).filter((m) => (m.membershipType ?? 'PROJECT') === 'PROJECT').map((m) => toMember(m, names)),
    extra: extraOf(raw, vendorProject),
  };
}

// ---------------------------------------------------------------------------
// Tasks

export const taskStatusOut = z.enum(['ACTIVE', 'DONE']).nullable();

export const taskOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  project_id: z.string().nullable(),
  project_name: z.string().nullable(),
  status: taskStatusOut,
  billable: z.boolean().nullable(),
  estimate: durationOut.nullable(),
  tracked: durationOut.nullable(),
  assignees: z.array(nameRef),
  hourly_rate: moneyOut.nullable(),
  cost_rate: moneyOut.nullable(),
  extra: extraOut,
});
export type TaskOut = z.infer<typeof taskOut>;

/** Clockify sends a task's status as "ACTIVE"/"DONE" (the spec also shows an object form). */
export function taskStatusOf(status: unknown): 'ACTIVE' | 'DONE' | null {
  if (status === 'ACTIVE' || status === 'DONE') return status;
  if (status && typeof status === 'object') {
    const active = (status as Record<string, unknown>).active;
    if (typeof active === 'boolean') return active ? 'ACTIVE' : 'DONE';
  }
  return null;
}

export function taskAssigneeIds(raw: VendorTask): string[] {
  const list = raw.assigneeIds ?? [];
  return list.length || !raw.assigneeId ? [...list] : [raw.assigneeId];
}

export function toTask(raw: VendorTask, names: NameLookup): TaskOut {
  const projectId = nonEmpty(raw.projectId);
  const estimate = duration(raw.estimate);
  return {
    id: raw.id,
    name: raw.name ?? null,
    project_id: projectId,
    project_name: projectId ? (names.project?.(projectId) ?? null) : null,
    status: taskStatusOf(raw.status),
    billable: raw.billable ?? null,
    estimate: estimate && estimate.seconds > 0 ? estimate : null,
    tracked: duration(raw.duration),
    assignees: taskAssigneeIds(raw).map((id) => ({ id, name: names.user?.(id) ?? null })),
    hourly_rate: moneyFromVendor(raw.hourlyRate, names.currency),
    cost_rate: moneyFromVendor(raw.costRate, names.currency),
    extra: extraOf(raw, vendorTask),
  };
}

// ---------------------------------------------------------------------------
// Tags

export const tagOut = z.object({ id: z.string().nullable(), name: z.string().nullable(), archived: z.boolean(), extra: extraOut });
export type TagOut = z.infer<typeof tagOut>;

export function toTag(raw: VendorTag): TagOut {
  return { id: raw.id, name: raw.name ?? null, archived: raw.archived ?? false, extra: extraOf(raw, vendorTag) };
}
