import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { vendorGroup } from './object-shapes';

export const clockifyDeleteUserGroup = defineTool({
  name: 'clockify_delete_user_group',
  title: 'Delete a Clockify user group',
  description: [
    'Deletes a user group for good; its members stay in the workspace.',
    'Example: clockify_delete_user_group {"group_id": "68e1a2b3c4d5e6f7a8b9c002"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({ workspace_id: workspaceIdArg, group_id: idArg('User group', 'clockify_list_user_groups') }),
  output: z.object({ deleted: z.literal(true), group: z.object({ id: z.string(), name: z.string().nullable(), member_count: z.number().int().min(0).max(100_000).nullable() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const body = await ctx.runtime.api.send(ctx, 'DELETE', `/workspaces/${ws}/user-groups/${args.group_id}`, { operation: 'delete user group' });
    const parsed = vendorGroup.safeParse(body);
    const group = parsed.success ? parsed.data : undefined;
    return { deleted: true as const, group: { id: args.group_id, name: group?.name ?? null, member_count: group?.userIds?.length ?? null } };
  },
});
