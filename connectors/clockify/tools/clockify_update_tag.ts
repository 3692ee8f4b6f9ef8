import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { CONNECTOR } from '../errors';
import { defineTool } from '../runtime';
import { idArg, workspaceIdArg } from '../schemas';
import { idOrName, requireIdOrName } from './object-names';
import { tagOut, toTag, vendorTag } from './object-shapes';
import { tagPutBody } from './object-writes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyUpdateTag = defineTool({
  name: 'clockify_update_tag',
  title: 'Rename or archive a Clockify tag',
  description: [
    'Renames, archives or unarchives a tag.',
    'Example: clockify_update_tag {"tag": "overtime", "archived": true}',
  ].join('\n'),
  toolset: 'setup',
  input: z.strictObject({
    workspace_id: workspaceIdArg,
    tag_id: idArg('Tag', 'clockify_list_tags').optional(),
    tag: z.string().trim().min(1).max(100).optional().describe('Or the tag by its current name.'),
    name: z.string().trim().min(1).max(100).optional().describe('New name.'),
    archived: z.boolean().optional().describe('true archives, false unarchives.'),
  }),
  output: z.object({ tag: tagOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    if (args.name === undefined && args.archived === undefined) {
      throw invalidArgument('Nothing to change: pass name and/or archived.', { connector: CONNECTOR, fields: [{ field: 'name', problem: 'name or archived is required' }] });
    }
    requireIdOrName('tag', args.tag_id, args.tag, { id: 'tag_id', name: 'tag' });
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const tagId = await idOrName(ctx, ws, 'tag', args.tag_id, args.tag, { id: 'tag_id', name: 'tag' });
    const path = vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: tagId });
    const current = await ctx.runtime.api.call(ctx, 'GET', path, vendorTag, { operation: 'get tag' });
    const raw = await ctx.runtime.api.call(ctx, 'PUT', path, vendorTag, { operation: 'update tag', body: tagPutBody(current, { name: args.name, archived: args.archived }) });
    ctx.runtime.names.forget(ws, 'tag');
    return { tag: toTag(raw) };
  },
});
