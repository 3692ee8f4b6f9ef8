import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { groupIdOf, groupRefArgs, idOrName, lookupFor, requireGroup, requireIdOrName, userNameArg , personRefArg } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyAddUserToGroup = defineTool({
  name: 'clockify_add_user_to_group',
  title: 'Add a user to a Clockify user group',
  description: [
    'Adds a workspace member to a user group and returns the group with its members. Pass group_id or group (its name), and user_id or user (name or email).',
    'Example: clockify_add_user_to_group {"group": "Support", "user": "carol@example.com"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...groupRefArgs,
    user_id: personRefArg,
    user: userNameArg,
  }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireGroup(args);
    requireIdOrName('user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const groupId = await groupIdOf(ctx, ws, args);
    const userId = await idOrName(ctx, ws, 'user', args.user_id, args.user, { id: 'user_id', name: 'user' });
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/user-groups/{group_id}/users', { workspace_id: ws, group_id: groupId }), vendorGroup, {
      operation: 'add user to group',
      body: { userId },
      // Adding a member twice leaves one membership.
      idempotent: true,
    });
    return { group: toGroup(raw, await lookupFor(ctx, ws, { users: raw.userIds ?? [] })) };
  },
});
