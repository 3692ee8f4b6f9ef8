import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeWorld, type TimeWorld } from '../../../tests/support/time-world';
import { errorOf } from '../../../tests/support/tool-harness';

/** time_reconcile without DeskTime: nothing to compare against, said so; staff only; teams and cursors checked. */
describe('time_reconcile', () => {
  let w: TimeWorld;
  beforeAll(async () => {
    w = await startTimeWorld({ desktime: false, onedesk: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('names DeskTime as off and flags no one when there is no tracked time to compare with', async () => {
    const out = (await w.call('sam', 'time_reconcile', { range: 'today' })).structuredContent as {
      team: { kind: string; people: number };
      partial: boolean;
      sources: { system: string; status: string }[];
      totals: { flagged: number; clockify_logged: { readable: string } };
      rows: { person: { email: string }; desktime_tracked: unknown; flagged: boolean }[];
    };
    expect(out.team).toMatchObject({ kind: 'everyone' });
    expect(out.partial).toBe(true);
    expect(out.sources.map((s) => [s.system, s.status])).toEqual([
      ['DeskTime', 'off'],
      ['Clockify', 'ok'],
      ['OneDesk', 'off'],
    ]);
    expect(out.totals).toMatchObject({ flagged: 0, clockify_logged: { readable: '11h 30m' } });
    expect(out.rows.map((r) => [r.person.email, r.desktime_tracked, r.flagged])).toEqual([
      ['rita@example.com', null, false],
      ['sam@example.com', null, false],
    ]);
  });

  it('takes a Clockify user group as the team', async () => {
    const out = (await w.call('sam', 'time_reconcile', { team: 'night SHIFT', range: 'today' })).structuredContent as { team: unknown; rows: { person: { email: string } }[] };
    expect(out.team).toEqual({ kind: 'clockify_group', name: 'Night shift', people: 1 });
    expect(out.rows.map((r) => r.person.email)).toEqual(['rita@example.com']);
  });

  it('is for staff: a user is refused', async () => {
    expect(errorOf(await w.call('uma', 'time_reconcile', {}))).toMatchObject({ code: 'permission_denied' });
  });

  it('refuses an unknown team and a cursor from another query', async () => {
    expect(errorOf(await w.call('sam', 'time_reconcile', { team: 'Nobody here' }))).toMatchObject({ code: 'not_found' });
    const first = (await w.call('sam', 'time_reconcile', { range: 'today', limit: 1 })).structuredContent as { next_cursor: string };
    expect(first.next_cursor).toBeTruthy();
    expect(errorOf(await w.call('sam', 'time_reconcile', { team: 'Support', range: 'today', limit: 1, cursor: first.next_cursor }))).toMatchObject({ code: 'invalid_argument' });
  });
});
