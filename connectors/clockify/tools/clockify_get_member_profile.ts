import { isMe } from '../../../src/identity/identity';
import { z } from 'zod';
import { defineTool } from '../runtime';
import { extraFields, workspaceIdArg } from '../schemas';
import { parseIsoDuration, readableDuration } from '../time';
import { idOrName, requireIdOrName, userNameArg } from './object-names';
import { userIdArg } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

const vendorProfile = z.looseObject({
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  weekStart: z.string().nullable().optional(),
  workCapacity: z.string().nullable().optional(),
  workingDays: z.union([z.array(z.string()), z.string()]).nullable().optional(),
  imageUrl: z.string().nullable().optional(),
});

/** Clockify's example sends workingDays as a JSON string; the schema says array. Accept both. */
function days(raw: string[] | string | null | undefined): string[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return raw.split(',').map((d) => d.trim()).filter(Boolean);
  }
}

export const clockifyGetMemberProfile = defineTool({
  name: 'clockify_get_member_profile',
  title: "Get a member's profile",
  description: "A member's work profile: working days, daily capacity, week start (default: you; or pass user_id, or user by name or email).\nExample: clockify_get_member_profile {\"user\": \"bob@example.com\"}",
  toolset: 'users',
  input: z.strictObject({ user_id: userIdArg, user: userNameArg, workspace_id: workspaceIdArg }),
  output: z.object({
    user_id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    week_start: z.string().nullable(),
    working_days: z.array(z.string()),
    work_capacity_seconds: z.number().int().min(0).max(604800).nullable(),
    work_capacity: z.string().nullable(),
    extra: z.record(z.string(), z.unknown()),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    if (args.user_id && args.user) requireIdOrName('user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const mine = (args.user_id === undefined || isMe(args.user_id)) && (args.user === undefined || isMe(args.user));
    const userId = !mine ? await idOrName(ctx, ws, 'user', isMe(args.user_id) ? undefined : args.user_id, isMe(args.user) ? undefined : args.user, { id: 'user_id', name: 'user' }) : (await ctx.runtime.me(ctx, ws)).id;
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/member-profile/{user_id}', { workspace_id: ws, user_id: userId }), vendorProfile, { operation: 'get member profile' });
    const capacity = raw.workCapacity ? (parseIsoDuration(raw.workCapacity) ?? null) : null;
    return {
      user_id: userId,
      name: raw.name ?? null,
      email: raw.email ?? null,
      week_start: raw.weekStart ?? null,
      working_days: days(raw.workingDays),
      work_capacity_seconds: capacity,
      work_capacity: capacity === null ? null : readableDuration(capacity),
      extra: extraFields(raw, ['name', 'email', 'weekStart', 'workCapacity', 'workingDays', 'imageUrl']),
    };
  },
});
