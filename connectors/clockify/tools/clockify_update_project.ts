import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { toCents } from '../money';
import { defineTool } from '../runtime';
import { clockifyId, idArg, workspaceIdArg } from '../schemas';
import { checkCurrency, clientNameArg, clientRef, idOrName, lookupFor, requireIdOrName } from './object-names';
import { projectOut, toProject, vendorProject } from './object-shapes';
import { projectPutBody } from './object-writes';
import { colorArg, rateArg } from './project-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateProject = defineTool({
  name: 'clockify_update_project',
  title: 'Update or archive a Clockify project',
  description: [
    'Changes a project: name, client, billable, public, color, note, hourly rate, or archives/unarchives it.',
    'Example: clockify_update_project {"project": "Acme website", "name": "Acme web shop"}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    project_id: idArg('Project', 'clockify_list_projects').optional(),
    project: z.string().trim().min(1).max(250).optional().describe('Or the project by its current name.'),
    name: z.string().trim().min(2).max(250).optional().describe('New name.'),
    client_id: clockifyId.nullable().optional().describe('New client id (from clockify_list_clients); null removes the client.'),
    client: clientNameArg,
    billable: z.boolean().optional().describe('Whether time on it is billable.'),
    public: z.boolean().optional().describe('true: every member may track on it.'),
    color: colorArg,
    note: z.string().trim().max(16384).nullable().optional().describe('New note; null clears it.'),
    hourly_rate: rateArg('New project hourly rate'),
    archived: z.boolean().optional().describe('true archives, false unarchives.'),
  }),
  output: z.object({ project: projectOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    clientRef.notBoth(args);
    requireIdOrName('project', args.project_id, args.project, { id: 'project_id', name: 'project' });
    const { workspace_id, project_id: givenId, project, client, hourly_rate, ...rest } = args;
    if (client === undefined && hourly_rate === undefined && Object.values(rest).every((v) => v === undefined)) {
      throw invalidArgument('Nothing to change: pass at least one field to change.', { connector: CONNECTOR, fields: [{ field: 'name', problem: 'no field to change was given' }] });
    }
    const hourlyRateCents = hourly_rate ? toCents(hourly_rate.amount, 'hourly_rate.amount') : undefined;
    const ws = await ctx.runtime.workspaceId(ctx, workspace_id);
    const project_id = await idOrName(ctx, ws, 'project', givenId, project, { id: 'project_id', name: 'project' });
    const clientId = await clientRef.resolve(ctx, ws, { client, client_id: rest.client_id });
    await checkCurrency(ctx, ws, hourly_rate?.currency, 'hourly_rate.currency');
    const path = vendorPath('/workspaces/{workspace_id}/projects/{project_id}', { workspace_id: ws, project_id });
    const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorProject, { operation: 'get project' });
    const body = projectPutBody(current, {
      name: rest.name,
      clientId,
      billable: rest.billable,
      isPublic: rest.public,
      color: rest.color,
      note: rest.note,
      archived: rest.archived,
      hourlyRateCents,
    });
    const raw = await ctx.runtime.api.call(ctx, 'PUT', path, vendorProject, { operation: 'update project', body });
    ctx.runtime.names.forget(ws, 'project');
    const names = await lookupFor(ctx, ws, { users: (raw.memberships ?? []).map((m) => m.userId), clients: raw.clientName ? [] : [raw.clientId], rated: raw });
    return { project: toProject(raw, names) };
  },
});
