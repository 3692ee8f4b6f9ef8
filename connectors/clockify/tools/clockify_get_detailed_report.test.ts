import { describe, expect, it } from 'vitest';
import { detailedFixture } from '../reports/detailed-fixture';
import { MAX_RESULT_CHARS } from '../reports/page';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, TAG_MEETING, WS } from '../test-support';

const stub = clockifyStub();
const DETAILED = `/workspaces/${WS}/reports/detailed`;

describe('clockify_get_detailed_report', () => {
  it('pages a 430-entry month through the tool: totals every page, each entry once, no page over the size cap', async () => {
    const report = detailedFixture(430);
    stub.use(
      ...commonRoutes(stub),
      stub.route('post', DETAILED, ({ body }) => {
        const { page, pageSize } = (body as { detailedFilter: { page: number; pageSize: number } }).detailedFilter;
        return report.page(page, pageSize);
      }),
    );
    const runtime = await startClockify();
    const ids: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const result = await runTool(clockify, 'clockify_get_detailed_report', { start: '2024-02-01', end: '2024-02-29', limit: 200, cursor }, { runtime });
      calls += 1;
      expect(JSON.stringify(result.structuredContent).length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
      const out = result.structuredContent as { total_rows: number; totals: { entries: number }; rows: { id: string }[]; next_cursor: string | null };
      expect(out.total_rows).toBe(430);
      expect(out.totals.entries).toBe(430);
      ids.push(...out.rows.map((r) => r.id));
      cursor = out.next_cursor ?? undefined;
    } while (cursor && calls < 40);
    expect(ids).toEqual(report.entries.map((e) => e._id));
  });

  it('keeps an entry with an unreadable field or no id in the report (not dropped), and says how many were partly read', async () => {
    const report = detailedFixture(3);
    const answer = report.page(1, 200) as { timeentries: Record<string, unknown>[] };
    answer.timeentries[0] = { ...answer.timeentries[0], description: 42 };
    const { _id: _dropped, ...noId } = answer.timeentries[1]!;
    answer.timeentries[1] = noId;
    stub.use(...commonRoutes(stub), stub.route('post', DETAILED, answer));
    const result = await runTool(clockify, 'clockify_get_detailed_report', { start: 'yesterday' }, { runtime: await startClockify() });
    const out = result.structuredContent as { rows: { id: string | null; description: string | null }[]; partly_read?: { items: number; fields: string[] } };
    expect(out.rows).toHaveLength(3);
    expect(out.rows[0]).toMatchObject({ id: report.entries[0]!._id, description: null });
    expect(out.rows[1]!.id).toBeNull();
    expect(out.partly_read).toMatchObject({ items: 2, fields: expect.arrayContaining(['description', 'id']) });
  });

  it('sends user and tag filters by name as ids, and shows entries with names and exact amounts', async () => {
    const report = detailedFixture(3);
    stub.use(...commonRoutes(stub), stub.route('post', DETAILED, report.page(1, 200)));
    const result = await runTool(clockify, 'clockify_get_detailed_report', { start: 'yesterday', users: ['Bob Chen'], tags: ['meeting'] }, { runtime: await startClockify() });
    const sent = stub.received.find((r) => r.path === DETAILED)?.body as { users: { ids: string[] }; tags: { ids: string[] } };
    expect(sent.users.ids).toEqual([BOB]);
    expect(sent.tags.ids).toEqual([TAG_MEETING]);
    expect(sent).toMatchObject({ dateRangeStart: '2024-03-14T00:00:00.000', dateRangeEnd: '2024-03-14T23:59:59.999', detailedFilter: { page: 1, pageSize: 200 } });
    const row = (result.structuredContent as { rows: Record<string, unknown>[] }).rows[1];
    // Bruno, 8819 s at 85.50 EUR/h = 20945.125 cents → 209.45125 EUR; 07:30Z is 09:30 in Paris (summer time in the fixture's October).
    expect(row).toMatchObject({
      user: 'Bruno Keller',
      duration_seconds: 8819,
      duration: '2h 26m',
      amount: { amount: 209.45125, currency: 'EUR' },
      start: '2026-10-01T09:30:00+02:00',
    });
  });

  it('amounts are in the workspace currency, and null (never USD) when Clockify names no currency at all', async () => {
    const report = detailedFixture(2);
    const { currencies: _c, hourlyRate: _h, ...bare } = fixture<Record<string, unknown>>('workspace');
    stub.use(...commonRoutes(stub, { workspace: bare }), stub.route('post', DETAILED, report.page(1, 200)));
    const result = await runTool(clockify, 'clockify_get_detailed_report', { start: 'yesterday' }, { runtime: await startClockify() });
    const out = result.structuredContent as { rows: { amount: unknown }[]; totals: { amounts: { currency: string }[] } };
    expect(out.rows.map((r) => r.amount)).toEqual([null, null]);
    // The totals name their currency (EUR in amountByCurrencies); nothing reads as USD.
    expect(JSON.stringify(out)).not.toContain('USD');
  });

  it('maps a 403 on a short range to permission_denied (the key lacks the role)', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', DETAILED, clockifyError(403, 403)));
    const error = errorOf(await runTool(clockify, 'clockify_get_detailed_report', { start: 'today' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses an unknown user name with candidates, and a bad date, before any report call', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    const error = errorOf(await runTool(clockify, 'clockify_get_detailed_report', { start: 'today', users: ['Bob Chenn'] }, { runtime }));
    expect(error.code).toBe('invalid_argument');
    expect(JSON.stringify(error)).toContain('Bob Chen');
    const date = errorOf(await runTool(clockify, 'clockify_get_detailed_report', { start: '2024-13-01' }, { runtime }));
    expect(date.fields?.[0]?.field).toBe('start');
    expect(stub.received.filter((r) => r.path.includes('/reports/'))).toEqual([]);
  });
});
