import { z } from 'zod';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { idOrName, requireIdOrName } from './object-names';
import { vendorTag } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyDeleteTag = defineTool({
  name: 'clockify_delete_tag',
  title: 'Delete a Clockify tag',
  description: [
    'Deletes a tag for good. To hide it but keep history, use clockify_update_tag {"archived": true} instead.',
    'Example: clockify_delete_tag {"tag": "overtime"}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    tag_id: idArg('Tag', 'clockify_list_tags').optional(),
    tag: z.string().trim().min(1).max(100).optional().describe('Or the tag by name.'),
  }),
  output: z.object({ deleted: z.literal(true), tag: z.object({ id: z.string(), name: z.string().nullable() }) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    requireIdOrName('tag', args.tag_id, args.tag, { id: 'tag_id', name: 'tag' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const tagId = await idOrName(ctx, ws, 'tag', args.tag_id, args.tag, { id: 'tag_id', name: 'tag' });
    const body = await ctx.runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: tagId }), { operation: 'delete tag' });
    ctx.runtime.names.forget(ws, 'tag');
    const parsed = vendorTag.safeParse(body);
    return { deleted: true as const, tag: { id: tagId, name: parsed.success ? (parsed.data.name ?? null) : null } };
  },
});
