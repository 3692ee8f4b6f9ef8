import { z } from 'zod';
import { moneyFromVendor, moneyOut } from '../money';
import { extraFields, type VendorUser, type VendorWorkspace } from '../schemas';
import { isKnownTimeZone } from '../time';

/** Workspaces and users as the model reads them (workspace and users toolsets). */

export const workspaceOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  currency: z.string().nullable(),
  hourly_rate: moneyOut.nullable(),
  cost_rate: moneyOut.nullable(),
  plan: z.string().nullable(),
  member_count: z.number().int().min(0).max(1e6),
  settings: z.object({
    force_projects: z.boolean(),
    force_tasks: z.boolean(),
    force_tags: z.boolean(),
    force_description: z.boolean(),
    time_tracking_mode: z.string().nullable(),
  }),
  extra: z.record(z.string(), z.unknown()),
});

export function toWorkspace(raw: VendorWorkspace): z.infer<typeof workspaceOut> {
  const currency = raw.currencies?.find((c) => c.isDefault)?.code ?? raw.hourlyRate?.currency ?? null;
  const s = raw.workspaceSettings ?? {};
  return {
    id: raw.id,
    name: raw.name ?? null,
    currency,
    hourly_rate: moneyFromVendor(raw.hourlyRate, currency ?? undefined),
    cost_rate: moneyFromVendor(raw.costRate, currency ?? undefined),
    plan: raw.featureSubscriptionType ?? null,
    member_count: raw.memberships?.length ?? 0,
    settings: {
      force_projects: s.forceProjects === true,
      force_tasks: s.forceTasks === true,
      force_tags: s.forceTags === true,
      force_description: s.forceDescription === true,
      time_tracking_mode: s.timeTrackingMode ?? null,
    },
    extra: extraFields(raw, ['id', 'name', 'hourlyRate', 'costRate', 'memberships', 'workspaceSettings', 'currencies', 'featureSubscriptionType', 'imageUrl']),
  };
}

export const userOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string().nullable(),
  time_zone: z.string().nullable(),
  hourly_rate: moneyOut.nullable(),
  roles: z.array(z.string()),
  extra: z.record(z.string(), z.unknown()),
});

/** A workspace member; `ws` picks the member's rate in that workspace from their memberships. */
export function toUser(raw: VendorUser, ws: string, currency?: string | null): z.infer<typeof userOut> {
  const membership = (raw.memberships ?? []).find((m) => m.targetId === ws && (m.membershipType ?? 'WORKSPACE') === 'WORKSPACE') as Record<string, unknown> | undefined;
  const rolesRaw = (raw as Record<string, unknown>).roles;
  const roles = Array.isArray(rolesRaw)
    ? rolesRaw.map((r) => (typeof r === 'string' ? r : r && typeof r === 'object' ? String((r as Record<string, unknown>).role ?? '') : '')).filter(Boolean)
    : [];
  const tz = raw.settings?.timeZone ?? null;
  return {
    id: raw.id,
    name: raw.name ?? null,
    email: raw.email ?? null,
    status: raw.status ?? null,
    time_zone: tz && isKnownTimeZone(tz) ? tz : null,
    hourly_rate: moneyFromVendor(membership?.hourlyRate, currency),
    roles: [...new Set(roles)],
    extra: extraFields(raw, ['id', 'name', 'email', 'status', 'settings', 'memberships', 'roles', 'activeWorkspace', 'defaultWorkspace', 'profilePicture', 'customFields']),
  };
}
