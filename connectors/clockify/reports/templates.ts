/**
 * Timesheet templates: deprecated by Clockify, and their paths are in
 * neither spec we hold ([U]: `/workspaces/{ws}/templates[/{id}]`, from
 * third-party integrations). A 404 or 405 means Clockify no longer serves
 * them: `unsupported_by_vendor`, never an upstream error.
 */
import { unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';

export const TEMPLATES_NOTE = 'Templates are deprecated by Clockify and their API paths are unverified (assumed /workspaces/{ws}/templates); Clockify may refuse them.';

export const vendorTemplate = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  projectsAndTasks: z.array(z.looseObject({ projectId: z.string().nullish(), taskId: z.string().nullish() })).nullish(),
});

export const templateOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  rows: z.array(
    z.object({ project_id: z.string().nullable(), project: z.string().nullable(), task_id: z.string().nullable() }),
  ).describe('The timesheet rows the template pre-fills.'),
  extra: unreadableOut,
});
export type TemplateOut = z.infer<typeof templateOut>;

export function toTemplateOut(t: z.infer<typeof vendorTemplate>, projectName: (id: string) => string | null): TemplateOut {
  return {
    id: t.id,
    name: t.name ?? null,
    rows: (t.projectsAndTasks ?? []).map((r) => ({
      project_id: r.projectId ?? null,
      project: r.projectId ? projectName(r.projectId) : null,
      task_id: r.taskId ?? null,
    })),
    ...unreadableExtra(t),
  };
}

/** 404 / 405 on a template path: Clockify dropped (or never had) the route. */
export function templatesError(error: unknown, operation: string): unknown {
  if (!(error instanceof GatewayError) || (error.vendorStatus !== 404 && error.vendorStatus !== 405)) return error;
  return new GatewayError('unsupported_by_vendor', `Clockify did not serve "${operation}" (HTTP ${error.vendorStatus}): timesheet templates are deprecated and this account's API no longer offers them.`, {
    connector: 'clockify',
    vendorStatus: error.vendorStatus,
    retryable: false,
    hint:
      error.vendorStatus === 404 && operation === 'delete template'
        ? 'If the template id is right, templates are gone from the API: manage them in the Clockify web app (Timesheet > Templates). Check ids with clockify_list_templates.'
        : 'Manage templates in the Clockify web app (Timesheet > Templates), or create the time entries directly with clockify_create_time_entry.',
    alternatives: ['clockify_create_time_entry'],
  });
}
