import { describe, expect, it } from 'vitest';
import { holidayOverlaps, toHolidayOut } from './holidays';

const holiday = (startDate: string, endDate: string, occursAnnually: boolean) =>
  toHolidayOut({ id: 'h1', name: 'x', datePeriod: { startDate, endDate }, occursAnnually }, () => null);

describe('holiday windows', () => {
  it('a one-off holiday overlaps by its dates', () => {
    expect(holidayOverlaps(holiday('2026-12-07', '2026-12-08', false), '2026-12-08', '2026-12-14')).toBe(true);
    expect(holidayOverlaps(holiday('2026-12-07', '2026-12-08', false), '2027-12-07', '2027-12-08')).toBe(false);
  });

  it('a yearly holiday overlaps in any year, also when it wraps the new year', () => {
    expect(holidayOverlaps(holiday('2020-12-25', '2020-12-25', true), '2024-12-23', '2024-12-29')).toBe(true);
    expect(holidayOverlaps(holiday('2020-12-25', '2020-12-25', true), '2024-12-26', '2024-12-31')).toBe(false);
    expect(holidayOverlaps(holiday('2020-12-31', '2021-01-01', true), '2025-01-01', '2025-01-05')).toBe(true);
    expect(holidayOverlaps(holiday('2020-12-31', '2021-01-01', true), '2025-01-02', '2025-01-05')).toBe(false);
  });
});
