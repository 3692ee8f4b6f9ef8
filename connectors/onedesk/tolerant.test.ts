/**
 * Tolerant readers (issue #19 item 3), generated over the fixtures: every
 * top-level field of the first item, worklog, project and message fixture
 * is mutated once each way (wrong type, null, missing); every list and get
 * tool still answers and keeps every item. For items and worklogs, a
 * wrong-typed value is shown (read, or under extra), and an unreadable id
 * is reported in partly_read.
 */
import { describe, expect, it } from 'vitest';
import { fixture, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk } from './test-support';
import { itemsOf, mutations } from '../../tests/support/tolerance';

const stub = useOnedesk();

interface Case {
  tool: string;
  args: Record<string, unknown>;
  method: 'get' | 'post';
  path: string;
  fixture: string;
  single?: boolean;
  out: string;
  shows: boolean;
}

const CASES: Case[] = [
  { tool: 'onedesk_list_items', args: { type: 'ticket' }, method: 'post', path: '/items/filter/details', fixture: 'items-tickets', out: 'items', shows: true },
  { tool: 'onedesk_get_item', args: { id: 1042 }, method: 'get', path: '/items/id/:id', fixture: 'items-tickets', single: true, out: 'item', shows: true },
  { tool: 'onedesk_list_worklogs', args: {}, method: 'post', path: '/timesheets/filter/details', fixture: 'timesheets', out: 'worklogs', shows: true },
  { tool: 'onedesk_get_timesheet', args: { id: 501 }, method: 'get', path: '/timesheets/id/:id', fixture: 'timesheets', single: true, out: 'worklog', shows: true },
  { tool: 'onedesk_list_projects', args: {}, method: 'post', path: '/projects/filter/details', fixture: 'projects', out: 'projects', shows: false },
  { tool: 'onedesk_list_messages', args: { item_id: 1042 }, method: 'post', path: '/conversation-messages/filter/details', fixture: 'messages', out: 'messages', shows: false },
];

describe('OneDesk list and get tools read every fixture field tolerantly', () => {
  for (const c of CASES) {
    it(`${c.tool}: keeps the item and the call when any field is of the wrong type, null or missing`, async () => {
      const runtime = await startOnedesk();
      const list = itemsOf(fixture(c.fixture));
      let current: unknown;
      stub.use(
        itemTypesRoute(stub),
        stub.route('post', '/projects/filter/details', ok(fixture('projects'))),
        stub.route('post', '/users/filter/details', ok(fixture('users'))),
        stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))),
      );
      stub.use(stub.route(c.method, c.path, () => current as never));
      const problems: string[] = [];
      for (const m of mutations(list[0]!)) {
        const items = c.single ? [m.item] : [m.item, ...list.slice(1)];
        current = ok(c.single ? m.item : items, { totalNum: items.length });
        const result = await runTool(onedesk, c.tool, c.args, { runtime });
        const label = `${m.field} ${m.kind}`;
        if (result.isError) {
          problems.push(`${label}: ${result.content[0]?.text}`);
          continue;
        }
        const out = (result.structuredContent as Record<string, unknown>)[c.out];
        const shown = Array.isArray(out) ? out : [out];
        if (shown.length !== items.length) problems.push(`${label}: ${shown.length} items instead of ${items.length}`);
        if (!c.shows || m.kind !== 'wrong type') continue;
        if (!JSON.stringify(shown).includes(JSON.stringify(m.marker))) problems.push(`${label}: the raw value was lost`);
        const partly = (result.structuredContent as { partly_read?: { fields: string[] } }).partly_read;
        if (m.field === 'id' && !partly?.fields.includes('id')) problems.push(`${label}: partly_read does not report it`);
      }
      expect(problems).toEqual([]);
    });
  }
});
