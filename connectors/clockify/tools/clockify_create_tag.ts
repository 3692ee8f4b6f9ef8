import { z } from 'zod';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { tagOut, toTag, vendorTag } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateTag = defineTool({
  name: 'clockify_create_tag',
  title: 'Create a Clockify tag',
  description: [
    'Creates a tag in the workspace. Clockify refuses a name that already exists (invalid_argument): check clockify_list_tags first.',
    'Example: clockify_create_tag {"name": "overtime"}',
  ].join('\n'),
  toolset: 'tags',
  input: z.strictObject({ workspace_id: workspaceIdArg, name: z.string().trim().min(1).max(100).describe('Tag name, e.g. "overtime".') }),
  output: z.object({ tag: tagOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/tags', { workspace_id: ws }), vendorTag, { operation: 'create tag', body: { name: args.name } });
    ctx.runtime.names.forget(ws, 'tag');
    return { tag: toTag(raw) };
  },
});
