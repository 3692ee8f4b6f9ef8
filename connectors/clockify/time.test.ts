import { describe, expect, it } from 'vitest';
import { formatInZone, parseDurationInput, parseTimeInput, toClockifyInstant, toIsoDuration } from './time';

// The parsing itself is the core's (src/format/dates.test.ts, duration.test.ts); this checks Clockify's side.
const NOW = new Date('2024-03-15T10:00:00Z');

describe('Clockify times', () => {
  it('reads what users type in the Clockify zone and names clockify in errors', () => {
    expect(parseTimeInput('yesterday 14:00', 'Europe/Paris', NOW, 'start').toISOString()).toBe('2024-03-14T13:00:00.000Z');
    expect(() => parseTimeInput('soonish', 'UTC', NOW, 'end')).toThrow(expect.objectContaining({ code: 'invalid_argument', connector: 'clockify', fields: [expect.objectContaining({ field: 'end' })] }));
    expect(() => parseDurationInput('soon')).toThrow(expect.objectContaining({ connector: 'clockify' }));
  });

  it("gives ISO with the offset of the user's zone", () => {
    expect(formatInZone('2024-03-14T13:00:00Z', 'Europe/Paris')).toBe('2024-03-14T14:00:00+01:00');
    expect(formatInZone('2024-07-01T07:30:00Z', 'Europe/Paris')).toBe('2024-07-01T09:30:00+02:00');
    expect(formatInZone('2024-03-15T02:00:00Z', 'America/New_York')).toBe('2024-03-14T22:00:00-04:00');
    expect(formatInZone('2024-03-15T02:00:00Z', 'Asia/Kolkata')).toBe('2024-03-15T07:30:00+05:30');
    expect(formatInZone('2024-03-15T02:00:00Z', 'UTC')).toBe('2024-03-15T02:00:00+00:00');
  });

  it('sends Clockify UTC with Z and whole seconds, durations as ISO', () => {
    expect(toClockifyInstant(new Date('2024-03-15T13:00:00.789Z'))).toBe('2024-03-15T13:00:00Z');
    expect(toIsoDuration(5400)).toBe('PT1H30M');
    expect(toIsoDuration(0)).toBe('PT0S');
  });
});
