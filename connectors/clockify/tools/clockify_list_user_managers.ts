import { z } from 'zod';
import { defineTool } from '../runtime';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { vendorUser, workspaceIdArg } from '../schemas';
import { userIdArg } from './time-entry-shapes';
import { isMe } from '../../../src/identity/identity';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListUserManagers = defineTool({
  name: 'clockify_list_user_managers',
  title: "List a user's managers",
  description: "The team managers of a member (default: you).\nExample: clockify_list_user_managers {\"user_id\": \"5a0ab5acb07987125438b610\"}",
  toolset: 'users',
  input: z.strictObject({ user_id: userIdArg, workspace_id: workspaceIdArg, limit: limitArg, cursor: cursorArg }),
  output: z.object({ managers: z.array(z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const userId = args.user_id !== undefined && !isMe(args.user_id) ? args.user_id : (await ctx.runtime.me(ctx, ws)).id;
    const page = await ctx.runtime.api.list(ctx, vendorPath('/workspaces/{workspace_id}/users/{user_id}/managers', { workspace_id: ws, user_id: userId }), vendorUser, { operation: 'list user managers' }, args);
    return { managers: page.items.map((u) => ({ id: u.id, name: u.name ?? null, email: u.email ?? null })), next_cursor: page.next_cursor };
  },
});
