import { z } from 'zod';
import { defineTool } from '../runtime';
import { cursorArg, lastPageOf, limitArg, nextCursorOut, pageList } from '../paging';
import { clockifyId, vendorUser, workspaceIdArg } from '../schemas';
import { toUser, userOut } from './workspace-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

const ROLES = ['WORKSPACE_ADMIN', 'OWNER', 'TEAM_MANAGER', 'PROJECT_MANAGER'] as const;

export const clockifyListUsers = defineTool({
  name: 'clockify_list_users',
  title: 'List workspace members',
  description: 'Members with email, status, time zone and rate; filter by email, name, status, project, roles or groups.\nExample: clockify_list_users {"name": "bob", "status": "ACTIVE"}',
  toolset: 'users',
  input: z.strictObject({
    email: z.string().optional().describe('Email contains.'),
    name: z.string().optional().describe('Name contains.'),
    status: z.enum(['ACTIVE', 'PENDING', 'DECLINED', 'INACTIVE', 'ALL']).optional().describe('Default: Clockify\'s (active and pending).'),
    project: z.string().optional().describe('With access to this project (name; or project_id).'),
    project_id: clockifyId.optional().describe('Project id.'),
    roles: z.array(z.enum(ROLES)).optional().describe('Any of these roles.'),
    groups: z.array(z.string()).optional().describe('In any of these groups (names or ids).'),
    workspace_id: workspaceIdArg,
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ users: z.array(userOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const names = ctx.runtime.names;
    const projectId = args.project_id ?? (args.project ? (await names.resolve(ctx, ws, 'project', args.project, { field: 'project' })).id : undefined);
    const groupIds: string[] = [];
    for (const g of args.groups ?? []) groupIds.push(/^[0-9a-f]{24}$/i.test(g) ? g : (await names.resolve(ctx, ws, 'group', g, { field: 'groups' })).id);
    const currency = (await ctx.runtime.workspace(ctx, ws)).currency;
    const api = ctx.runtime.api;
    let page;
    if (args.roles?.length || groupIds.length) {
      // Roles and groups exist only on the POST filter.
      page = await pageList(args, async (p, size) => {
        const response = await api.request(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/users/info', { workspace_id: ws }), {
          operation: 'filter users',
          idempotent: true,
          body: {
            email: args.email,
            name: args.name,
            status: args.status,
            projectId,
            roles: args.roles,
            userGroups: groupIds.length ? groupIds : undefined,
            memberships: 'WORKSPACE',
            includeRoles: true,
            page: p,
            pageSize: size,
          },
        });
        const items = api.parse(z.array(vendorUser), response.body, 'filter users', response.status);
        return { items, lastPage: lastPageOf(response.headers) };
      });
    } else {
      page = await api.list(
        ctx,
        vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }),
        vendorUser,
        { operation: 'list users', query: { email: args.email, name: args.name, status: args.status, 'project-id': projectId, memberships: 'WORKSPACE', 'include-roles': true } },
        args,
      );
    }
    return { users: page.items.map((u) => toUser(u, ws, currency)), next_cursor: page.next_cursor };
  },
});
