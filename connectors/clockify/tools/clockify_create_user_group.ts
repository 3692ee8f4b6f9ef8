import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { groupOut, toGroup, vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateUserGroup = defineTool({
  name: 'clockify_create_user_group',
  title: 'Create a Clockify user group',
  description: [
    'Creates an empty user group; add people with clockify_add_user_to_group. Clockify refuses a name that already exists.',
    'Example: clockify_create_user_group {"name": "Design"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({ workspace_id: workspaceIdArg, name: z.string().trim().min(1).max(100).describe('Group name, e.g. "Design".') }),
  output: z.object({ group: groupOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/user-groups', { workspace_id: ws }), vendorGroup, { operation: 'create user group', body: { name: args.name } });
    ctx.runtime.names.forget(ws, 'group');
    return { group: toGroup(raw, {}) };
  },
});
