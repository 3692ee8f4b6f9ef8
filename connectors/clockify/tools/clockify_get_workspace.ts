import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorWorkspace, workspaceIdArg } from '../schemas';
import { toWorkspace, workspaceOut } from './workspace-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetWorkspace = defineTool({
  name: 'clockify_get_workspace',
  title: 'Get a workspace',
  description: 'One workspace: currency, hourly and cost rate, plan, member count, entry rules.\nExample: clockify_get_workspace {}',
  toolset: 'workspace',
  input: z.strictObject({ workspace_id: workspaceIdArg }),
  output: z.object({ workspace: workspaceOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}', { workspace_id: ws }), vendorWorkspace, { operation: 'get workspace' });
    return { workspace: toWorkspace(raw) };
  },
});
