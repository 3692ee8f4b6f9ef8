import { readList, unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { decodeCursor, encodeCursor, DEFAULT_LIMIT, limitArg, cursorArg, nextCursorOut } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { formatInZone, toClockifyInstant } from '../time';
import { instantArg, instantOf } from '../reports/common';
import { clipText } from '../reports/page';
import { webhookIdArg } from '../reports/webhooks';
import { vendorPath } from '../../../src/vendor-http/path';

const vendorLog = z.looseObject({
  id: z.string(),
  statusCode: z.number().nullish(),
  respondedAt: z.string().nullish(),
  requestBody: z.string().nullish(),
  responseBody: z.string().nullish(),
});

const PREVIEW = 300;

export const clockifyGetWebhookLogs = defineTool({
  name: 'clockify_get_webhook_logs',
  title: "Get a Clockify webhook's delivery log",
  description: [
    "Deliveries of one webhook, newest first: when, the receiver's HTTP status, whether it succeeded, and the start of what was sent and answered.",
    'Use to find out why a webhook "does nothing" (failed deliveries, wrong address).',
    'Example: clockify_get_webhook_logs {"webhook_id": "6c21d2e3f4a5b6c7d8e9a001", "status": "failed", "from": "this_week"}',
    'No side effects. Ids come from clockify_list_webhooks.',
  ].join('\n'),
  toolset: 'webhooks',
  input: z.strictObject({
    webhook_id: webhookIdArg,
    status: z.enum(['all', 'succeeded', 'failed']).optional().describe('Which deliveries (default all).'),
    from: instantArg('Earliest delivery').optional(),
    to: instantArg('Latest delivery').optional(),
    limit: limitArg,
    cursor: cursorArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.string().nullable(),
        responded_at: z.string().nullable(),
        status_code: z.number().nullable(),
        succeeded: z.boolean().nullable(),
        request_preview: z.string().nullable().describe(`First ${PREVIEW} characters of the JSON Clockify sent.`),
        response_preview: z.string().nullable().describe(`First ${PREVIEW} characters of what the receiver answered.`),
        extra: unreadableOut,
      }),
    ),
    next_cursor: nextCursorOut,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const tz = (await ctx.runtime.me(ctx, ws)).timeZone;
    const now = ctx.runtime.now();
    const limit = args.limit ?? DEFAULT_LIMIT;
    const offset = decodeCursor(args.cursor);
    const body: Record<string, unknown> = { status: (args.status ?? 'all').toUpperCase(), sortByNewest: true };
    if (args.from) body.from = toClockifyInstant(instantOf(args.from, 'start', 'from', tz, now));
    if (args.to) body.to = toClockifyInstant(instantOf(args.to, 'end', 'to', tz, now));
    // The logs page from 0 with `size`; logs are read, so repeating the POST is harmless.
    const page = Math.floor(offset / limit);
    const response = await ctx.runtime.api.request(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/webhooks/{webhook_id}/logs', { workspace_id: ws, webhook_id: args.webhook_id }), {
      operation: 'get webhook logs',
      query: { page, size: limit },
      body,
      idempotent: true,
    });
    const raw = Array.isArray(response.body) ? response.body : [];
    const logs = readList(vendorLog, raw, { vendor: 'clockify', what: 'webhook log', log: ctx.log });
    const items = logs.slice(offset % limit).map((l) => ({
      id: l.id,
      responded_at: l.respondedAt && !Number.isNaN(Date.parse(l.respondedAt)) ? formatInZone(l.respondedAt, tz) : null,
      status_code: l.statusCode ?? null,
      succeeded: l.statusCode === undefined || l.statusCode === null ? null : l.statusCode >= 200 && l.statusCode < 300,
      request_preview: l.requestBody ? (clipText(l.requestBody.slice(0, PREVIEW)) ?? null) : null,
      response_preview: l.responseBody ? (clipText(l.responseBody.slice(0, PREVIEW)) ?? null) : null,
      ...unreadableExtra(l),
    }));
    return { items, next_cursor: raw.length === limit && items.length ? encodeCursor(offset + items.length) : null };
  },
});
