import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { idOrName, lookupFor, projectNameArg, requireIdOrName , peopleArg, personIds } from './object-names';
import { projectOut, toProject, vendorProject, type VendorMembership } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

const rateCents = (rate: VendorMembership['hourlyRate']) => (rate && typeof rate.amount === 'number' ? { amount: rate.amount } : undefined);

export const clockifyUpdateProjectMemberships = defineTool({
  name: 'clockify_update_project_memberships',
  title: 'Add, remove or set the members of a Clockify project',
  description: [
    'Changes who may track on a private project: "add"/"remove" change only the given users; "replace" makes them the only user members (those who stay keep their project rates).',
    'Pass project_id or project (its name), and users: ids, "me", names, first names or emails.',
    'Example: clockify_update_project_memberships {"project": "Acme website", "action": "add", "users": ["bob@example.com"]}',
  ].join('\n'),
  toolset: 'projects',
  minRole: 'admin',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    project_id: clockifyId.optional().describe('Project id (from clockify_list_projects).'),
    project: projectNameArg,
    action: z.enum(['add', 'remove', 'replace']).describe('add: these users join; remove: these users leave; replace: these users become the only user members.'),
    users: peopleArg.min(1).describe('Ids, "me", names, first names or emails.'),
  }),
  // It took user_ids (ids) and users (names) before; both forms are one argument now.
  formerArgs: { user_ids: 'users' },
  output: z.object({ project: projectOut }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireIdOrName('project', args.project_id, args.project, { id: 'project_id', name: 'project' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const projectId = await idOrName(ctx, ws, 'project', args.project_id, args.project, { id: 'project_id', name: 'project' });
    const path = vendorPath('/workspaces/{workspace_id}/projects/{project_id}', { workspace_id: ws, project_id: projectId });
    const membershipsPath = vendorPath('/workspaces/{workspace_id}/projects/{project_id}/memberships', { workspace_id: ws, project_id: projectId });
    const userIds = await personIds(ctx, ws, args.users, 'users');
    let raw;
    if (args.action === 'replace') {
      // PATCH replaces the member list: carry over the rates of members who stay.
      const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorProject, { operation: 'get project' });
      const byUser = new Map((current.memberships ?? []).map((m) => [m.userId, m]));
      const memberships = userIds.map((userId) => {
        const kept = byUser.get(userId);
        return { userId, hourlyRate: rateCents(kept?.hourlyRate), costRate: rateCents(kept?.costRate) };
      });
      raw = await ctx.runtime.api.call(ctx, 'PATCH', membershipsPath, vendorProject, {
        operation: 'replace project members',
        body: { memberships },
        idempotent: true,
      });
    } else {
      raw = await ctx.runtime.api.call(ctx, 'POST', membershipsPath, vendorProject, {
        operation: `${args.action} project members`,
        body: { userIds, remove: args.action === 'remove' },
        idempotent: true,
      });
    }
    const names = await lookupFor(ctx, ws, { users: (raw.memberships ?? []).map((m) => m.userId), clients: raw.clientName ? [] : [raw.clientId], rated: raw });
    return { project: toProject(raw, names) };
  },
});
