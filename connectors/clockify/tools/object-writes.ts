import type { VendorClient, VendorProject, VendorTag, VendorTask } from './object-shapes';
import { taskAssigneeIds, taskStatusOf } from './object-shapes';

/**
 * Clockify's PUTs on clients, projects, tasks and tags replace the whole
 * object: a field left out is reset (a tag PUT without `archived`
 * un-archives it). Update tools therefore read the object, and these build
 * the full body from what was read plus the fields the caller changes.
 */

const definedOnly = <T extends Record<string, unknown>>(body: T): T =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as T;

const rateCents = (rate: VendorProject['hourlyRate']): number | undefined => {
  if (!rate) return undefined;
  const amount = typeof rate.amount === 'string' ? Number(rate.amount) : rate.amount;
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : undefined;
};

export interface ClientPatch {
  name?: string;
  email?: string | null;
  address?: string | null;
  note?: string | null;
  archived?: boolean;
}

const clearable = (v: string | null | undefined) => (v === null ? '' : v);

export function clientPutBody(current: VendorClient, patch: ClientPatch): Record<string, unknown> {
  const pick = <K extends keyof ClientPatch>(key: K, now: ClientPatch[K] | undefined) => (patch[key] === undefined ? now : patch[key]);
  return definedOnly({
    name: pick('name', current.name ?? undefined),
    // null clears a field; a field empty at Clockify and not changed stays out.
    email: clearable(pick('email', current.email ?? undefined)),
    address: clearable(pick('address', current.address ?? undefined)),
    note: clearable(pick('note', current.note ?? undefined)),
    archived: pick('archived', current.archived ?? false),
    ccEmails: current.ccEmails ?? undefined,
    currencyId: current.currencyId ?? undefined,
  });
}

export interface ProjectPatch {
  name?: string;
  clientId?: string | null;
  billable?: boolean;
  isPublic?: boolean;
  color?: string;
  note?: string | null;
  archived?: boolean;
  /** Integer cents. */
  hourlyRateCents?: number;
  costRateCents?: number;
}

export function projectPutBody(current: VendorProject, patch: ProjectPatch): Record<string, unknown> {
  const hourly = patch.hourlyRateCents ?? rateCents(current.hourlyRate);
  const cost = patch.costRateCents ?? rateCents(current.costRate);
  return definedOnly({
    name: patch.name ?? current.name ?? undefined,
    clientId: patch.clientId === undefined ? current.clientId || undefined : (patch.clientId ?? ''),
    billable: patch.billable ?? current.billable ?? false,
    isPublic: patch.isPublic ?? current.public ?? current.isPublic ?? false,
    color: patch.color ?? current.color ?? undefined,
    note: patch.note === undefined ? (current.note ?? undefined) : (patch.note ?? ''),
    archived: patch.archived ?? current.archived ?? false,
    hourlyRate: hourly === undefined ? undefined : { amount: hourly },
    costRate: cost === undefined ? undefined : { amount: cost },
  });
}

export interface TaskPatch {
  name?: string;
  status?: 'ACTIVE' | 'DONE';
  assigneeIds?: string[];
  /** ISO 8601 duration, e.g. "PT2H". */
  estimate?: string;
  billable?: boolean;
}

export function taskPutBody(current: VendorTask, patch: TaskPatch): Record<string, unknown> {
  return definedOnly({
    name: patch.name ?? current.name ?? undefined,
    status: patch.status ?? taskStatusOf(current.status) ?? undefined,
    assigneeIds: patch.assigneeIds ?? taskAssigneeIds(current),
    userGroupIds: current.userGroupIds ?? undefined,
    estimate: patch.estimate ?? current.estimate ?? undefined,
    billable: patch.billable ?? current.billable ?? undefined,
  });
}

export function tagPutBody(current: VendorTag, patch: { name?: string; archived?: boolean }): Record<string, unknown> {
  return { name: patch.name ?? current.name ?? '', archived: patch.archived ?? current.archived ?? false };
}
