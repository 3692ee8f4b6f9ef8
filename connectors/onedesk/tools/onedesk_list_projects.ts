import { z } from 'zod';
import { cursorArg, decodeCursor, limitArg, nextCursor } from '../paging';
import { defineTool } from '../runtime';
import { extraOf, isoTime, numId, str, unreadIn } from '../shapes';
import { isRecord, onedeskFilter, type FilterProperty, type Row } from '../vendor';

const NAME = 'onedesk_list_projects';

const projectOut = z.object({
  id: z.number().int().nullable(),
  external_id: z.string().nullable(),
  name: z.string().nullable(),
  archived: z.boolean().nullable(),
  status: z.string().nullable(),
  status_state: z.string().nullable(),
  type: z.string().nullable(),
  author: z.string().nullable(),
  created_at: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
});

const label = (raw: unknown, key: 'name' | 'label') => str(raw) ?? (isRecord(raw) ? str(raw[key]) : null);

function toProject(row: Row): z.infer<typeof projectOut> {
  const out = {
    id: numId(row.id),
    external_id: str(row.externalId),
    name: str(row.name),
    archived: typeof row.archived === 'boolean' ? row.archived : null,
    status: label(row.lifecycleStatus, 'name'),
    status_state: isRecord(row.lifecycleStatus) ? str(row.lifecycleStatus.state) : null,
    type: label(row.type, 'label'),
    author: label(row.author, 'name'),
    created_at: isoTime(row.created ?? row.creationTime),
  };
  const unread = unreadIn(row, 'project', [
    [['id', 'externalId'], out.id ?? out.external_id, 'needed'],
    ['id', out.id],
    ['externalId', out.external_id],
    ['name', out.name],
    ['archived', out.archived],
    ['lifecycleStatus', out.status],
    ['type', out.type],
    ['author', out.author],
    [['created', 'creationTime'], out.created_at],
  ]);
  return { ...out, extra: { ...extraOf(row, ['id', 'externalId', 'name', 'archived', 'lifecycleStatus', 'type', 'author', 'created', 'creationTime']), ...unread } };
}

export const onedeskListProjects = defineTool({
  name: NAME,
  title: 'List OneDesk projects',
  description: [
    'Lists OneDesk projects (id, external id, name, archived, status), a page per call, optionally by words in the name.',
    'Use for project ids for the list tools and onedesk_create_item.',
    'Example: onedesk_list_projects {"text": "Support"}',
    'Read-only.',
  ].join('\n'),
  toolset: 'items',
  input: z.strictObject({ text: z.string().trim().min(1).max(200).optional().describe('Words in the name.'), limit: limitArg(200), cursor: cursorArg }),
  output: z.object({ projects: z.array(projectOut), next_cursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async (args, ctx) => {
    const offset = decodeCursor(NAME, args.cursor);
    const properties: FilterProperty[] = args.text ? [{ property: 'name', operation: 'CONTAINS', value: args.text }] : [];
    const answer = await onedeskFilter(ctx, 'projects', { properties, limit: args.limit, offset }, 'list projects');
    return { projects: answer.rows.map(toProject), next_cursor: nextCursor(NAME, offset, args.limit, answer.rows.length, answer.total) };
  },
});
