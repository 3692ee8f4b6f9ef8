import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, idArg, workspaceIdArg } from '../schemas';
import { lookupFor } from './object-names';
import { projectOut, toProject, vendorProject, type VendorMembership } from './object-shapes';

const rateCents = (rate: VendorMembership['hourlyRate']) => (rate && typeof rate.amount === 'number' ? { amount: rate.amount } : undefined);

export const clockifyUpdateProjectMemberships = defineTool({
  name: 'clockify_update_project_memberships',
  title: 'Add, remove or set the members of a Clockify project',
  description: [
    'Changes who may track on a private project: "add"/"remove" change only the given users; "replace" makes them the only user members (those who stay keep their project rates).',
    'Example: clockify_update_project_memberships {"project_id": "65b1c2d3e4f5a6b7c8d9e001", "action": "add", "user_ids": ["5a0ab5acb07987125438b610"]}',
  ].join('\n'),
  toolset: 'projects',
  minRole: 'admin',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    project_id: idArg('Project', 'clockify_list_projects'),
    action: z.enum(['add', 'remove', 'replace']).describe('add: these users join; remove: these users leave; replace: these users become the only user members.'),
    user_ids: z.array(clockifyId).min(1).max(200).describe('User ids (from clockify_list_users).'),
  }),
  output: z.object({ project: projectOut }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const path = `/workspaces/${ws}/projects/${args.project_id}`;
    const userIds = [...new Set(args.user_ids)];
    let raw;
    if (args.action === 'replace') {
      // PATCH replaces the member list: carry over the rates of members who stay.
      const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorProject, { operation: 'get project' });
      const byUser = new Map((current.memberships ?? []).map((m) => [m.userId, m]));
      const memberships = userIds.map((userId) => {
        const kept = byUser.get(userId);
        return { userId, hourlyRate: rateCents(kept?.hourlyRate), costRate: rateCents(kept?.costRate) };
      });
      raw = await ctx.runtime.api.call(ctx, 'PATCH', `${path}/memberships`, vendorProject, {
        operation: 'replace project members',
        body: { memberships },
        idempotent: true,
      });
    } else {
      raw = await ctx.runtime.api.call(ctx, 'POST', `${path}/memberships`, vendorProject, {
        operation: `${args.action} project members`,
        body: { userIds, remove: args.action === 'remove' },
        idempotent: true,
      });
    }
    const names = await lookupFor(ctx, ws, { users: (raw.memberships ?? []).map((m) => m.userId), clients: raw.clientName ? [] : [raw.clientId] });
    return { project: toProject(raw, names) };
  },
});
