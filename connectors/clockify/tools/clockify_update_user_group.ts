import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { groupIdOf, groupRefArgs, lookupFor, requireGroup } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateUserGroup = defineTool({
  name: 'clockify_update_user_group',
  title: 'Rename a Clockify user group',
  description: ['Renames a user group (its members stay). Pass group_id or group (its current name).', 'Example: clockify_update_user_group {"group": "Design", "name": "Product design"}'].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    ...groupRefArgs,
    name: z.string().trim().min(1).max(100).describe('New name.'),
  }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireGroup(args);
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const groupId = await groupIdOf(ctx, ws, args);
    const raw = await ctx.runtime.api.call(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/user-groups/{group_id}', { workspace_id: ws, group_id: groupId }), vendorGroup, {
      operation: 'update user group',
      body: { name: args.name },
    });
    ctx.runtime.names.forget(ws, 'group');
    return { group: toGroup(raw, await lookupFor(ctx, ws, { users: raw.userIds ?? [] })) };
  },
});
