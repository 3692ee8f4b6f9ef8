import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { vendorTag } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTag = defineTool({
  name: 'clockify_delete_tag',
  title: 'Delete a Clockify tag',
  description: [
    'Deletes a tag for good. To hide it but keep history, use clockify_update_tag {"archived": true} instead.',
    'Example: clockify_delete_tag {"tag_id": "67d1e2f3a4b5c6d7e8f9a001"}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({ workspace_id: workspaceIdArg, tag_id: idArg('Tag', 'clockify_list_tags') }),
  output: z.object({ deleted: z.literal(true), tag: z.object({ id: z.string(), name: z.string().nullable() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const body = await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: args.tag_id }), { operation: 'delete tag' });
    ctx.runtime.names.forget(ws, 'tag');
    const parsed = vendorTag.safeParse(body);
    return { deleted: true as const, tag: { id: args.tag_id, name: parsed.success ? (parsed.data.name ?? null) : null } };
  },
});
