import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { parseInstant } from '../../../src/format/dates';
import { isUuid } from '../../../src/vendor-http/ids';
import { CONNECTOR } from '../errors';
import { fetchItemRow, itemOut, toItems, typeLabelOf, wrongTypeError } from '../items';
import { itemTypes, kindOfLabel, lifecycleStatuses, resolveType, resolveUser, type CanonicalType } from '../organization';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool, type OnedeskContext } from '../runtime';
import { externalIdArg, idArg, oneId } from '../shapes';
import { missing, onedeskFilter, type FilterProperty } from '../vendor';

/** What the model reads about which filter ran (so an empty page is an answer, not a doubt). */
export const filterRanOut = z.object({
  endpoint: z.string(),
  item_type: z.string().nullable(),
  properties: z.array(z.object({ property: z.string(), operation: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })),
  offset: z.number().int(),
  limit: z.number().int(),
});

/** YYYY-MM-DD or an ISO-8601 date-time; checked in the handler to keep the listed schema small. */
/**
 * OneDesk keeps no zone for the caller: day words and local times are read
 * in UTC, as the descriptions say.
 */
export const ONEDESK_TIME_ZONE = 'UTC';

/** A time argument ("2024-06-18", "yesterday", "last week", "monday 9:00", ISO) as the ISO instant of its start. */
export function checkDateTime(value: string | undefined, field: string, now: Date): string | undefined {
  if (value === undefined) return undefined;
  return parseInstant(value, { timeZone: ONEDESK_TIME_ZONE, now, field, connector: CONNECTOR }).toISOString();
}

const text = z.string().trim();

export const listItemsInput = z.strictObject({
  status: text.optional().describe('Lifecycle status name, e.g. "In progress".'),
  project: text.optional().describe('Project id or external id.'),
  assignee: text.optional().describe('User external id, email or "me".'),
  text: text.optional().describe('Words in the name.'),
  created_after: text.optional().describe('A day ("yesterday", "last week", YYYY-MM-DD; UTC) or ISO date-time.'),
  limit: limitArg(100),
  cursor: cursorArg,
});

/**
 * The organization's exact name for a status, so a typo is an error listing
 * the statuses instead of an empty list. When the statuses cannot be read,
 * the name goes to OneDesk as given.
 */
async function statusName(ctx: OnedeskContext, wanted: string): Promise<string> {
  let statuses: Awaited<ReturnType<typeof lifecycleStatuses>>;
  try {
    statuses = await lifecycleStatuses(ctx);
  } catch {
    return wanted;
  }
  if (!statuses.length) return wanted;
  const found = statuses.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found.name;
  throw invalidArgument(`OneDesk has no lifecycle status "${wanted}"; this organization's are: ${statuses.map((s) => s.name).join(', ')}.`, {
    connector: CONNECTOR,
    fields: [{ field: 'status', problem: 'not a lifecycle status of this organization' }],
    hint: 'Use one of the listed names, or omit status.',
  });
}

export async function itemFilterProperties(ctx: OnedeskContext, args: z.infer<typeof listItemsInput>): Promise<FilterProperty[]> {
  const properties: FilterProperty[] = [];
  if (args.status) properties.push({ property: 'lifecycleStatus', operation: 'EQ', value: await statusName(ctx, args.status) });
  if (args.project) {
    // A numeric id, or a UUID external id; anything else (a 100 KB number became Infinity) is refused here.
    if (/^\d{1,15}$/.test(args.project)) properties.push({ property: 'projectId', operation: 'EQ', value: Number(args.project) });
    else if (isUuid(args.project)) properties.push({ property: 'projectExternalId', operation: 'EQ', value: args.project });
    else {
      throw invalidArgument('project must be a OneDesk project id (a number) or external id (a UUID).', {
        connector: CONNECTOR,
        fields: [{ field: 'project', problem: 'not a numeric id or a UUID' }],
        hint: 'Take the id or external_id from onedesk_list_projects.',
      });
    }
  }
  if (args.assignee) properties.push({ property: 'assignees', operation: 'CONTAINS', value: await resolveUser(ctx, args.assignee) });
  if (args.text) properties.push({ property: 'name', operation: 'CONTAINS', value: args.text });
  const after = checkDateTime(args.created_after || undefined, 'created_after', ctx.runtime.now());
  if (after) properties.push({ property: 'creationTime', operation: 'GT', value: after });
  return properties;
}

const listOutput = z.object({
  items: z.array(itemOut),
  next_cursor: z.string().nullable(),
  filter: filterRanOut.describe('The filter OneDesk ran; an empty items list means it matched nothing.'),
});

/** The four list tools differ only in the item type they filter on. */
export function listItemsTool<Name extends string>(name: Name, kind: CanonicalType, plural: string) {
  return defineTool({
    name,
    title: `List OneDesk ${plural}`,
    description: [
      `Lists OneDesk ${plural} (this organization's "${kind}" item type), newest first, a page per call.`,
      `Example: ${name} {"status": "In progress", "limit": 20}`,
      'Read-only. Ids feed onedesk_update_item and onedesk_create_worklog. Filter names are assumed: one OneDesk ignores fails the call.',
    ].join('\n'),
    toolset: 'items',
    input: listItemsInput,
    output: listOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx) => {
      const offset = decodeCursor(name, args.cursor);
      const [type, properties] = await Promise.all([resolveType(ctx, kind), itemFilterProperties(ctx, args)]);
      const answer = await onedeskFilter(ctx, 'items', { properties, itemType: [type.label], limit: args.limit, offset }, `list ${plural}`);
      return {
        items: await toItems(ctx, answer.rows),
        next_cursor: nextCursor(name, offset, args.limit, answer.rows.length, answer.total),
        filter: answer.ran,
      };
    },
  });
}

/** The three get tools: one item, checked to be of the named type. */
export function getItemTool<Name extends string>(name: Name, kind: CanonicalType, title: string) {
  return defineTool({
    name,
    title,
    description: [
      `Gets one OneDesk ${kind} with description, status, project and assignees, by id or external_id.`,
      `Example: ${name} {"id": 1042}`,
      `Read-only. An item of another type is not_found, naming its type. Ids come from the onedesk_list_* tools.`,
    ].join('\n'),
    toolset: 'items',
    input: z.strictObject({ id: idArg, external_id: externalIdArg }),
    output: z.object({ item: itemOut }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx) => {
      const pick = oneId(args, name);
      const [type, row] = await Promise.all([resolveType(ctx, kind), fetchItemRow(ctx, pick)]);
      const actual = typeLabelOf(row);
      if (actual === null) throw missing("the item's type", 'get item');
      if (actual.toLowerCase() !== type.label.toLowerCase()) throw wrongTypeError(pick, type.label, actual, kindOfLabel(await itemTypes(ctx), actual));
      const [item] = await toItems(ctx, [row], true);
      return { item: item! };
    },
  });
}

