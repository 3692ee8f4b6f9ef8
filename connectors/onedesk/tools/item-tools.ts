import { z } from 'zod';
import { invalidArgument } from '../../../src/errors';
import { parseInstant } from '../../../src/format/dates';
import { personRefSchema } from '../../../src/format/names';
import { isUuid } from '../../../src/vendor-http/ids';
import { CONNECTOR } from '../errors';
import { createdMs, fetchItemRow, firstCreated, itemOut, toItems } from '../items';
import { lifecycleStatuses, openOrClosed, resolveTypeByName, resolveUser } from '../organization';
import { cursorArg, decodeCursor, encodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool, type OnedeskContext } from '../runtime';
import { externalIdArg, idArg, oneId } from '../shapes';
import { onedeskFilter, type FilterProperty, type Row } from '../vendor';

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
  type: text.optional().describe('ticket, task, issue, requirement, feedback, or an item type of this organization.'),
  state: z.enum(['open', 'closed']).optional().describe("By the lifecycle status's category: closed is completed or cancelled."),
  status: text.optional().describe('Lifecycle status name, e.g. "In progress".'),
  project: text.optional().describe('Project id or external id.'),
  assignee: personRefSchema().optional().describe('User: name, email, external id or "me".'),
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

/** The furthest a state list pages (each status is read from its start to merge them). */
const MAX_STATE_ROWS = 500;

/**
 * The names of this organization's statuses in a category. A status given
 * beside state is checked against it instead (see itemFilterProperties).
 */
async function statusesIn(ctx: OnedeskContext, state: 'open' | 'closed'): Promise<string[]> {
  const statuses = await lifecycleStatuses(ctx);
  if (statuses.length && statuses.every((s) => openOrClosed(s) === null)) {
    throw invalidArgument(`OneDesk sends no category with this organization's lifecycle statuses, so open and closed cannot be told apart; its statuses are: ${statuses.map((s) => s.name).join(', ')}.`, {
      connector: CONNECTOR,
      fields: [{ field: 'state', problem: 'the statuses carry no category' }],
      hint: 'Filter by status (one of the listed names) instead of state.',
    });
  }
  return statuses.filter((s) => openOrClosed(s) === state).map((s) => s.name);
}

async function acrossStatuses(
  ctx: OnedeskContext,
  q: { properties: FilterProperty[]; itemType: { itemType?: string[] }; operation: string; names: string[]; offset: number; limit: number },
): Promise<{ rows: Row[]; more: boolean }> {
  const want = q.offset + q.limit;
  if (want > MAX_STATE_ROWS) {
    throw invalidArgument(`A list by state pages through its first ${MAX_STATE_ROWS} items only.`, {
      connector: CONNECTOR,
      fields: [{ field: 'cursor', problem: `past the first ${MAX_STATE_ROWS} items` }],
      hint: 'Narrow the list (created_after, project, assignee or one status) instead of paging further.',
    });
  }
  const rows: Row[] = [];
  let more = false;
  for (const name of q.names) {
    const properties = [...q.properties, { property: 'lifecycleStatus', operation: 'EQ' as const, value: name }];
    const answer = await onedeskFilter(ctx, 'items', { properties, ...q.itemType, limit: want, offset: 0 }, q.operation);
    rows.push(...answer.rows);
    if (answer.total !== undefined ? answer.total > want : answer.rows.length >= want) more = true;
  }
  const newest = (row: Row) => (Number.isNaN(createdMs(row)) ? -Infinity : createdMs(row));
  rows.sort((a, b) => newest(b) - newest(a));
  return { rows: rows.slice(q.offset, want), more: more || rows.length > want };
}

/** status and state together: the status must be of that state, or nothing could match. */
async function checkStatusInState(ctx: OnedeskContext, name: string, state: 'open' | 'closed'): Promise<void> {
  const status = (await lifecycleStatuses(ctx)).find((s) => s.name === name);
  const side = status ? openOrClosed(status) : null;
  if (side !== null && side !== state) {
    throw invalidArgument(`The status "${name}" is ${side}, not ${state}.`, {
      connector: CONNECTOR,
      fields: [{ field: 'state', problem: `"${name}" is a ${side} status` }],
      hint: 'Give status or state, or a status of that state.',
    });
  }
}

export async function itemFilterProperties(ctx: OnedeskContext, args: z.infer<typeof listItemsInput>): Promise<FilterProperty[]> {
  const properties: FilterProperty[] = [];
  if (args.status) {
    const name = await statusName(ctx, args.status);
    if (args.state) await checkStatusInState(ctx, name, args.state);
    properties.push({ property: 'lifecycleStatus', operation: 'EQ', value: name });
  }
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
  if (args.assignee) properties.push({ property: 'assignees', operation: 'CONTAINS', value: await resolveUser(ctx, args.assignee, 'assignee') });
  if (args.text) properties.push({ property: 'name', operation: 'CONTAINS', value: args.text });
  const after = checkDateTime(args.created_after || undefined, 'created_after', ctx.runtime.now());
  if (after) properties.push({ property: 'creationTime', operation: 'GT', value: dayBefore(after) });
  return properties;
}

/**
 * OneDesk compares `creationTime` by day (YYYY-MM-DD is the only form seen
 * accepted), and whether "GT a day" starts at that day or after it is not
 * known. So the filter asks from the day before, which holds the instant
 * either way, and `createdSince` drops what came before the instant itself:
 * `created_after: "today 09:00"` keeps an item made at 10:00 today.
 */
function dayBefore(instant: string): string {
  return new Date(Date.parse(instant.slice(0, 10)) - 86_400_000).toISOString().slice(0, 10);
}

/** The rows created at or after the instant; a row without a readable time, or with only a day, is kept (the filter already chose it). */
function createdSince(rows: Row[], after: string | undefined): Row[] {
  if (!after) return rows;
  const from = Date.parse(after);
  return rows.filter((row) => {
    const ms = createdMs(row);
    if (Number.isNaN(ms)) return true;
    const raw = firstCreated(row);
    return (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? ms + 86_400_000 - 1 : ms) >= from;
  });
}

const listOutput = z.object({
  items: z.array(itemOut),
  next_cursor: z.string().nullable(),
});

export const LIST_ITEMS = 'onedesk_list_items';

/** One list for every item type: the type is a filter like the others. */
export const onedeskListItems = defineTool({
  name: LIST_ITEMS,
  title: 'List OneDesk items',
  description: [
    'Lists OneDesk tickets, tasks, issues, requirements or feedback (type; every type when omitted), newest first, a page per call.',
    `Example: ${LIST_ITEMS} {"type": "ticket", "state": "open", "limit": 20}`,
    'Read-only. Ids feed onedesk_get_item, onedesk_update_item and onedesk_create_worklog.',
  ].join('\n'),
  toolset: 'items',
  input: listItemsInput,
  output: listOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const offset = decodeCursor(LIST_ITEMS, args.cursor);
    const after = checkDateTime(args.created_after || undefined, 'created_after', ctx.runtime.now());
    const [type, properties, inState] = await Promise.all([
      args.type ? resolveTypeByName(ctx, args.type) : undefined,
      itemFilterProperties(ctx, args),
      args.state && !args.status ? statusesIn(ctx, args.state) : undefined,
    ]);
    const itemType = type ? { itemType: [type.label] } : {};
    const operation = `list ${type ? type.label : 'item'}s`;
    if (inState && inState.length !== 1) {
      // OneDesk filters have no IN: one filter per status of the category, merged newest first.
      const page = await acrossStatuses(ctx, { properties, itemType, operation, names: inState, offset, limit: args.limit });
      return { items: await toItems(ctx, createdSince(page.rows, after)), next_cursor: page.more ? encodeCursor(LIST_ITEMS, offset + args.limit) : null };
    }
    if (inState) properties.push({ property: 'lifecycleStatus', operation: 'EQ', value: inState[0]! });
    const answer = await onedeskFilter(ctx, 'items', { properties, ...itemType, limit: args.limit, offset }, operation);
    return {
      // A page can hold fewer than limit items when created_after drops some: the cursor still counts OneDesk's rows.
      items: await toItems(ctx, createdSince(answer.rows, after)),
      next_cursor: nextCursor(LIST_ITEMS, offset, args.limit, answer.rows.length, answer.total),
    };
  },
});

/** One item of any type, by id or external id. */
export const onedeskGetItem = defineTool({
  name: 'onedesk_get_item',
  title: 'Get a OneDesk item',
  description: [
    'Gets one OneDesk item of any type (ticket, task, issue, requirement, feedback) with its description, status, project and assignees.',
    'Example: onedesk_get_item {"id": 1042}',
    'Read-only.',
  ].join('\n'),
  toolset: 'items',
  input: z.strictObject({ id: idArg, external_id: externalIdArg }),
  output: z.object({ item: itemOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const row = await fetchItemRow(ctx, oneId(args, 'onedesk_get_item'));
    const [item] = await toItems(ctx, [row], true);
    return { item: item! };
  },
});
