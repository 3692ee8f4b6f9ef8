import { z } from 'zod';
import { itemTypes, kindOfLabel, lifecycleStatuses } from '../organization';
import { defineTool } from '../runtime';
import { extraOf, str } from '../shapes';
import { isRecord, missing, onedeskGet } from '../vendor';
import { vendorPath } from '../../../src/vendor-http/path';

export const onedeskGetOrganization = defineTool({
  name: 'onedesk_get_organization',
  title: 'Get the OneDesk organization',
  description: [
    "Gets the OneDesk organization behind the key: name, date format, default thread visibility, its item types (what it calls tickets, tasks…) and its lifecycle statuses.",
    'Use before onedesk_create_item or onedesk_update_item to get exact type and status names.',
    'Example: onedesk_get_organization {}',
    'Read-only.',
  ].join('\n'),
  toolset: 'items',
  input: z.strictObject({}),
  output: z.object({
    name: z.string().nullable(),
    uri: z.string().nullable(),
    date_format: z.string().nullable(),
    default_thread_visibility: z.string().nullable(),
    item_types: z.array(z.object({ label: z.string(), code: z.string().nullable(), kind: z.string().nullable().describe('Which onedesk_* tools read it: ticket, task, issue, requirement, feedback.') })),
    lifecycle_statuses: z.array(z.object({ id: z.union([z.number(), z.string()]).nullable(), name: z.string(), state: z.string().nullable() })),
    extra: z.record(z.string(), z.unknown()),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const [profile, types, statuses] = await Promise.all([onedeskGet(ctx, vendorPath('/organization/profileAndPolicy'), 'get organization profile'), itemTypes(ctx), lifecycleStatuses(ctx)]);
    if (!isRecord(profile)) throw missing('the organization profile', 'get organization profile');
    return {
      name: str(profile.organizationName),
      uri: str(profile.organizationUri),
      date_format: str(profile.dateFormat),
      default_thread_visibility: str(profile.defaultThreadVisibilityType),
      item_types: types.map((t) => ({ label: t.label, code: t.code, kind: kindOfLabel(types, t.label) ?? null })),
      lifecycle_statuses: statuses,
      extra: extraOf(profile, ['organizationName', 'organizationUri', 'dateFormat', 'defaultThreadVisibilityType']),
    };
  },
});
