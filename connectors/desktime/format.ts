import {
  vendorApp,
  vendorEmployeeDay,
  vendorProjectEntry,
  type AppOut,
  type EmployeeDayOut,
  type ProjectEntryOut,
  type VendorEmployeeDay,
  type VendorEmployees,
  type VendorProjectEntry,
} from './schemas';

import { formatInZone, zonedToInstant } from '../../src/format/dates';
import { toDuration } from '../../src/format/duration';
import type { Logger } from '../../src/observability/logger';
import { extraWithUnreadable, readList, readObject } from '../../src/vendor-http/tolerant';

export { readableDuration, toDuration, type Duration } from '../../src/format/duration';

/** DeskTime sends productivity and efficiency as percentage floats with many decimals. */
export function toPercent(value: number | undefined): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  return Math.round(value * 10) / 10;
}


/** Fields a vendor object had beyond `known`, minus DeskTime's request-time stamp. */
export function extraFields(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  return extraWithUnreadable(raw, known, ['__request_time']);
}

const reading = (what: string, log?: Logger) => ({ vendor: 'desktime', what, log });

const optionalDuration = (seconds: number | undefined) => (seconds === undefined ? null : toDuration(seconds));

export function toProjectEntry(raw: VendorProjectEntry): ProjectEntryOut {
  return {
    project_id: raw.project_id ?? null,
    project_name: raw.project_title ?? null,
    task_id: raw.task_id ?? null,
    task_name: raw.task_title ?? null,
    time: optionalDuration(raw.duration),
  };
}

/** Projects come as an array; a keyed object is tolerated. Longest first; an entry with a field in an unexpected shape is kept. */
export function toProjectEntries(raw: VendorEmployeeDay['projects'], log?: Logger): ProjectEntryOut[] {
  if (!raw) return [];
  const list = Array.isArray(raw) ? raw : Object.values(raw);
  return readList(vendorProjectEntry, list, reading('project entry', log))
    .map(toProjectEntry)
    .sort((a, b) => (b.time?.seconds ?? 0) - (a.time?.seconds ?? 0));
}

const PRODUCTIVITY_BY_CLASS: Record<string, AppOut['productivity']> = {
  '1': 'productive',
  '0': 'neutral',
  '-1': 'unproductive',
};

/** `apps` is keyed by productivity class, then by app; flattened, longest first. */
export function toApps(raw: VendorEmployeeDay['apps'], log?: Logger): AppOut[] {
  if (!raw || Array.isArray(raw)) return [];
  const apps: AppOut[] = [];
  for (const [productivityClass, byApp] of Object.entries(raw)) {
    if (Array.isArray(byApp)) continue;
    for (const [key, value] of Object.entries(byApp)) {
      const app = readObject(vendorApp, value, reading('app', log));
      if (!app) continue;
      apps.push({
        name: app.name ?? app.app ?? key,
        app: app.app ?? key,
        kind: app.type ?? null,
        productivity: PRODUCTIVITY_BY_CLASS[productivityClass] ?? 'unclassified',
        time: toDuration(app.duration ?? 0),
      });
    }
  }
  return apps.sort((a, b) => b.time.seconds - a.time.seconds);
}

const EMPLOYEE_KEYS = Object.keys(vendorEmployeeDay.shape);

function toNotes(raw: VendorEmployeeDay['notes']): EmployeeDayOut['notes'] {
  if (!raw || Array.isArray(raw)) return [];
  return Object.entries(raw).map(([label, value]) => ({
    label,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}

/**
 * DeskTime's "YYYY-MM-DD HH:MM:SS" (company wall-clock time, no zone) as ISO
 * 8601 with that zone's offset ("2024-03-16T09:17:00+02:00"), so a model in
 * another zone does not read it as its own; anything else as sent.
 */
export function companyTime(value: string | false | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return value;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  return formatInZone(zonedToInstant({ year, month, day, hour, minute, second }, timeZone), timeZone);
}

/**
 * One employee's day for the model. Apps and projects are left out here
 * (tools that return them add them beside), so listing a company stays small.
 * Arrival and leaving carry the company zone's offset (`timeZone`).
 */
export function toEmployeeDay(raw: VendorEmployeeDay, timeZone: string): EmployeeDayOut {
  const active = raw.activeProject && !Array.isArray(raw.activeProject) ? toProjectEntry(raw.activeProject) : null;
  return {
    id: raw.id,
    name: raw.name ?? null,
    email: raw.email ?? null,
    group_id: raw.groupId ?? null,
    group_name: raw.group ?? null,
    is_online: raw.isOnline ?? null,
    arrived_at: companyTime(raw.arrived, timeZone),
    left_at: companyTime(raw.left, timeZone),
    late: raw.late ?? null,
    work_starts: raw.work_starts ?? null,
    work_ends: raw.work_ends ?? null,
    desktime_time: optionalDuration(raw.desktimeTime),
    productive_time: optionalDuration(raw.productiveTime),
    online_time: optionalDuration(raw.onlineTime),
    offline_time: optionalDuration(raw.offlineTime),
    at_work_time: optionalDuration(raw.atWorkTime),
    before_work_time: optionalDuration(raw.beforeWorkTime),
    after_work_time: optionalDuration(raw.afterWorkTime),
    productivity_percent: toPercent(raw.productivity),
    efficiency_percent: toPercent(raw.efficiency),
    active_project: active,
    notes: toNotes(raw.notes),
    profile_url: raw.profileUrl ?? null,
    extra: extraFields(raw, EMPLOYEE_KEYS),
  };
}

/**
 * The /employees answer day by day, in date order. DeskTime sends objects
 * keyed by date and then by id (an empty array when there is nothing); a row
 * with a field in a shape it does not document is kept (tolerant reader).
 */
export function employeeDays(answer: VendorEmployees, log?: Logger): { date: string; rows: VendorEmployeeDay[] }[] {
  const byDate = Array.isArray(answer.employees) ? {} : answer.employees;
  return Object.keys(byDate)
    .sort()
    .map((date) => {
      const byId = byDate[date];
      const list = byId === undefined ? [] : Array.isArray(byId) ? byId : Object.values(byId);
      return { date, rows: readList(vendorEmployeeDay, list, reading('employee', log)) };
    });
}
