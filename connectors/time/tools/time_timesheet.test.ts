import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/format/dates';
import { startTimeWorld, type TimeWorld } from '../../../tests/support/time-world';
import { errorOf } from '../../../tests/support/tool-harness';

/** time_timesheet: every day of the range, at most 31, in the person's zone. */
describe('time_timesheet', () => {
  let w: TimeWorld;
  beforeAll(async () => {
    w = await startTimeWorld({ desktime: false, onedesk: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('lists each day of the range with the day it was logged on', async () => {
    const range = `${addDays(w.today, -2)}..${w.today}`;
    const sheet = (await w.call('sam', 'time_timesheet', { range })).structuredContent as {
      from: string;
      to: string;
      time_zone: string;
      time_zone_from: string;
      days: { date: string; clockify: { total: { seconds: number } } }[];
    };
    expect(sheet).toMatchObject({ from: addDays(w.today, -2), to: w.today, time_zone: 'Europe/Paris', time_zone_from: 'their Clockify profile' });
    expect(sheet.days.map((d) => [d.date, d.clockify.total.seconds])).toEqual([
      [addDays(w.today, -2), 0],
      [addDays(w.today, -1), 0],
      [w.today, 3.5 * 3600],
    ]);
  });

  it('refuses more than 31 days, naming the range', async () => {
    const error = errorOf(await w.call('sam', 'time_timesheet', { range: `${addDays(w.today, -31)}..${w.today}` }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'range', problem: 'more than 31 days' }] });
  });
});
