import { describe, expect, it } from 'vitest';
import { addDays, dayIn, formatInZone, parseInstant, parseTimeSpan, parseWhen, resolveDay, resolveSpan, type DateContext } from './dates';
import { refusal } from '../../tests/support/tool-harness';

// Wednesday 2026-03-11, 10:00 UTC (11:00 in Berlin).
const berlin: DateContext = { timeZone: 'Europe/Berlin', now: new Date('2026-03-11T10:00:00Z'), field: 'start' };
const at = (text: string, context: DateContext = berlin, edge: 'start' | 'end' = 'start') => formatInZone(parseInstant(text, context, edge), context.timeZone);

describe('times people type', () => {
  it('reads "yesterday 14:00" and its variants as wall-clock time in the caller\'s zone', () => {
    expect(at('yesterday 14:00')).toBe('2026-03-10T14:00:00+01:00');
    expect(at('Yesterday at 2pm')).toBe('2026-03-10T14:00:00+01:00');
    expect(at('2:30 pm yesterday')).toBe('2026-03-10T14:30:00+01:00');
    expect(at('14:00')).toBe('2026-03-11T14:00:00+01:00');
    expect(at('today 9:05')).toBe('2026-03-11T09:05:00+01:00');
    expect(at('monday 9:30')).toBe('2026-03-09T09:30:00+01:00');
    expect(at('2026-03-10 14:00')).toBe('2026-03-10T14:00:00+01:00');
    expect(at('2026-03-10 2pm')).toBe('2026-03-10T14:00:00+01:00');
    expect(at('now')).toBe('2026-03-11T11:00:00+01:00');
  });

  it('reads ISO with an offset or Z as that instant, whatever the zone', () => {
    expect(parseInstant('2024-03-15T14:00:00+01:00', { ...berlin, timeZone: 'America/New_York' }).toISOString()).toBe('2024-03-15T13:00:00.000Z');
    expect(parseInstant('2024-03-15T14:00Z', berlin).toISOString()).toBe('2024-03-15T14:00:00.000Z');
    expect(parseInstant('2024-03-15T14:00:00-0530', berlin).toISOString()).toBe('2024-03-15T19:30:00.000Z');
  });

  it('reads local date-times across DST, and a day alone as its first moment (or the next midnight as an end)', () => {
    const paris = { ...berlin, timeZone: 'Europe/Paris' };
    expect(parseInstant('2024-03-15 14:00', paris).toISOString()).toBe('2024-03-15T13:00:00.000Z');
    expect(parseInstant('2024-07-01T09:30', paris).toISOString()).toBe('2024-07-01T07:30:00.000Z');
    expect(parseInstant('2024-03-15', { ...berlin, timeZone: 'Asia/Tokyo' }).toISOString()).toBe('2024-03-14T15:00:00.000Z');
    expect(at('yesterday')).toBe('2026-03-10T00:00:00+01:00');
    expect(at('yesterday', berlin, 'end')).toBe('2026-03-11T00:00:00+01:00');
    expect(at('last week', berlin, 'end')).toBe('2026-03-09T00:00:00+01:00');
  });

  it('tells an instant from whole days', () => {
    expect(parseWhen('yesterday 14:00', berlin).kind).toBe('instant');
    expect(parseWhen('yesterday', berlin)).toEqual({ kind: 'days', span: { start: '2026-03-10', end: '2026-03-10' } });
  });

  it('refuses what is not a time, naming the field and what it takes', () => {
    for (const bad of ['soonish', '2024-02-30 10:00', '2024-03-15T25:00Z', '', 'yesterday 25:00', '13pm']) {
      const error = refusal(() => parseInstant(bad, { ...berlin, field: 'end', connector: 'clockify' }));
      expect(error.code).toBe('invalid_argument');
      expect(error.connector).toBe('clockify');
      expect(error.fields).toEqual([{ field: 'end', problem: expect.stringContaining('yesterday 14:00') }]);
    }
  });
});

describe('days and ranges people name', () => {
  const span = (text: string, context: DateContext = berlin) => resolveSpan(text, context);

  it('names single days: ISO, today, yesterday, weekdays (the latest, today included; "last" means before today)', () => {
    expect(span('today')).toEqual({ start: '2026-03-11', end: '2026-03-11' });
    expect(span('yesterday')).toEqual({ start: '2026-03-10', end: '2026-03-10' });
    expect(span('Monday')).toEqual({ start: '2026-03-09', end: '2026-03-09' });
    expect(span('fri')).toEqual({ start: '2026-03-06', end: '2026-03-06' });
    expect(span('wednesday')).toEqual({ start: '2026-03-11', end: '2026-03-11' });
    expect(span('last wednesday')).toEqual({ start: '2026-03-04', end: '2026-03-04' });
    expect(span('2024-02-29')).toEqual({ start: '2024-02-29', end: '2024-02-29' });
    expect(span('2026-11-02T10:00:00+02:00')).toEqual({ start: '2026-11-02', end: '2026-11-02' });
  });

  it('names ranges: this/last week, this/last month, last 7 days, a..b, in words or with underscores', () => {
    expect(span('this week')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(span('last week')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(span('last_week')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(span('last week', { ...berlin, weekStart: 'SUNDAY' })).toEqual({ start: '2026-03-01', end: '2026-03-07' });
    expect(span('this month')).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(span('last month')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(span('last 7 days')).toEqual({ start: '2026-03-05', end: '2026-03-11' });
    expect(span('2026-03-01..2026-03-05')).toEqual({ start: '2026-03-01', end: '2026-03-05' });
    expect(span('monday to today')).toEqual({ start: '2026-03-09', end: '2026-03-11' });
    expect(refusal(() => span('2026-03-05..2026-03-01')).message).toMatch(/ends before it starts/);
  });

  it("reads today in the caller's zone, not the server's (and UTC for a zone Node does not know)", () => {
    const lateMonday = new Date('2026-11-30T23:30:00Z'); // already Tuesday in Riga
    expect(span('today', { timeZone: 'Europe/Riga', now: lateMonday })).toEqual({ start: '2026-12-01', end: '2026-12-01' });
    expect(span('today', { timeZone: 'America/New_York', now: lateMonday })).toEqual({ start: '2026-11-30', end: '2026-11-30' });
    expect(dayIn('Mars/Olympus', lateMonday)).toBe('2026-11-30');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('one-day arguments', () => {
  it('take a day word and refuse a range by saying which days it covers and what to do', () => {
    expect(resolveDay('yesterday', berlin)).toBe('2026-03-10');
    expect(resolveDay('tuesday', berlin)).toBe('2026-03-10');
    const range = refusal(() => resolveDay('last week', { ...berlin, field: 'date', rangeHint: 'Call once per day.' }));
    expect(range.message).toBe('date takes one day; "last week" is 2026-03-02..2026-03-08.');
    expect(range.hint).toBe('Call once per day.');
    expect(refusal(() => resolveDay('2023-02-29', berlin)).message).toMatch(/not a day/);
  });
});

describe('spans of work people type', () => {
  const span = (text: string) => {
    const s = parseTimeSpan(text, { ...berlin, field: 'time' });
    return s && [formatInZone(s.start, 'Europe/Berlin'), formatInZone(s.end, 'Europe/Berlin')];
  };

  it('reads a start and an end joined by an en dash, a hyphen or "to"; an end written as a time alone is on the start\'s day', () => {
    expect(span('yesterday 14:00–15:30')).toEqual(['2026-03-10T14:00:00+01:00', '2026-03-10T15:30:00+01:00']);
    expect(span('yesterday 14:00 — 15:30')).toEqual(['2026-03-10T14:00:00+01:00', '2026-03-10T15:30:00+01:00']);
    expect(span('14:00-15:30')).toEqual(['2026-03-11T14:00:00+01:00', '2026-03-11T15:30:00+01:00']);
    expect(span('2026-03-09 9:00 to 11:30')).toEqual(['2026-03-09T09:00:00+01:00', '2026-03-09T11:30:00+01:00']);
    expect(span('2026-03-09 9:00 - 2026-03-10 1:00')).toEqual(['2026-03-09T09:00:00+01:00', '2026-03-10T01:00:00+01:00']);
    expect(span('monday 9am..11am')).toEqual(['2026-03-09T09:00:00+01:00', '2026-03-09T11:00:00+01:00']);
    expect(span('2026-03-09 9:00-10:15')).toEqual(['2026-03-09T09:00:00+01:00', '2026-03-09T10:15:00+01:00']);
    expect(span('2026-03-10T13:00:00Z-2026-03-10T14:00:00Z')).toEqual(['2026-03-10T14:00:00+01:00', '2026-03-10T15:00:00+01:00']);
  });

  it('past midnight rolls to the next day; a start "for" a duration; a duration alone is not a span', () => {
    expect(span('yesterday 22:00–01:00')).toEqual(['2026-03-10T22:00:00+01:00', '2026-03-11T01:00:00+01:00']);
    expect(span('monday 9:00 for 1h30m')).toEqual(['2026-03-09T09:00:00+01:00', '2026-03-09T10:30:00+01:00']);
    expect(span('45m')).toBeUndefined();
    expect(span('1:30')).toBeUndefined();
  });

  it('refuses a start alone, an end before the start and parts that do not read, naming the field', () => {
    expect(refusal(() => span('yesterday 14:00')).fields).toEqual([{ field: 'time', problem: expect.stringContaining('yesterday 14:00–15:30') }]);
    expect(refusal(() => span('2026-03-10T14:00:00-05:00')).code).toBe('invalid_argument');
    expect(refusal(() => span('yesterday 15:30–14:00')).message).toBe('The end is not after the start.');
    expect(refusal(() => span('someday 9:00–10:00')).code).toBe('invalid_argument');
    expect(refusal(() => span('monday 9:00 for ever')).fields?.[0]?.field).toBe('time');
  });
});
