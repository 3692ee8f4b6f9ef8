import { z } from 'zod';
import { itemTypes, itemTypesAsSent, kindOfLabel, lifecycleStatusesAsSent, readItemType, readLifecycleStatus } from '../organization';
import { defineTool } from '../runtime';
import { extraOf, str, unreadIn } from '../shapes';
import { isRecord, missing, onedeskGet } from '../vendor';
import { vendorPath } from '../../../src/vendor-http/path';
import { unreadableOut } from '../../../src/vendor-http/tolerant';

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
    item_types: z.array(
      z.object({
        label: z.string().nullable(),
        code: z.string().nullable(),
        kind: z.string().nullable().describe('Which onedesk_* tools read it: ticket, task, issue, requirement, feedback.'),
        extra: unreadableOut,
      }),
    ),
    lifecycle_statuses: z.array(z.object({ id: z.union([z.number(), z.string()]).nullable(), name: z.string().nullable(), state: z.string().nullable(), extra: unreadableOut })),
    extra: z.record(z.string(), z.unknown()),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (_args, ctx) => {
    const [profile, rawTypes, rawStatuses] = await Promise.all([
      onedeskGet(ctx, vendorPath('/organization/profileAndPolicy'), 'get organization profile'),
      itemTypesAsSent(ctx),
      lifecycleStatusesAsSent(ctx),
    ]);
    if (!isRecord(profile)) throw missing('the organization profile', 'get organization profile');
    const types = await itemTypes(ctx);
    const out = {
      name: str(profile.organizationName),
      uri: str(profile.organizationUri),
      date_format: str(profile.dateFormat),
      default_thread_visibility: str(profile.defaultThreadVisibilityType),
    };
    const unread = unreadIn(profile, 'organization profile', [
      ['organizationName', out.name],
      ['organizationUri', out.uri],
      ['dateFormat', out.date_format],
      ['defaultThreadVisibilityType', out.default_thread_visibility],
    ]);
    const some = (extra: Record<string, unknown>) => (Object.keys(extra).length ? { extra } : {});
    return {
      ...out,
      // Every entry as sent, those whose label or name could not be read too (null, raw value under extra).
      item_types: rawTypes.flatMap((raw) => {
        const t = readItemType(raw, true);
        return t ? [{ label: t.label, code: t.code, kind: t.label ? (kindOfLabel(types, t.label) ?? null) : null, ...some(t.extra) }] : [];
      }),
      lifecycle_statuses: rawStatuses.flatMap((raw) => {
        const st = readLifecycleStatus(raw, true);
        return st ? [{ id: st.id, name: st.name, state: st.state, ...some(st.extra) }] : [];
      }),
      extra: { ...extraOf(profile, ['organizationName', 'organizationUri', 'dateFormat', 'defaultThreadVisibilityType']), ...unread },
    };
  },
});
