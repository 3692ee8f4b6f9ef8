import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { groupIdOf, groupRefArgs, idOrName, lookupFor, requireGroup, requireIdOrName, userNameArg , personRefArg } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyRemoveUserFromGroup = defineTool({
  name: 'clockify_remove_user_from_group',
  title: 'Remove a user from a Clockify user group',
  description: [
    'Removes a member from a user group (they stay in the workspace) and returns the group with its remaining members. Pass group_id or group (its name), and user_id or user (name or email).',
    'Example: clockify_remove_user_from_group {"group": "Design", "user_id": "5a0ab5acb07987125438b610"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...groupRefArgs,
    user_id: personRefArg,
    user: userNameArg,
  }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireGroup(args);
    requireIdOrName('user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const groupId = await groupIdOf(ctx, ws, args);
    const userId = await idOrName(ctx, ws, 'user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const raw = await ctx.runtime.api.call(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/user-groups/{group_id}/users/{user_id}', { workspace_id: ws, group_id: groupId, user_id: userId }), vendorGroup, {
      operation: 'remove user from group',
    });
    return { group: toGroup(raw, await lookupFor(ctx, ws, { users: raw.userIds ?? [] })) };
  },
});
