import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { tagOut, toTag, vendorTag } from './object-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListTags = defineTool({
  name: 'clockify_list_tags',
  title: 'List Clockify tags',
  description: [
    "Lists the workspace's tags, optionally filtered by name (contains) or archived state.",
    'Use it to find tag ids for time entries or before creating a tag.',
    'Example: clockify_list_tags {"name": "meet", "archived": false}',
  ].join('\n'),
  toolset: 'tags',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    name: z.string().trim().min(1).max(100).optional().describe('Only tags whose name contains this text.'),
    archived: z.boolean().optional().describe('true: only archived tags; false: only active ones; omitted: Clockify\'s default (undocumented; assumed both).'),
    limit: limitArg,
    cursor: cursorArg,
  }),
  output: z.object({ tags: z.array(tagOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const page = await ctx.runtime.api.list(
      ctx,
      vendorPath('/workspaces/{workspace_id}/tags', { workspace_id: ws }),
      vendorTag,
      { operation: 'list tags', query: { name: args.name, archived: args.archived } },
      args,
    );
    return { tags: page.items.map(toTag), next_cursor: page.next_cursor };
  },
});
