import { readList } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { cursorArg, limitArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { pageLocally } from '../reports/common';
import { templateOut, templatesError, TEMPLATES_NOTE, toTemplateOut, vendorTemplate } from '../reports/templates';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyListTemplates = defineTool({
  name: 'clockify_list_templates',
  title: 'List Clockify timesheet templates (deprecated)',
  description: [
    'Lists saved timesheet templates: each a name and the project/task rows it pre-fills, with project names.',
    TEMPLATES_NOTE,
    'Example: clockify_list_templates {}',
    'No side effects.',
  ].join('\n'),
  toolset: 'templates',
  input: z.strictObject({ limit: limitArg, cursor: cursorArg, workspace_id: workspaceIdArg }),
  output: z.object({ items: z.array(templateOut), next_cursor: nextCursorOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    let raw: unknown[];
    try {
      raw = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/templates', { workspace_id: ws }), z.array(z.unknown()), { operation: 'list templates' });
    } catch (error) {
      throw templatesError(error, 'list templates');
    }
    const projects = await ctx.runtime.names.list(ctx, ws, 'project');
    const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? null;
    const templates = readList(vendorTemplate, raw, { vendor: 'clockify', what: 'template', log: ctx.log }).map((t) => toTemplateOut(t, projectName));
    return pageLocally(templates, args);
  },
});
