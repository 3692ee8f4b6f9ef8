import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorWorkspace } from '../schemas';
import { toWorkspace, workspaceOut } from './workspace-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateWorkspace = defineTool({
  name: 'clockify_create_workspace',
  title: 'Create a workspace',
  description: 'Creates a new Clockify workspace owned by the key\'s user. Not sent twice if the answer is lost: check clockify_list_workspaces.\nExample: clockify_create_workspace {"name": "Globex consulting"}',
  toolset: 'workspace',
  minRole: 'admin',
  input: z.strictObject({ name: z.string().trim().min(1).max(50).describe('Workspace name.') }),
  output: z.object({ workspace: workspaceOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces'), vendorWorkspace, { operation: 'create workspace', body: { name: args.name } });
    return { workspace: toWorkspace(raw) };
  },
});
