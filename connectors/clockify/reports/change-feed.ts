/**
 * The three change-feed tools differ only in which feed they read; one
 * definition, instantiated per feed (created, updated, deleted).
 */
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';
import type { ToolDefinition } from '../../../src/registry/types';
import { decodeCursor, encodeCursor, DEFAULT_LIMIT, limitArg, cursorArg, nextCursorOut } from '../paging';
import type { ClockifyRuntime } from '../runtime';
import { workspaceIdArg } from '../schemas';
import { formatInZone } from '../time';
import { changedEntityOut, changeDocuments, changeTypeArg, CHANGE_TYPES, toChangedEntity, type ChangeKind, type ChangedEntity } from './changes';
import { instantArg, instantRange, withFeature } from './common';
import { vendorPath } from '../../../src/vendor-http/path';

const input = z.strictObject({
  type: changeTypeArg,
  start: instantArg('Changes from'),
  end: instantArg('Changes until'),
  limit: limitArg,
  cursor: cursorArg,
  workspace_id: workspaceIdArg,
});
const output = z.object({ type: z.string(), start: z.string(), end: z.string(), items: z.array(changedEntityOut), next_cursor: nextCursorOut });

const WORDS: Record<ChangeKind, { what: string; example: string; note: string }> = {
  created: {
    what: 'Entities of one type created between start and end: type, id, name, when.',
    example: '{"type": "project", "start": "this_week", "end": "now"}',
    note: 'An entity created and then updated in the window appears here only.',
  },
  updated: {
    what: 'Entities of one type updated between start and end: type, id, name, when last changed.',
    example: '{"type": "project", "start": "2024-03-11", "end": "now"}',
    note: 'Entities created in the same window are left out (see clockify_list_created_entities).',
  },
  deleted: {
    what: 'Entities of one type deleted between start and end: type, id, name, when deleted.',
    example: '{"type": "time_entry", "start": "yesterday", "end": "now"}',
    note: 'Deletions appear about a minute after they happen; ones created and deleted in the window are left out.',
  },
};

export function changeFeedTool(kind: ChangeKind): ToolDefinition<ClockifyRuntime, typeof input, typeof output> {
  const words = WORDS[kind];
  return {
    name: `clockify_list_${kind}_entities`,
    title: `List Clockify entities ${kind} in a period`,
    description: [
      `${words.what} Use for "what changed in projects since Monday" or to sync another system.`,
      `${words.note} Clockify marks these feeds experimental; type, start and end are required.`,
      `Example: clockify_list_${kind}_entities ${words.example}`,
      'No side effects.',
    ].join('\n'),
    toolset: 'changes',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx) => {
      const ws = await ctx.runtime.workspaceId(ctx, args.workspace_id);
      const tz = (await ctx.runtime.me(ctx, ws)).timeZone;
      const range = instantRange(args, tz, ctx.runtime.now());
      const limit = args.limit ?? DEFAULT_LIMIT;
      const offset = decodeCursor(args.cursor);
      // The feeds page from 0 with `limit`.
      const page = Math.floor(offset / limit);
      const response = await withFeature('the change feeds', () =>
        ctx.runtime.api.request(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/entities/{kind}', { workspace_id: ws, kind }), {
          operation: `list ${kind} entities`,
          query: { type: CHANGE_TYPES[args.type], start: range.start, end: range.end, page, limit },
        }),
      );
      const docs = changeDocuments(response.body);
      if (!docs) {
        throw new GatewayError('upstream_error', `Clockify's ${kind}-entities feed did not answer with a list.`, {
          connector: 'clockify',
          retryable: false,
          hint: 'Retry once; the feed is experimental at Clockify, so if it persists use the list tools instead.',
        });
      }
      const format = (iso: string) => (Number.isNaN(Date.parse(iso)) ? null : formatInZone(iso, tz));
      const items = docs
        .slice(offset % limit)
        .map((d) => toChangedEntity(d, kind, args.type, format))
        .filter((e): e is ChangedEntity => e !== undefined);
      return {
        type: args.type,
        start: formatInZone(range.start, tz),
        end: formatInZone(range.end, tz),
        items,
        next_cursor: docs.length === limit && items.length ? encodeCursor(offset + items.length) : null,
      };
    },
  };
}
