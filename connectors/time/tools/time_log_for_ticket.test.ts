import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/auth/types';
import { formatInZone } from '../../../src/format/dates';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import clockifyManifest from '../../clockify/index';
import type { ClockifyRuntime } from '../../clockify/runtime';
import timeManifest from '../index';
import { STAND_IN_WS } from '../../../tests/support/clockify-stand-in';
import { SAM_CLOCKIFY, startTimeWorld, type TimeWorld } from '../test-support';
import { workSpan } from './time_log_for_ticket';
import { refusal } from '../../../tests/support/tool-harness';
import { RecentLogs } from '../runtime';
import { createDbRecentCreates } from '../../../src/vendor-http/unknown-outcome';

const NOW = new Date('2026-03-11T10:00:00Z');

describe('the time the caller gave', () => {
  const read = (time: string | number) => {
    const s = workSpan(time, 'Europe/Riga', NOW);
    return [formatInZone(s.start, 'Europe/Riga'), formatInZone(s.end, 'Europe/Riga')];
  };

  it('a duration is the time that just ended; a span is read in the zone given', () => {
    expect(read('45m')).toEqual(['2026-03-11T11:15:00+02:00', '2026-03-11T12:00:00+02:00']);
    expect(read(90)).toEqual(['2026-03-11T10:30:00+02:00', '2026-03-11T12:00:00+02:00']);
    expect(read('1:30')).toEqual(['2026-03-11T10:30:00+02:00', '2026-03-11T12:00:00+02:00']);
    expect(read('yesterday 14:00–15:30')).toEqual(['2026-03-10T14:00:00+02:00', '2026-03-10T15:30:00+02:00']);
  });

  it('refuses what is neither, and more than a day, naming the time argument', () => {
    const neither = refusal(() => workSpan('a while', 'UTC', NOW));
    expect(neither).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'time' }] });
    expect(neither.hint).toContain('yesterday 14:00–15:30');
    expect(refusal(() => workSpan('monday 9:00 - wednesday 9:00', 'UTC', NOW)).message).toContain('more than a day');
  });
});

describe('time_log_for_ticket', () => {
  let world: TimeWorld;
  const as = (who: 'sam' | 'una'): Principal => ({ user: world.users[who], key: { id: `k-${who}`, name: who, connectors: undefined, readOnly: false } });
  const call = (who: 'sam' | 'una', args: Record<string, unknown>) => runTool(timeManifest, 'time_log_for_ticket', args, { runtime: world.time, principal: as(who) });
  /** The same call on another gateway process: its own memory (a fresh time runtime), the same database. */
  const callElsewhere = (who: 'sam' | 'una', args: Record<string, unknown>) =>
    runTool(timeManifest, 'time_log_for_ticket', args, { runtime: { ...world.time, recent: new RecentLogs(createDbRecentCreates(world.gw.core.db, 'time')) }, principal: as(who) });

  beforeAll(async () => {
    world = await startTimeWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('after a create whose outcome is unknown, the same call a minute later, on another process, books the same interval, and finds the saved entry instead of booking twice', async () => {
    let now = new Date('2026-03-11T10:00:00Z');
    world.time.now = () => now;
    world.clockify.failNextContaining = '/time-entries';
    const failed = errorOf(await call('sam', { ticket: world.tickets.office.tracking, time: '20m', project: 'Website' }));
    expect(failed).toMatchObject({ code: 'upstream_error', retryable: true, message: expect.stringContaining('may or may not have saved') });
    // Clockify had saved it after all.
    world.clockify.data.timeEntries.push({
      id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      description: `${world.tickets.office.tracking} Office door sticks`,
      userId: SAM_CLOCKIFY,
      workspaceId: 'x',
      projectId: world.projects.website,
      timeInterval: { start: '2026-03-11T09:40:00Z', end: '2026-03-11T10:00:00Z', duration: 'PT20M' },
    });
    now = new Date('2026-03-11T10:01:00Z');
    const posts = world.clockify.calls.filter((c) => c.method === 'POST').length;
    const retried = await callElsewhere('sam', { ticket: world.tickets.office.tracking, time: '20m', project: 'Website' });
    expect(retried.isError, JSON.stringify(retried.content)).toBeUndefined();
    expect(retried.structuredContent).toMatchObject({ duplicate_of_recent: true, entry: { id: 'bbbbbbbbbbbbbbbbbbbbbbbb' } });
    expect(world.clockify.calls.filter((c) => c.method === 'POST').length).toBe(posts);
    world.time.now = () => new Date();
  });

  it('a Clockify entry deleted since is not returned again: the same call then logs anew', async () => {
    const args = { ticket: world.tickets.laptop.tracking, time: 'yesterday 8:00-8:10', project: 'Website' };
    const first = (await call('sam', args)).structuredContent as { entry: { id: string } };
    const clockifyRuntime = world.gw.core.runtimes.get('clockify');
    const deleted = await runTool(clockifyManifest as never, 'clockify_delete_time_entry', { time_entry_id: first.entry.id }, { runtime: clockifyRuntime, principal: as('sam') });
    expect(deleted.isError, JSON.stringify(deleted.content)).toBeUndefined();
    const again = await call('sam', args);
    expect(again.structuredContent).toMatchObject({ duplicate_of_recent: false, ticket_note: expect.stringMatching(/^Internal note/) });
    expect((again.structuredContent as { entry: { id: string } }).entry.id).not.toBe(first.entry.id);
  });

  it('after a refusal the time is read afresh: "10m" a minute later is the 10 minutes before then', async () => {
    let now = new Date('2026-03-11T12:00:00Z');
    world.time.now = () => now;
    try {
      const args = { ticket: world.tickets.office.tracking, time: '10m', project: 'No such project' };
      expect(errorOf(await call('sam', args)).code).toBe('invalid_argument');
      now = new Date('2026-03-11T12:01:00Z');
      world.clockify.data.projects.push({ id: 'cccccccccccccccccccccccc', name: 'No such project', workspaceId: 'x', archived: false, clientId: '', clientName: '' });
      (world.gw.core.runtimes.get('clockify') as ClockifyRuntime).names.forget(STAND_IN_WS, 'project');
      const logged = await call('sam', args);
      expect(logged.isError, JSON.stringify(logged.content)).toBeUndefined();
      const saved = world.clockify.data.timeEntries.find((e) => e.id === (logged.structuredContent as { entry: { id: string } }).entry.id)!;
      expect(saved.timeInterval).toMatchObject({ start: '2026-03-11T11:51:00Z', end: '2026-03-11T12:01:00Z' });
    } finally {
      world.time.now = () => new Date();
    }
  });

  it("OneDesk too: after a worklog create whose outcome is unknown, the same call later, on another process, books the same interval, and OneDesk's own check finds the saved worklog; once more elsewhere, that worklog again", async () => {
    let now = new Date('2026-03-11T10:00:00Z');
    world.time.now = () => now;
    try {
      const args = { ticket: '1042', time: '25m', description: 'Swapped the drum' };
      world.onedesk.failNext('/timesheets/', 500);
      expect(errorOf(await call('sam', args))).toMatchObject({ retryable: true });
      // OneDesk had saved it after all.
      world.onedesk.timesheets.unshift({ id: 777, itemId: 1042, dateStart: '2026-03-11T09:35:00Z', dateFinish: '2026-03-11T10:00:00Z', works: 0.42, comments: 'Swapped the drum' });
      now = new Date('2026-03-11T10:02:00Z');
      const posts = world.onedesk.calls.filter((c) => c.method === 'POST' && c.path === '/timesheets/').length;
      const retried = await callElsewhere('sam', args);
      expect(retried.isError, JSON.stringify(retried.content)).toBeUndefined();
      expect(retried.structuredContent).toMatchObject({ logged_to: 'onedesk', duplicate_of_recent: true, entry: { id: '777' } });
      now = new Date('2026-03-11T10:04:00Z');
      expect((await callElsewhere('sam', args)).structuredContent).toMatchObject({ logged_to: 'onedesk', duplicate_of_recent: true, entry: { id: '777' } });
      expect((await call('sam', args)).structuredContent).toMatchObject({ logged_to: 'onedesk', duplicate_of_recent: true, entry: { id: '777' } });
      expect(world.onedesk.calls.filter((c) => c.method === 'POST' && c.path === '/timesheets/').length).toBe(posts);
    } finally {
      world.time.now = () => new Date();
    }
  });

  it("a user's call reaches only what their own tools reach: Clockify (staff by default) is refused, nothing is logged", async () => {
    const entries = world.clockify.data.timeEntries.length;
    const refused = errorOf(await call('una', { ticket: world.tickets.laptop.tracking, time: '15m' }));
    expect(refused).toMatchObject({ code: 'permission_denied', message: expect.stringContaining('clockify') });
    expect(world.clockify.data.timeEntries).toHaveLength(entries);
  });

  it('a OneDesk worklog for a help desk ticket is refused with what to pass instead', async () => {
    const refused = errorOf(await call('sam', { ticket: world.tickets.laptop.tracking, time: '15m', target: 'onedesk' }));
    expect(refused).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'target', problem: 'onedesk for a help desk ticket' }] });
  });

  it('with DESKGATE_TIME_ONEDESK_TARGET=clockify, auto sends a OneDesk item to Clockify, in the project its OneDesk project maps to, naming the item', async () => {
    world.time.config.onedeskTarget = 'clockify';
    try {
      const logged = await call('sam', { ticket: '1042', time: '2026-03-10 9:00-9:30' });
      expect(logged.isError, JSON.stringify(logged.content)).toBeUndefined();
      expect(logged.structuredContent).toMatchObject({
        logged_to: 'clockify',
        entry: { description: 'OneDesk #1042 Printer on floor 2 jams', project: { name: 'Support' } },
        ticket_note: 'OneDesk items get no note from the gateway.',
      });
    } finally {
      world.time.config.onedeskTarget = 'onedesk';
    }
  });
});
