import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, idArg, workspaceIdArg } from '../schemas';
import { idOrName, lookupFor, requireIdOrName, userNameArg } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';

export const clockifyRemoveUserFromGroup = defineTool({
  name: 'clockify_remove_user_from_group',
  title: 'Remove a user from a Clockify user group',
  description: [
    'Removes a member from a user group (they stay in the workspace) and returns the group with its remaining members. Pass user_id or user (name or email).',
    'Example: clockify_remove_user_from_group {"group_id": "68e1a2b3c4d5e6f7a8b9c001", "user_id": "5a0ab5acb07987125438b610"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    group_id: idArg('User group', 'clockify_list_user_groups'),
    user_id: clockifyId.optional().describe('User id (from clockify_list_user_groups members or clockify_list_users).'),
    user: userNameArg,
  }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireIdOrName('user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const userId = await idOrName(ctx, ws, 'user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const raw = await ctx.runtime.api.call(ctx, 'DELETE', `/workspaces/${ws}/user-groups/${args.group_id}/users/${userId}`, vendorGroup, {
      operation: 'remove user from group',
    });
    return { group: toGroup(raw, await lookupFor(ctx, ws, { users: raw.userIds ?? [] })) };
  },
});
