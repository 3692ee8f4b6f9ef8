import { readList } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { defineTool } from '../runtime';
import { vendorWorkspace } from '../schemas';
import { cursorArg, limitArg, nextCursorOut, sliceList } from '../paging';
import { toWorkspace, workspaceOut } from './workspace-shapes';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListWorkspaces = defineTool({
  name: 'clockify_list_workspaces',
  title: 'List workspaces',
  description: 'Workspaces the key can reach, with currency, rates and the rules for entries (force_tasks…).\nExample: clockify_list_workspaces {}',
  toolset: 'workspace',
  input: z.strictObject({ limit: limitArg, cursor: cursorArg }),
  output: z.object({ workspaces: z.array(workspaceOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    // Clockify sends the whole list (no paging on /workspaces).
    const all = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces'), z.array(z.unknown()), { operation: 'list workspaces' });
    const parsed = readList(vendorWorkspace, all, { vendor: 'clockify', what: 'workspace', log: ctx.log });
    const page = sliceList(parsed, args);
    return { workspaces: page.items.map(toWorkspace), next_cursor: page.next_cursor };
  },
});
