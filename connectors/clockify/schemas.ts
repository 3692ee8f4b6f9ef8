import { z } from 'zod';
import { hexIdArg } from '../../src/vendor-http/ids';
import { extraWithUnreadable } from '../../src/vendor-http/tolerant';

/**
 * Vendor schemas parse what Clockify sends leniently (unknown fields kept,
 * a field of an unexpected type falls away); output schemas describe what
 * the model reads, exactly. Shared input pieces live here too.
 */

const opt = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A Clockify id (24 hex characters); checked by refine so the JSON schema the model reads stays short. */
export const clockifyId = hexIdArg(24, 'expected a 24-character Clockify id (from a list tool)');

/** A user id argument: a Clockify id, or "me" (the caller, src/identity). */
export const clockifyUserId = z
  .string()
  .trim()
  .refine((v) => /^[0-9a-fA-F]{24}$/.test(v) || v.toLowerCase() === 'me', 'expected "me" or a 24-character Clockify user id (from a list tool)');

/** Id arguments: a Clockify id (24 hex characters). */
export const idArg = (what: string, source: string) => clockifyId.describe(`${what} id (from ${source}).`);
export const workspaceIdArg = clockifyId.optional().describe('Default: the configured one.');

export const extraOut = z.record(z.string(), z.unknown()).describe('Other Clockify fields, as sent.');

export const vendorUser = z.looseObject({
  id: z.string(),
  name: opt(z.string().nullable()),
  email: opt(z.string().nullable()),
  status: opt(z.string()),
  activeWorkspace: opt(z.string().nullable()),
  defaultWorkspace: opt(z.string().nullable()),
  settings: opt(z.looseObject({ timeZone: opt(z.string().nullable()), weekStart: opt(z.string().nullable()) }).nullable()),
  memberships: opt(z.array(z.looseObject({})).nullable()),
});
export type VendorUser = z.infer<typeof vendorUser>;

export const vendorRate = z.looseObject({ amount: opt(z.number().nullable()), currency: opt(z.string().nullable()) });

export const vendorWorkspace = z.looseObject({
  id: z.string(),
  name: opt(z.string().nullable()),
  hourlyRate: opt(vendorRate.nullable()),
  costRate: opt(vendorRate.nullable()),
  memberships: opt(z.array(z.looseObject({})).nullable()),
  workspaceSettings: opt(
    z
      .looseObject({
        forceTasks: opt(z.boolean().nullable()),
        forceProjects: opt(z.boolean().nullable()),
        forceDescription: opt(z.boolean().nullable()),
        forceTags: opt(z.boolean().nullable()),
        timeTrackingMode: opt(z.string().nullable()),
      })
      .nullable(),
  ),
  currencies: opt(z.array(z.looseObject({ code: opt(z.string()), isDefault: opt(z.boolean()) })).nullable()),
  imageUrl: opt(z.string().nullable()),
  featureSubscriptionType: opt(z.string().nullable()),
});
export type VendorWorkspace = z.infer<typeof vendorWorkspace>;

/** Projects, clients, tags, tasks, users: what the name cache keeps. */
export const vendorNamed = z.looseObject({
  id: z.string(),
  name: opt(z.string().nullable()),
  archived: opt(z.boolean().nullable()),
  status: opt(z.string().nullable()),
  clientId: opt(z.string().nullable()),
  clientName: opt(z.string().nullable()),
  email: opt(z.string().nullable()),
});
export type VendorNamed = z.infer<typeof vendorNamed>;

export const vendorTimeInterval = z.looseObject({
  start: opt(z.string().nullable()),
  end: opt(z.string().nullable()),
  duration: opt(z.string().nullable()),
});

/** A time entry, plain or `hydrated` (then `project`, `task`, `tags` are objects with names). */
export const vendorTimeEntry = z.looseObject({
  id: z.string(),
  description: opt(z.string().nullable()),
  userId: opt(z.string().nullable()),
  workspaceId: opt(z.string().nullable()),
  projectId: opt(z.string().nullable()),
  taskId: opt(z.string().nullable()),
  tagIds: opt(z.array(z.string()).nullable()),
  billable: opt(z.boolean().nullable()),
  type: opt(z.string().nullable()),
  isLocked: opt(z.boolean().nullable()),
  timeInterval: vendorTimeInterval,
  hourlyRate: opt(vendorRate.nullable()),
  costRate: opt(vendorRate.nullable()),
  project: opt(z.looseObject({ id: opt(z.string()), name: opt(z.string().nullable()), clientId: opt(z.string().nullable()), clientName: opt(z.string().nullable()) }).nullable()),
  task: opt(z.looseObject({ id: opt(z.string()), name: opt(z.string().nullable()) }).nullable()),
  tags: opt(z.array(z.looseObject({ id: opt(z.string()), name: opt(z.string().nullable()) })).nullable()),
  user: opt(z.looseObject({ id: opt(z.string()), name: opt(z.string().nullable()) }).nullable()),
});
export type VendorTimeEntry = z.infer<typeof vendorTimeEntry>;

/** Fields of `raw` not in `known`, and known ones sent in a shape the tool could not read (raw). */
export function extraFields(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  return extraWithUnreadable(raw, known);
}
