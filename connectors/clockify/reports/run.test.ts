import { describe, expect, it } from 'vitest';
import { detailedFixture } from './detailed-fixture';
import { MAX_RESULT_CHARS } from './page';
import { resolveReportRange } from './range';
import { runDetailedReport, runSummaryReport, runWeeklyReport, type ReportPost } from './run';
import { readFileSync } from 'node:fs';

const range = resolveReportRange('2026-10-01', '2026-10-31', { timeZone: 'Europe/Riga', now: new Date('2026-11-30T12:00:00Z') });
const fixtureFile = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as unknown;

/** Decimal text to integer 1/1_000_000 units, for exact sums in assertions. */
const micro = (amount: number) => {
  const [whole, frac = ''] = String(amount).split('.');
  return BigInt(whole!) * 1_000_000n + (amount < 0 ? -1n : 1n) * BigInt((frac + '000000').slice(0, 6));
};

describe('running reports', () => {
  it('pages a 430-entry detailed report: totals on every page, every entry once, amounts exact, no page over the cap', async () => {
    const fixture = detailedFixture(430);
    const asked: number[] = [];
    const post: ReportPost = async (_path, body) => {
      const filter = (body as { detailedFilter: { page: number; pageSize: number } }).detailedFilter;
      asked.push(filter.page);
      return fixture.page(filter.page, filter.pageSize);
    };
    const seen: string[] = [];
    let earned = 0n;
    let seconds = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await runDetailedReport({ post, workspaceId: 'w1', range, filters: {}, currency: 'EUR', limit: 200, cursor });
      pages += 1;
      expect(JSON.stringify(result).length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
      expect(Object.keys(result)[0]).toBe('totals');
      expect(result.total_rows).toBe(430);
      expect(result.totals).toMatchObject({ entries: 430, duration_seconds: fixture.totals.totalTime });
      for (const row of result.rows) {
        seen.push(row.id ?? "");
        seconds += row.duration_seconds;
        if (row.amount) earned += micro(row.amount.amount);
        expect(row.amount?.currency ?? 'EUR').toBe('EUR');
      }
      cursor = result.next_cursor ?? undefined;
    } while (cursor && pages < 50);

    expect(seen).toEqual(fixture.entries.map((e) => e._id));
    expect(seconds).toBe(fixture.totals.totalTime);
    const first = await runDetailedReport({ post, workspaceId: 'w1', range, filters: {}, currency: 'EUR', limit: 5, cursor: undefined });
    expect(micro(first.totals.amounts[0]!.amount)).toBe(earned);
    expect(first.totals.amounts[0]).toMatchObject({ type: 'earned', currency: 'EUR' });
    // Rows are cut by size before 200 (each row is ~400 characters), so there were more than 3 pages.
    expect(pages).toBeGreaterThan(3);
    expect(asked).toContain(3);
  });

  it('converts one entry exactly, times in the user zone', async () => {
    const fixture = detailedFixture(2);
    const post: ReportPost = async () => fixture.page(1, 200);
    const result = await runDetailedReport({ post, workspaceId: 'w1', range, filters: {}, currency: 'EUR', limit: 50, cursor: undefined });
    // Alice, 900 s at 90.10 EUR/h: 2252.5 cents = 22.525 EUR; 07:00Z is 10:00 in Riga (summer time).
    expect(result.rows[0]).toMatchObject({
      user: 'Alice Moreau',
      project: 'Acme website',
      client: 'Acme Corp',
      start: '2026-10-01T10:00:00+03:00',
      end: '2026-10-01T10:15:00+03:00',
      duration_seconds: 900,
      duration: '15m',
      amount: { amount: 22.525, currency: 'EUR' },
      tags: ['meeting'],
    });
    expect(result.next_cursor).toBeNull();
  });

  it('summary: groups depth-first with subtotals, totals by kind, a name for the ungrouped', async () => {
    const post: ReportPost = async () => fixtureFile('reports-summary');
    const result = await runSummaryReport({ post, workspaceId: 'w1', range, filters: {}, currency: 'EUR', limit: 50, cursor: undefined }, [
      'project',
      'user',
    ]);
    expect(result.totals).toMatchObject({ duration_seconds: 61530, duration: '17h 05m', billable_seconds: 45030, entries: 14 });
    expect(result.totals.amounts).toEqual([
      { type: 'earned', amount: 1070.125, currency: 'EUR' },
      { type: 'cost', amount: 500.33, currency: 'EUR' },
      { type: 'profit', amount: 569.795, currency: 'EUR' },
    ]);
    expect(result.total_rows).toBe(7);
    expect(result.rows.map((r) => [r.level, r.name, r.parents.join('/')])).toEqual([
      [1, 'Acme website', ''],
      [2, 'Alice Moreau', 'Acme website'],
      [2, 'Bruno Keller', 'Acme website'],
      [1, 'Internal', ''],
      [2, 'Alice Moreau', 'Internal'],
      [1, '(without project)', ''],
      [2, 'Chen Wei', '(without project)'],
    ]);
    expect(result.rows[1]!.amount).toEqual({ amount: 676.5008, currency: 'EUR' });
    expect(result.rows[0]!.client).toBe('Acme Corp');
  });

  it('weekly: one row per user with its days, totals by day', async () => {
    const post: ReportPost = async () => fixtureFile('reports-weekly');
    const result = await runWeeklyReport({ post, workspaceId: 'w1', range, filters: {}, currency: 'EUR', limit: 1, cursor: undefined }, 'user');
    expect(result.total_rows).toBe(2);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ name: 'Alice Moreau', duration: '15h 00m', amount: { amount: 1351.35, currency: 'EUR' } });
    expect(result.rows[0]!.days?.[0]).toEqual({ date: '2026-11-23', duration_seconds: 14400, duration: '4h 00m' });
    expect(result.totals_by_day).toHaveLength(7);
    expect(result.totals.amounts[0]).toEqual({ type: 'earned', amount: 2148.975, currency: 'EUR' });
    expect(result.next_cursor).not.toBeNull();
  });
});
