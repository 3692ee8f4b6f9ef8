import { describe, expect, it } from 'vitest';
import { assembleDays, daysOf, desktimeMoment, reconcileRows, reconcileTotals, type DayInputs, type LoggedEntry, type PersonTotals } from './day';

const ZONE = 'Europe/Paris';
const at = (iso: string) => new Date(iso);
const EUR = { cents: 8550, currency: 'EUR' };

function entry(id: string, start: string, end: string | null, extra: Partial<LoggedEntry> = {}): LoggedEntry {
  return { id, start: at(start), end: end ? at(end) : null, description: '', project: null, billable: false, rate: null, ...extra };
}

function inputs(over: Partial<DayInputs> = {}): DayInputs {
  return {
    days: ['2026-12-03'],
    timeZone: ZONE,
    desktimeZone: ZONE,
    desktime: { ok: true, from: 'DeskTime', data: [{ date: '2026-12-03', arrived: '2026-12-03 08:58:00', left: '2026-12-03 17:31:00', trackedSeconds: 8 * 3600, productiveSeconds: 6 * 3600 }] },
    clockify: {
      ok: true,
      from: 'Clockify',
      data: [
        // 09:00–11:30 Paris, billable at 85.50 EUR/h: 2.5 h → 213.75 EUR.
        entry('c1', '2026-12-03T08:00:00Z', '2026-12-03T10:30:00Z', { description: 'HD-2026-000042 Printer jams', project: { id: 'p1', name: 'Support' }, billable: true, rate: EUR }),
        // 11:00–12:30 overlaps c1 by 30 minutes; not billable.
        entry('c2', '2026-12-03T10:00:00Z', '2026-12-03T11:30:00Z', { description: 'Internal', project: { id: 'p2', name: 'Admin' } }),
        // The next day in Paris (00:30 on the 4th): not this day.
        entry('c3', '2026-12-03T23:30:00Z', '2026-12-04T00:30:00Z'),
      ],
    },
    onedesk: { ok: true, from: 'OneDesk', data: [{ id: '901', item: { id: '1042', name: 'Onboarding' }, start: at('2026-12-03T13:00:00Z'), finish: at('2026-12-03T14:00:00Z'), seconds: 3600, comment: null }] },
    helpdesk: {
      ok: true,
      from: 'help desk',
      data: [
        { ticketId: '01J0000000000000000000000A', trackingNumber: 'HD-2026-000042', subject: 'Printer jams', at: at('2026-12-03T09:00:00Z'), kind: 'replied' },
        { ticketId: '01J0000000000000000000000A', trackingNumber: 'HD-2026-000042', subject: 'Printer jams', at: at('2026-12-03T09:30:00Z'), kind: 'resolved' },
        { ticketId: '01J0000000000000000000000B', trackingNumber: 'HD-2026-000043', subject: 'VPN drops', at: at('2026-12-03T15:00:00Z'), kind: 'status_changed' },
      ],
    },
    toleranceSeconds: 30 * 60,
    now: at('2026-12-05T12:00:00Z'),
    ...over,
  };
}

describe('assembleDays', () => {
  it('puts each system on its day in the person zone, with totals, projects and billable amount in decimal', () => {
    const [day] = assembleDays(inputs());
    expect(day!.weekday).toBe('Thursday');
    expect(day!.desktime).toEqual({ arrived: '2026-12-03T08:58:00+01:00', left: '2026-12-03T17:31:00+01:00', tracked: { seconds: 28800, readable: '8h' }, productive: { seconds: 21600, readable: '6h' } });
    expect(day!.clockify).toEqual({
      entries: 2,
      total: { seconds: 4 * 3600, readable: '4h' },
      by_project: [
        { project: 'Support', time: { seconds: 9000, readable: '2h 30m' } },
        { project: 'Admin', time: { seconds: 5400, readable: '1h 30m' } },
      ],
      billable: { seconds: 9000, readable: '2h 30m' },
      billable_amount: [{ amount: 213.75, currency: 'EUR' }],
    });
    expect(day!.onedesk).toMatchObject({ worklogs: 1, total: { seconds: 3600 }, by_item: [{ item: 'Onboarding' }] });
    expect(day!.helpdesk!.tickets).toEqual([
      { id: '01J0000000000000000000000A', tracking_number: 'HD-2026-000042', subject: 'Printer jams', actions: ['replied', 'resolved'] },
      { id: '01J0000000000000000000000B', tracking_number: 'HD-2026-000043', subject: 'VPN drops', actions: ['status_changed'] },
    ]);
  });

  it('names the differences: tracked but not logged, overlapping entries, tickets worked without time', () => {
    const [day] = assembleDays(inputs());
    // 8 h tracked, 4 h Clockify + 1 h OneDesk logged.
    expect(day!.differences.tracked_not_logged).toEqual({ seconds: 3 * 3600, readable: '3h' });
    expect(day!.differences.logged_not_tracked).toBeNull();
    expect(day!.differences.overlapping).toEqual([
      { a: { system: 'clockify', id: 'c1', label: 'HD-2026-000042 Printer jams' }, b: { system: 'clockify', id: 'c2', label: 'Internal' }, overlap: { seconds: 1800, readable: '30m' } },
    ]);
    expect(day!.differences.tickets_without_time).toEqual([{ tracking_number: 'HD-2026-000043', subject: 'VPN drops' }]);
  });

  it('reports logged but not tracked, and nothing within the tolerance', () => {
    const low = inputs({ desktime: { ok: true, from: 'DeskTime', data: [{ date: '2026-12-03', arrived: null, left: null, trackedSeconds: 3 * 3600, productiveSeconds: 0 }] } });
    expect(assembleDays(low)[0]!.differences).toMatchObject({ tracked_not_logged: null, logged_not_tracked: { seconds: 2 * 3600 } });
    const close = inputs({ desktime: { ok: true, from: 'DeskTime', data: [{ date: '2026-12-03', arrived: null, left: null, trackedSeconds: 5 * 3600 + 29 * 60, productiveSeconds: 0 }] } });
    expect(assembleDays(close)[0]!.differences).toMatchObject({ tracked_not_logged: null, logged_not_tracked: null });
  });

  it('leaves a system that did not answer empty (null), and derives no difference from it', () => {
    const [day] = assembleDays(inputs({ desktime: { ok: false, status: 'unreachable', detail: 'DeskTime timed out' } }));
    expect(day!.desktime).toBeNull();
    expect(day!.clockify).not.toBeNull();
    expect(day!.differences.tracked_not_logged).toBeNull();
    expect(day!.differences.logged_not_tracked).toBeNull();
    const [noLogs] = assembleDays(inputs({ clockify: { ok: false, status: 'off', detail: 'off' }, onedesk: { ok: false, status: 'off', detail: 'off' } }));
    // Without any time system, a ticket cannot be said to lack time.
    expect(noLogs!.differences.tickets_without_time).toEqual([]);
    expect(noLogs!.differences.tracked_not_logged).toBeNull();
  });

  it('counts a running timer up to now and a day DeskTime has no row for as zero tracked', () => {
    const [day] = assembleDays(
      inputs({
        days: ['2026-12-05'],
        clockify: { ok: true, from: 'Clockify', data: [entry('r', '2026-12-05T09:00:00Z', null, { billable: true, rate: { cents: 10000, currency: 'USD' } })] },
        onedesk: { ok: true, from: 'OneDesk', data: [] },
      }),
    );
    expect(day!.clockify).toMatchObject({ total: { seconds: 3 * 3600 }, billable_amount: [{ amount: 300, currency: 'USD' }] });
    expect(day!.desktime!.tracked.seconds).toBe(0);
    expect(day!.differences.logged_not_tracked).toEqual({ seconds: 3 * 3600, readable: '3h' });
  });

  it('keeps each currency apart and sums cents exactly', () => {
    const data = [
      entry('a', '2026-12-03T08:00:00Z', '2026-12-03T08:20:00Z', { billable: true, rate: { cents: 10, currency: 'EUR' } }),
      entry('b', '2026-12-03T09:00:00Z', '2026-12-03T09:20:00Z', { billable: true, rate: { cents: 20, currency: 'EUR' } }),
      entry('c', '2026-12-03T10:00:00Z', '2026-12-03T11:00:00Z', { billable: true, rate: { cents: 4999, currency: 'USD' } }),
    ];
    const [day] = assembleDays(inputs({ clockify: { ok: true, from: 'Clockify', data } }));
    // 10 c/h × 1/3 h = 3 c; 20 c/h × 1/3 h = 7 c → 0.1 EUR (not 0.09999…).
    expect(day!.clockify!.billable_amount).toEqual([
      { amount: 0.1, currency: 'EUR' },
      { amount: 49.99, currency: 'USD' },
    ]);
  });
});

describe('days and DeskTime times', () => {
  it('lists every day of a range and rewrites DeskTime local times into the person zone', () => {
    expect(daysOf('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(desktimeMoment('2026-12-03 09:00:00', 'Europe/Riga', 'Europe/Paris')).toBe('2026-12-03T08:00:00+01:00');
    expect(desktimeMoment(null, 'UTC', 'UTC')).toBeNull();
  });
});

describe('reconcileRows', () => {
  const days = ['2026-12-01', '2026-12-02'];
  const h = (n: number) => n * 3600;
  const people: PersonTotals[] = [
    { person: { name: 'Ann', email: 'ann@x.test' }, tracked: new Map([['2026-12-01', h(8)], ['2026-12-02', h(8)]]), clockify: new Map([['2026-12-01', h(7.75)], ['2026-12-02', h(8)]]), onedesk: new Map(), notes: [] },
    { person: { name: 'Ben', email: 'ben@x.test' }, tracked: new Map([['2026-12-01', h(8)]]), clockify: new Map([['2026-12-01', h(3)]]), onedesk: new Map([['2026-12-01', h(1)]]), notes: [] },
    { person: { name: 'Cy', email: 'cy@x.test' }, tracked: new Map([['2026-12-02', h(2)]]), clockify: new Map([['2026-12-02', h(6)]]), onedesk: undefined, notes: ['OneDesk: no user has the email cy@x.test'] },
  ];

  it('flags the person-days whose tracked and logged time differ beyond the tolerance, worst first', () => {
    const rows = reconcileRows(people, days, 30 * 60);
    expect(rows.map((r) => [r.person.name, r.date, r.difference.seconds, r.direction, r.flagged])).toEqual([
      ['Ben', '2026-12-01', h(4), 'tracked_not_logged', true],
      ['Cy', '2026-12-02', h(4), 'logged_not_tracked', true],
      ['Ann', '2026-12-01', h(0.25), 'tracked_not_logged', false],
      ['Ann', '2026-12-02', 0, 'none', false],
    ]);
    expect(rows[1]).toMatchObject({ onedesk_logged: null, notes: ['OneDesk: no user has the email cy@x.test'] });
    expect(reconcileTotals(people, rows)).toEqual({
      people: 3,
      person_days: 4,
      flagged: 2,
      desktime_tracked: { seconds: h(26), readable: '26h' },
      clockify_logged: { seconds: h(24.75), readable: '24h 45m' },
      onedesk_logged: { seconds: h(1), readable: '1h' },
    });
  });

  it('does not flag a person DeskTime has no numbers for', () => {
    const rows = reconcileRows([{ person: { name: 'Dee', email: 'dee@x.test' }, clockify: new Map([['2026-12-01', h(8)]]), notes: ['DeskTime: not matched'] }], days, 1800);
    expect(rows).toEqual([expect.objectContaining({ desktime_tracked: null, flagged: false, direction: 'none' })]);
  });
});
