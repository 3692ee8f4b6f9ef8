import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { groupIdOf, groupRefArgs, requireGroup } from './object-names';
import { vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteUserGroup = defineTool({
  name: 'clockify_delete_user_group',
  title: 'Delete a Clockify user group',
  description: [
    'Deletes a user group for good; its members stay in the workspace. Pass group_id or group (its name).',
    'Example: clockify_delete_user_group {"group": "Support"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({ workspace_id: workspaceIdArg, ...groupRefArgs }),
  output: z.object({ deleted: z.literal(true), group: z.object({ id: z.string(), name: z.string().nullable(), member_count: z.number().int().min(0).max(100_000).nullable() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireGroup(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const groupId = await groupIdOf(ctx, ws, args);
    const body = await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/user-groups/{group_id}', { workspace_id: ws, group_id: groupId }), { operation: 'delete user group' });
    ctx.runtime.names.forget(ws, 'group');
    const parsed = vendorGroup.safeParse(body);
    const group = parsed.success ? parsed.data : undefined;
    return { deleted: true as const, group: { id: groupId, name: group?.name ?? null, member_count: group?.userIds?.length ?? null } };
  },
});
