import { describe, expect, it } from 'vitest';
import { formatInZone, parseDurationInput, parseIsoDuration, parseTimeInput, readableDuration, toClockifyInstant, toIsoDuration } from './time';

const NOW = new Date('2024-03-15T10:00:00Z');

describe('time inputs', () => {
  it('reads ISO with an offset or Z as that instant', () => {
    expect(parseTimeInput('2024-03-15T14:00:00+01:00', 'America/New_York', NOW, 'start').toISOString()).toBe('2024-03-15T13:00:00.000Z');
    expect(parseTimeInput('2024-03-15T14:00Z', 'Europe/Paris', NOW, 'start').toISOString()).toBe('2024-03-15T14:00:00.000Z');
    expect(parseTimeInput('2024-03-15T14:00:00-0530', 'UTC', NOW, 'start').toISOString()).toBe('2024-03-15T19:30:00.000Z');
  });

  it("reads a local date-time in the user's Clockify zone, across DST", () => {
    // Paris is UTC+1 in March before the switch, UTC+2 in summer.
    expect(parseTimeInput('2024-03-15 14:00', 'Europe/Paris', NOW, 'start').toISOString()).toBe('2024-03-15T13:00:00.000Z');
    expect(parseTimeInput('2024-07-01T09:30', 'Europe/Paris', NOW, 'start').toISOString()).toBe('2024-07-01T07:30:00.000Z');
    expect(parseTimeInput('2024-03-15 14:00', 'America/New_York', NOW, 'start').toISOString()).toBe('2024-03-15T18:00:00.000Z');
    expect(parseTimeInput('2024-03-15', 'Asia/Tokyo', NOW, 'start').toISOString()).toBe('2024-03-14T15:00:00.000Z');
    expect(parseTimeInput('now', 'UTC', NOW, 'start')).toEqual(NOW);
  });

  it('refuses what is not a time, naming the field', () => {
    for (const bad of ['yesterday 3pm', '2024-02-30 10:00', '2024-03-15T25:00Z', '']) {
      expect(() => parseTimeInput(bad, 'UTC', NOW, 'end')).toThrow(expect.objectContaining({ code: 'invalid_argument', fields: [expect.objectContaining({ field: 'end' })] }));
    }
  });
});

describe('time outputs', () => {
  it("gives ISO with the offset of the user's zone", () => {
    expect(formatInZone('2024-03-14T13:00:00Z', 'Europe/Paris')).toBe('2024-03-14T14:00:00+01:00');
    expect(formatInZone('2024-07-01T07:30:00Z', 'Europe/Paris')).toBe('2024-07-01T09:30:00+02:00');
    expect(formatInZone('2024-03-15T02:00:00Z', 'America/New_York')).toBe('2024-03-14T22:00:00-04:00');
    expect(formatInZone('2024-03-15T02:00:00Z', 'Asia/Kolkata')).toBe('2024-03-15T07:30:00+05:30');
    expect(formatInZone('2024-03-15T02:00:00Z', 'UTC')).toBe('2024-03-15T02:00:00+00:00');
  });

  it('sends Clockify UTC with Z and whole seconds', () => {
    expect(toClockifyInstant(new Date('2024-03-15T13:00:00.789Z'))).toBe('2024-03-15T13:00:00Z');
  });
});

describe('durations', () => {
  it('accepts "1h30m", "PT1H30M", "1:30" and minutes (number or digits)', () => {
    for (const input of ['1h30m', '1h 30m', 'PT1H30M', 'pt1h30m', '1:30', 90, '90', '90m', '1.5h']) {
      expect(parseDurationInput(input), String(input)).toBe(5400);
    }
    expect(parseDurationInput('45m')).toBe(2700);
    expect(parseDurationInput('2h')).toBe(7200);
    expect(parseDurationInput('PT45S')).toBe(45);
  });

  it('refuses zero, negative, nonsense and more than a week', () => {
    for (const bad of ['0', 0, -5, 'soon', 'PT', '1:75', '200h']) {
      expect(() => parseDurationInput(bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
  });

  it("reads Clockify's ISO durations and prints both forms", () => {
    expect(parseIsoDuration('PT1H15M')).toBe(4500);
    expect(parseIsoDuration('P1DT2H')).toBe(93600);
    expect(parseIsoDuration('PT0S')).toBe(0);
    expect(parseIsoDuration('nope')).toBeUndefined();
    expect(readableDuration(5400)).toBe('1h 30m');
    expect(readableDuration(45)).toBe('45s');
    expect(toIsoDuration(5400)).toBe('PT1H30M');
    expect(toIsoDuration(0)).toBe('PT0S');
  });
});
