import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { tagOut, toTag, vendorTag } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyGetTag = defineTool({
  name: 'clockify_get_tag',
  title: 'Get a Clockify tag',
  description: ['Gets one tag by id: name and archived state.', 'Example: clockify_get_tag {"tag_id": "67d1e2f3a4b5c6d7e8f9a001"}'].join('\n'),
  toolset: 'tags',
  input: z.strictObject({ workspace_id: workspaceIdArg, tag_id: idArg('Tag', 'clockify_list_tags') }),
  output: z.object({ tag: tagOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: args.tag_id }), vendorTag, { operation: 'get tag' });
    return { tag: toTag(raw) };
  },
});
