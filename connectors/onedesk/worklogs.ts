import { z } from 'zod';
import type { NamedRef } from './organization';
import { durationOut, extraOf, unreadIn, firstOf, hoursToDuration, isoTime, num, numId, refOut, str, toRef } from './shapes';
import type { Row } from './vendor';

/**
 * OneDesk's worklogs are its timesheets. Their fields are undocumented [U]:
 * read under the names Composio's worklog inputs suggest (dateStart,
 * dateFinish, works in hours, percentage, billable, comments) and the ones
 * OneDesk's activity events use (itemExternalId, authorExternalId).
 */
export const worklogOut = z.object({
  id: z.number().int().nullable(),
  external_id: z.string().nullable(),
  item: refOut.nullable(),
  user: refOut.nullable(),
  start: z.string().nullable(),
  finish: z.string().nullable(),
  duration: durationOut.nullable(),
  percent_complete: z.number().nullable(),
  billable: z.boolean().nullable(),
  comment: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
});
export type WorklogOut = z.infer<typeof worklogOut>;

const KEYS = {
  item: ['item'],
  itemId: ['itemId'],
  itemExternalId: ['itemExternalId'],
  itemName: ['itemName'],
  user: ['user', 'author'],
  userId: ['userId', 'authorId'],
  userExternalId: ['authorExternalId', 'userExternalId'],
  userName: ['authorName', 'userName'],
  start: ['dateStart', 'startDate', 'start'],
  finish: ['dateFinish', 'finishDate', 'endDate', 'finish'],
  hours: ['works', 'hours', 'actualWork'],
  percent: ['percentage', 'percentComplete'],
  comment: ['comments', 'comment', 'description'],
} as const;
const USED = ['id', 'externalId', 'billable', ...Object.values(KEYS).flat()];

function refFrom(row: Row, objectKeys: readonly string[], idKeys: readonly string[], externalKeys: readonly string[], nameKeys: readonly string[]): NamedRef | null {
  const fromObject = toRef(firstOf(row, objectKeys));
  const ref = {
    id: fromObject?.id ?? numId(firstOf(row, idKeys)),
    external_id: fromObject?.external_id ?? str(firstOf(row, externalKeys)),
    name: fromObject?.name ?? str(firstOf(row, nameKeys)),
  };
  return ref.id === null && ref.external_id === null && ref.name === null ? null : ref;
}

export function toWorklog(row: Row): WorklogOut {
  const start = isoTime(firstOf(row, KEYS.start));
  const finish = isoTime(firstOf(row, KEYS.finish));
  const hours = num(firstOf(row, KEYS.hours));
  let duration = hours === null ? null : hoursToDuration(hours);
  if (duration === null && start && finish && Date.parse(finish) >= Date.parse(start)) {
    const seconds = Math.round((Date.parse(finish) - Date.parse(start)) / 1000);
    duration = hoursToDuration(seconds / 3600);
  }
  const id = numId(row.id);
  const externalId = str(row.externalId);
  const percent = num(firstOf(row, KEYS.percent));
  const billable = typeof row.billable === 'boolean' ? row.billable : null;
  const comment = str(firstOf(row, KEYS.comment));
  const unread = unreadIn(row, 'worklog', [
    [['id', 'externalId'], id ?? externalId, 'needed'],
    ['id', id],
    ['externalId', externalId],
    [KEYS.start, start],
    [KEYS.finish, finish],
    [KEYS.hours, hours],
    [KEYS.percent, percent],
    ['billable', billable],
    [KEYS.comment, comment],
    ...([KEYS.itemId, KEYS.userId] as const).map((keys) => [keys, numId(firstOf(row, keys))] as const),
    ...([KEYS.itemExternalId, KEYS.itemName, KEYS.userExternalId, KEYS.userName] as const).map((keys) => [keys, str(firstOf(row, keys))] as const),
  ]);
  return {
    id,
    external_id: externalId,
    item: refFrom(row, KEYS.item, KEYS.itemId, KEYS.itemExternalId, KEYS.itemName),
    user: refFrom(row, KEYS.user, KEYS.userId, KEYS.userExternalId, KEYS.userName),
    start,
    finish,
    duration,
    percent_complete: percent,
    billable,
    comment,
    extra: { ...extraOf(row, USED), ...unread },
  };
}
