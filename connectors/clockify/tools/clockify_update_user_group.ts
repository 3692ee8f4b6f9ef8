import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';

export const clockifyUpdateUserGroup = defineTool({
  name: 'clockify_update_user_group',
  title: 'Rename a Clockify user group',
  description: ['Renames a user group (its members stay).', 'Example: clockify_update_user_group {"group_id": "68e1a2b3c4d5e6f7a8b9c001", "name": "Product design"}'].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    group_id: idArg('User group', 'clockify_list_user_groups'),
    name: z.string().trim().min(1).max(100).describe('New name.'),
  }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'PUT', `/workspaces/${ws}/user-groups/${args.group_id}`, vendorGroup, {
      operation: 'update user group',
      body: { name: args.name },
    });
    return { group: toGroup(raw, await lookupFor(ctx, ws, { users: raw.userIds ?? [] })) };
  },
});
