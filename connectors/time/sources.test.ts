import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import { absent, failed, trackedByEmail, trackedDaysOf } from './sources';

describe('how a missing system is named', () => {
  it('tells off (not enabled), refused (policy) and unreachable (the vendor failed) apart', () => {
    expect(failed(new GatewayError('precondition_failed', 'DeskTime is not enabled on this gateway.', { connector: 'time' }), 'desktime')).toMatchObject({ status: 'off' });
    expect(failed(new GatewayError('permission_denied', 'This onedesk request is not allowed.', { connector: 'onedesk' }), 'onedesk')).toMatchObject({ status: 'refused' });
    const down = failed(new GatewayError('upstream_unavailable', 'DeskTime answered 503.', { connector: 'desktime', hint: 'Retry later.' }), 'desktime');
    expect(down).toEqual({ ok: false, status: 'unreachable', detail: 'upstream_unavailable: DeskTime answered 503. Retry later.' });
    expect(failed(new Error('socket hang up'), 'clockify')).toMatchObject({ status: 'unreachable' });
  });

  it('turns a person missing from a system into not_matched, and an account into nothing missing', () => {
    expect(absent({ system: 'clockify', missing: 'no Clockify workspace member has the email x@example.test' })).toEqual({ ok: false, status: 'not_matched', detail: 'no Clockify workspace member has the email x@example.test' });
    expect(absent({ unreached: true, system: 'onedesk', code: 'upstream_timeout', why: 'OneDesk did not answer.' })).toMatchObject({ status: 'unreachable' });
    expect(absent({ system: 'clockify', account: { id: 'c1', name: 'Ann', email: 'ann@example.test' } })).toBeUndefined();
  });
});

describe("DeskTime's rows", () => {
  const rows = [
    { date: '2026-12-01', row: { id: 11, name: 'Ann', email: 'Ann@Example.test', arrived: '2026-12-01 09:00:00', left: false as const, desktimeTime: 28800.4, productiveTime: 20000 } },
    { date: '2026-12-02', row: { id: 11, name: 'Ann', email: 'ann@example.test', desktimeTime: 3600 } },
    { date: '2026-12-01', row: { id: 12, name: 'Ben', email: null, desktimeTime: 100 } },
  ];

  it("gives one employee's tracked days, with no departure yet as null", () => {
    expect(trackedDaysOf(rows as never, '11')).toEqual([
      { date: '2026-12-01', arrived: '2026-12-01 09:00:00', left: null, trackedSeconds: 28800, productiveSeconds: 20000 },
      { date: '2026-12-02', arrived: null, left: null, trackedSeconds: 3600, productiveSeconds: 0 },
    ]);
  });

  it('sums tracked seconds per lower-case email and day, leaving out rows without an email', () => {
    const byEmail = trackedByEmail(rows as never);
    expect([...byEmail.keys()]).toEqual(['ann@example.test']);
    expect(Object.fromEntries(byEmail.get('ann@example.test')!.days)).toEqual({ '2026-12-01': 28800, '2026-12-02': 3600 });
  });
});
