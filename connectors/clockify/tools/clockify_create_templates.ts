import { z } from 'zod';
import { defineTool } from '../runtime';
import { clockifyId, workspaceIdArg } from '../schemas';
import { templateOut, templatesError, TEMPLATES_NOTE, toTemplateOut, vendorTemplate } from '../reports/templates';
import { vendorPath } from '../../../src/vendor-http/path';

export const clockifyCreateTemplates = defineTool({
  name: 'clockify_create_templates',
  title: 'Create Clockify timesheet templates (deprecated)',
  description: [
    'Saves one or more timesheet templates, each a name and the project (and optional task) rows it pre-fills.',
    `${TEMPLATES_NOTE} The body shape (name, projectsAndTasks) is assumed from older Clockify docs.`,
    'Example: clockify_create_templates {"templates": [{"name": "Standard week", "rows": [{"project_id": "65b1c2d3e4f5a6b7c8d9e001"}]}]}',
    'Side effect: the templates appear in every member\'s timesheet picker. Project ids come from clockify_list_projects, task ids from clockify_list_tasks.',
  ].join('\n'),
  toolset: 'templates',
  input: z.strictObject({
    templates: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(100).describe('Template name.'),
          rows: z
            .array(
              z.strictObject({
                project_id: clockifyId.describe('Project id (from clockify_list_projects).'),
                task_id: clockifyId.optional().describe('Task id (from clockify_list_tasks).'),
              }),
            )
            .min(1)
            .max(50)
            .describe('Timesheet rows to pre-fill.'),
        }),
      )
      .min(1)
      .max(20)
      .describe('Templates to create.'),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ created: z.array(templateOut) }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const body = args.templates.map((t) => ({
      name: t.name,
      projectsAndTasks: t.rows.map((r) => ({ projectId: r.project_id, taskId: r.task_id ?? null })),
    }));
    let raw: unknown;
    try {
      raw = (await ctx.runtime.api.request(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/templates', { workspace_id: ws }), { operation: 'create templates', body })).body;
    } catch (error) {
      throw templatesError(error, 'create templates');
    }
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const projects = await ctx.runtime.names.list(ctx, ws, 'project');
    const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? null;
    return {
      created: list.flatMap((r) => {
        const parsed = vendorTemplate.safeParse(r);
        return parsed.success ? [toTemplateOut(parsed.data, projectName)] : [];
      }),
    };
  },
});
