import { unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { defineTool } from '../runtime';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { vendorUser, workspaceIdArg } from '../schemas';
import { personId } from './object-names';
import { userIdArg } from './time-entry-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListUserManagers = defineTool({
  name: 'clockify_list_user_managers',
  title: "List a user's managers",
  description: "The team managers of a member (default: you).\nExample: clockify_list_user_managers {\"user_id\": \"bob@example.com\"}",
  toolset: 'users',
  input: z.strictObject({ user_id: userIdArg, workspace_id: workspaceIdArg, limit: limitArg, cursor: cursorArg }),
  output: z.object({ managers: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable(), extra: unreadableOut })), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const userId = await personId(ctx, ws, args.user_id ?? 'me', 'user_id');
    const page = await ctx.runtime.api.list(ctx, vendorPath('/workspaces/{workspace_id}/users/{user_id}/managers', { workspace_id: ws, user_id: userId }), vendorUser, { operation: 'list user managers' }, args);
    return { managers: page.items.map((u) => ({ id: u.id ?? null, name: u.name ?? null, email: u.email ?? null, ...unreadableExtra(u) })), next_cursor: page.next_cursor };
  },
});
