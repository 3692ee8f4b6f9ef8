import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { groupOut, toGroup, vendorGroup } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListUserGroups = defineTool({
  name: 'clockify_list_user_groups',
  title: 'List Clockify user groups with members',
  description: [
    "Lists the workspace's user groups with their members (id, name, email) and team managers.",
    'Use it for "who is in the Design group" and for group ids. Members come from this list (Clockify has no route to read one group).',
    'Example: clockify_list_user_groups {"name": "Design"}',
  ].join('\n'),
  toolset: 'groups',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(1).max(100).optional().describe('Only groups whose name contains this text.'),
    project_id: clockifyId.optional().describe('Only groups that are members of this project (from clockify_list_projects).'),
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ groups: z.array(groupOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const page = await ctx.runtime.api.list(
      ctx,
      vendorPath('/workspaces/{workspace_id}/user-groups', { workspace_id: ws }),
      vendorGroup,
      { operation: 'list user groups', query: { name: args.name, 'project-id': args.project_id, includeTeamManagers: true } },
      args,
    );
    const names = await lookupFor(ctx, ws, { users: page.items.flatMap((g) => g.userIds ?? []) });
    return { groups: page.items.map((g) => toGroup(g, names)), next_cursor: page.next_cursor };
  },
});
