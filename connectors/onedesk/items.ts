import { z } from 'zod';
import { nameBook, type NamedRef } from './organization';
import type { OnedeskContext } from './runtime';
import { byIdPath, extraOf, unreadIn, firstOf, isoTime, num, numId, refOut, str, toRef, type Pick1 } from './shapes';
import { isRecord, missing, onedeskGet, type Row } from './vendor';

export const itemOut = z.object({
  id: z.number().int().nullable(),
  external_id: z.string().nullable(),
  type: z.string().nullable().describe('Item type label in this organization (Ticket, Task…).'),
  name: z.string().nullable(),
  status: z.string().nullable().describe('Lifecycle status name.'),
  status_state: z.string().nullable().describe('Lifecycle state (e.g. open, closed) when OneDesk sends it.'),
  priority: z.number().nullable().describe('0-100 in steps of 20.'),
  percent_complete: z.number().nullable(),
  project: refOut.nullable(),
  assignees: z.array(refOut),
  creator: refOut.nullable().describe('Who created the item, when OneDesk sends it.'),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
  description: z.string().nullable().optional(),
  extra: z.record(z.string(), z.unknown()),
});
export type ItemOut = z.infer<typeof itemOut>;

/** The names OneDesk may send each item field under, first one present wins (also what `doctor --deep` checks). */
export const ITEM_KEYS = {
  type: ['type', 'itemType', 'typeLabel'],
  status: ['lifecycleStatus', 'status', 'lifecycleStatusName'],
  statusId: ['lifecycleStatusId'],
  project: ['project'],
  projectId: ['projectId'],
  projectExternalId: ['projectExternalId'],
  projectName: ['projectName'],
  assignees: ['assignees', 'assigneeExternalIds', 'assignedTo'],
  creator: ['creator', 'createdBy', 'creatorExternalId', 'createdByExternalId', 'creatorId', 'author'],
  created: ['creationTime', 'created', 'createdTime', 'createdDate'],
  updated: ['lastUpdatedTime', 'lastUpdated', 'updatedTime', 'modificationTime', 'updated'],
} as const;
const KEYS = ITEM_KEYS;
const USED = ['id', 'externalId', 'name', 'description', 'priority', 'percentComplete', ...Object.values(KEYS).flat()];

/** The creation time as OneDesk sent it (a date-time, or only a day). */
export function firstCreated(row: Row): unknown {
  return firstOf(row, KEYS.created);
}

/** When the item was created, in epoch ms (NaN when OneDesk sent no time): merged pages sort on it. */
export function createdMs(row: Row): number {
  const time = isoTime(firstOf(row, KEYS.created));
  return time === null ? Number.NaN : Date.parse(time);
}

export function typeLabelOf(row: Row): string | null {
  const raw = firstOf(row, KEYS.type);
  return str(raw) ?? (isRecord(raw) ? (str(raw.label) ?? str(raw.name)) : null);
}

interface Draft {
  item: ItemOut;
  statusId: number | string | null;
}

function draft(row: Row, withDescription: boolean): Draft {
  const rawStatus = firstOf(row, KEYS.status);
  const statusId = firstOf(row, KEYS.statusId);
  const rawProject = firstOf(row, KEYS.project);
  let project: NamedRef | null = toRef(rawProject);
  if (!project || (project.id === null && project.external_id === null)) {
    const id = numId(firstOf(row, KEYS.projectId));
    const external = str(firstOf(row, KEYS.projectExternalId));
    const name = str(firstOf(row, KEYS.projectName)) ?? project?.name ?? null;
    project = id !== null || external !== null || name !== null ? { id, external_id: external, name } : null;
  }
  const rawAssignees = firstOf(row, KEYS.assignees);
  const assignees = (Array.isArray(rawAssignees) ? rawAssignees : rawAssignees === undefined ? [] : [rawAssignees])
    .map(toRef)
    .filter((r): r is NamedRef => r !== null);
  const item: ItemOut = {
    id: numId(row.id),
    external_id: str(row.externalId),
    type: typeLabelOf(row),
    name: str(row.name),
    status: str(rawStatus) ?? (isRecord(rawStatus) ? (str(rawStatus.name) ?? str(rawStatus.label)) : null),
    status_state: isRecord(rawStatus) ? str(rawStatus.state) : null,
    priority: num(row.priority),
    percent_complete: num(row.percentComplete),
    project,
    assignees,
    creator: toRef(firstOf(row, KEYS.creator)),
    created_at: isoTime(firstOf(row, KEYS.created)),
    updated_at: isoTime(firstOf(row, KEYS.updated)),
    extra: extraOf(row, USED),
  };
  if (withDescription) item.description = str(row.description);
  const unread = unreadIn(row, 'item', [
    [['id', 'externalId'], item.id ?? item.external_id, 'needed'],
    ['id', item.id],
    ['externalId', item.external_id],
    ['name', item.name],
    ['priority', item.priority],
    ['percentComplete', item.percent_complete],
    [KEYS.created, item.created_at],
    [KEYS.updated, item.updated_at],
  ]);
  item.extra = { ...item.extra, ...unread };
  return { item, statusId: typeof statusId === 'number' || typeof statusId === 'string' ? statusId : null };
}

/** Items for the model, with project, assignee and status names filled in where OneDesk sent only ids. */
export async function toItems(ctx: OnedeskContext, rows: Row[], withDescription = false): Promise<ItemOut[]> {
  const drafts = rows.map((row) => draft(row, withDescription));
  const needs = {
    projects: drafts.some((d) => d.item.project !== null && d.item.project.name === null),
    users: drafts.some((d) => d.item.assignees.some((a) => a.name === null) || (d.item.creator !== null && d.item.creator.name === null)),
    statuses: drafts.some((d) => d.item.status === null && d.statusId !== null),
  };
  if (!needs.projects && !needs.users && !needs.statuses) return drafts.map((d) => d.item);
  const book = await nameBook(ctx, needs);
  return drafts.map(({ item, statusId }) => ({
    ...item,
    project: item.project ? book.project(item.project) : null,
    assignees: item.assignees.map((a) => book.user(a)),
    creator: item.creator ? book.user(item.creator) : null,
    status: item.status ?? (statusId !== null ? book.status(statusId) : null),
  }));
}

export async function fetchItemRow(ctx: OnedeskContext, pick: Pick1): Promise<Row> {
  const operation = 'get item';
  const data = await onedeskGet(ctx, byIdPath('items', pick), operation);
  if (!isRecord(data)) throw missing('the item', operation);
  return data;
}
