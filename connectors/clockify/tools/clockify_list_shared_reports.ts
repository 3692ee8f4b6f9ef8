import { readList } from '../../../src/vendor-http/tolerant';
import { z } from 'zod';
import { decodeCursor, encodeCursor, limitArg, cursorArg, nextCursorOut, DEFAULT_LIMIT } from '../paging';
import { defineTool } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { withFeature } from '../reports/common';
import { sharedReportOut, toSharedReportOut, vendorSharedReport } from '../reports/shared';
import { vendorPath } from '../../../src/vendor-http/path';

const FILTERS = { all: 'ALL', created_by_me: 'CREATED_BY_ME', shared_with_me: 'SHARED_WITH_ME' } as const;

export const clockifyListSharedReports = defineTool({
  name: 'clockify_list_shared_reports',
  title: 'List Clockify shared reports',
  description: [
    'Lists the shared reports of the workspace (name, type, public or not, link, author). Use to find a shared_report_id or a link to send.',
    'Example: clockify_list_shared_reports {"filter": "created_by_me"}',
    'No side effects.',
  ].join('\n'),
  toolset: 'shared_reports',
  input: z.strictObject({
    filter: z.enum(['all', 'created_by_me', 'shared_with_me']).optional().describe('Which reports (default all).'),
    limit: limitArg,
    cursor: cursorArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    total: z.number().nullable().describe('Shared reports in all.'),
    items: z.array(sharedReportOut),
    next_cursor: nextCursorOut,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
    const limit = args.limit ?? DEFAULT_LIMIT;
    const offset = decodeCursor(args.cursor);
    const page = Math.floor(offset / limit) + 1;
    const answer = await withFeature('shared reports', () =>
      ctx.runtime.reports.call(
        ctx,
        'GET',
        vendorPath('/workspaces/{workspace_id}/shared-reports', { workspace_id: ws }),
        z.looseObject({ count: z.number().nullish(), reports: z.array(z.unknown()) }),
        { operation: 'list shared reports', query: { page, pageSize: limit, sharedReportsFilter: FILTERS[args.filter ?? 'all'] } },
      ),
    );
    const reports = readList(vendorSharedReport, answer.reports.slice(offset % limit), { vendor: 'clockify', what: 'shared report', log: ctx.log });
    const items = [];
    for (const r of reports.slice(0, limit)) {
      const author = r.reportAuthor ?? r.userId;
      items.push(toSharedReportOut(r, author ? await ctx.runtime.names.nameOf(ctx, ws, 'user', author) : null));
    }
    const total = answer.count ?? null;
    const next = offset + items.length;
    const more = total !== null ? next < total : answer.reports.length === limit;
    return { total, items, next_cursor: more && items.length ? encodeCursor(next) : null };
  },
});
