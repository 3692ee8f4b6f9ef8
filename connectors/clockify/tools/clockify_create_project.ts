import { z } from 'zod';
import { toCents } from '../money';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { checkCurrency, clientNameArg, clientRef, lookupFor } from './object-names';
import { projectOut, toProject, vendorProject } from './object-shapes';
import { colorArg, rateArg } from './project-inputs';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateProject = defineTool({
  name: 'clockify_create_project',
  title: 'Create a Clockify project',
  description: [
    'Creates a project, optionally for a client (client_id or client name) and with first tasks. Clockify refuses a name already used for the same client: check clockify_list_projects first.',
    'Example: clockify_create_project {"name": "Q1 audit", "client": "Globex", "billable": true, "tasks": ["Kickoff", "Fieldwork"]}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(2).max(250).describe('Project name, e.g. "Q1 audit".'),
    client_id: clockifyId.optional().describe('Client id (from clockify_list_clients).'),
    client: clientNameArg,
    billable: z.boolean().optional().describe('Whether time on it is billable (default false).'),
    public: z.boolean().optional().describe('true: every workspace member may track on it; false (default): members only.'),
    color: colorArg,
    note: z.string().trim().max(16384).optional().describe('Note shown on the project.'),
    hourly_rate: rateArg('Project hourly rate'),
    tasks: z.array(z.string().trim().min(1).max(1000)).max(50).optional().describe('Names of tasks to create in it, e.g. ["Kickoff", "Fieldwork"].'),
  }),
  output: z.object({ project: projectOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    clientRef.notBoth(args);
    const rate = args.hourly_rate ? toCents(args.hourly_rate.amount, 'hourly_rate.amount') : undefined;
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const clientId = (await clientRef.resolve(ctx, ws, args)) ?? undefined;
    await checkCurrency(ctx, ws, args.hourly_rate?.currency, 'hourly_rate.currency');
    const body = {
      name: args.name,
      clientId,
      billable: args.billable,
      isPublic: args.public,
      color: args.color,
      note: args.note,
      hourlyRate: rate === undefined ? undefined : { amount: rate },
      tasks: args.tasks?.map((name) => ({ name })),
    };
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/projects', { workspace_id: ws }), vendorProject, { operation: 'create project', body });
    ctx.runtime.names.forget(ws, 'project');
    const names = await lookupFor(ctx, ws, { users: (raw.memberships ?? []).map((m) => m.userId), clients: raw.clientName ? [] : [raw.clientId], rated: raw });
    return { project: toProject(raw, names) };
  },
});
