import { describe, expect, it } from 'vitest';
import { resolveReportRange, weekStartOf } from './range';
import { refusal } from '../../../tests/support/tool-harness';

// Monday 2026-11-30, 23:30 UTC: already Tuesday 2026-12-01 in Riga, still Monday in New York.
const NOW = new Date('2026-11-30T23:30:00Z');
const riga = { timeZone: 'Europe/Riga', now: NOW };

describe('report ranges', () => {
  it('resolves keywords in the acting user zone, not UTC', () => {
    expect(resolveReportRange('today', undefined, riga)).toMatchObject({ start: '2026-12-01', end: '2026-12-01', days: 1 });
    expect(resolveReportRange('today', undefined, { timeZone: 'America/New_York', now: NOW })).toMatchObject({ start: '2026-11-30' });
    expect(resolveReportRange('yesterday', undefined, riga)).toMatchObject({ start: '2026-11-30', end: '2026-11-30' });
    expect(resolveReportRange('this_week', undefined, riga)).toMatchObject({ start: '2026-11-30', end: '2026-12-06', days: 7 });
    expect(resolveReportRange('last_week', undefined, riga)).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
    expect(resolveReportRange('next_week', undefined, riga)).toMatchObject({ start: '2026-12-07', end: '2026-12-13' });
    expect(resolveReportRange('next_month', undefined, riga)).toMatchObject({ start: '2027-01-01', end: '2027-01-31' });
    expect(resolveReportRange('this_month', undefined, riga)).toMatchObject({ start: '2026-12-01', end: '2026-12-31', days: 31 });
    expect(resolveReportRange('last_month', undefined, riga)).toMatchObject({ start: '2026-11-01', end: '2026-11-30', days: 30 });
    expect(resolveReportRange('last_month', undefined, { timeZone: 'UTC', now: new Date('2024-03-10T00:00:00Z') })).toMatchObject({
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });

  it('honours the user week start for week keywords', () => {
    expect(resolveReportRange('last_week', undefined, { ...riga, weekStart: 'SUNDAY' })).toMatchObject({ start: '2026-11-22', end: '2026-11-28' });
    expect(weekStartOf('2026-12-01', 'SATURDAY')).toBe('2026-11-28');
  });

  it('gives the request body local midnights with the zone', () => {
    expect(resolveReportRange('2024-03-01', '2024-03-31', riga)).toEqual({
      start: '2024-03-01',
      end: '2024-03-31',
      days: 31,
      timeZone: 'Europe/Riga',
      dateRangeStart: '2024-03-01T00:00:00.000',
      dateRangeEnd: '2024-03-31T23:59:59.999',
    });
  });

  it('takes a keyword as end (its last day) and a date-time as its day', () => {
    expect(resolveReportRange('2026-11-01', 'yesterday', riga)).toMatchObject({ start: '2026-11-01', end: '2026-11-30', days: 30 });
    expect(resolveReportRange('2026-11-02T10:00:00+02:00', undefined, riga)).toMatchObject({ start: '2026-11-02', end: '2026-11-02' });
  });

  it('refuses end before start, and dates that are not days', () => {
    expect(refusal(() => resolveReportRange('2024-03-10', '2024-03-01', riga)).code).toBe('invalid_argument');
    const bad = refusal(() => resolveReportRange('2024-02-30', undefined, riga));
    expect(bad.fields?.[0]).toMatchObject({ field: 'start' });
    expect(refusal(() => resolveReportRange('next_year', undefined, riga)).fields?.[0]?.problem).toMatch(/last month/);
  });

  it('weekly: exactly 7 days, naming the week that contains start', () => {
    const error = refusal(() => resolveReportRange('2026-11-25', '2026-11-30', { ...riga, exactlySevenDays: true }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/exactly 7 days; 2026-11-25\.\.2026-11-30 is 6 days/);
    expect(error.hint).toContain('2026-11-23..2026-11-29');
    expect(error.hint).toContain('{"start": "2026-11-23", "end": "2026-11-29"}');
    expect(resolveReportRange('2026-11-25', '2026-12-01', { ...riga, exactlySevenDays: true })).toMatchObject({ days: 7 });
    expect(resolveReportRange('2026-11-25', undefined, { ...riga, exactlySevenDays: true })).toMatchObject({
      start: '2026-11-23',
      end: '2026-11-29',
    });
    expect(resolveReportRange('last_week', undefined, { ...riga, exactlySevenDays: true })).toMatchObject({ days: 7 });
    expect(refusal(() => resolveReportRange('last_month', undefined, { ...riga, exactlySevenDays: true })).code).toBe('invalid_argument');
  });

  it('refuses more than a year, proposing the first part of a split', () => {
    expect(resolveReportRange('2024-01-01', '2024-12-31', riga)).toMatchObject({ days: 366 });
    const error = refusal(() => resolveReportRange('2024-01-01', '2025-01-01', riga));
    expect(error.message).toMatch(/at most one year/);
    expect(error.hint).toContain('{"start": "2024-01-01", "end": "2024-12-31"}');
  });
});
