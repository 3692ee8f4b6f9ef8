/**
 * Tolerant readers (issue #19 item 3), generated over the fixtures: every
 * top-level field of the first entry of each list and get fixture is
 * mutated once each way (wrong type, null, missing); every read tool still
 * answers and keeps every item; a wrong-typed value is shown (read, or as
 * sent under extra), and counted in partly_read when it is a field the
 * tool reads; an item whose naming field (its id) is unreadable or missing
 * is kept and counted. A last test fails when a read tool of the connector
 * has no case here.
 */
import { describe, expect, it } from 'vitest';
import { fixture, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk } from './test-support';
import { coverageProblems, extraKeys, itemsOf, mutations, wrongTypeProblems } from '../../tests/support/tolerance';

const stub = useOnedesk();

interface Case {
  tool: string;
  args: Record<string, unknown>;
  method: 'get' | 'post';
  path: string;
  fixture: string;
  /** The answer is the (mutated) entry itself, not a list. */
  single?: boolean;
  /** Where the entries are in the result. */
  items: (out: Record<string, unknown>) => unknown[];
  /**
   * The field that names an entry when the fixture has no other: wrong-typed,
   * null or missing, partly_read must count it (an entry with id and
   * externalId is still named by the other one).
   */
  naming?: string;
  /** Fields the tool deliberately leaves out of its result (noise), whatever their shape. */
  ignored?: string[];
}

const list = (key: string) => (out: Record<string, unknown>) => out[key] as unknown[];
const one = (key: string) => (out: Record<string, unknown>) => [out[key]];

const CASES: Case[] = [
  { tool: 'onedesk_list_items', args: { type: 'ticket' }, method: 'post', path: '/items/filter/details', fixture: 'items-tickets', items: list('items') },
  { tool: 'onedesk_get_item', args: { id: 1042 }, method: 'get', path: '/items/id/:id', fixture: 'items-tickets', single: true, items: one('item') },
  { tool: 'onedesk_list_worklogs', args: {}, method: 'post', path: '/timesheets/filter/details', fixture: 'timesheets', items: list('worklogs') },
  { tool: 'onedesk_get_timesheet', args: { id: 501 }, method: 'get', path: '/timesheets/id/:id', fixture: 'timesheets', single: true, items: one('worklog') },
  { tool: 'onedesk_list_projects', args: {}, method: 'post', path: '/projects/filter/details', fixture: 'projects', items: list('projects') },
  { tool: 'onedesk_list_messages', args: { item_id: 1042 }, method: 'post', path: '/conversation-messages/filter/details', fixture: 'messages', items: list('messages'), naming: 'externalId' },
  { tool: 'onedesk_list_comments', args: { item_id: 1042 }, method: 'post', path: '/conversation-messages/filter/details', fixture: 'messages', items: list('comments'), naming: 'externalId' },
  {
    tool: 'onedesk_get_comment',
    args: { external_id: 'c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8' },
    method: 'get',
    path: '/conversation-messages/externalId/:id',
    fixture: 'messages',
    single: true,
    items: one('comment'),
    naming: 'externalId',
  },
  { tool: 'onedesk_list_attachments', args: { item_id: 1042 }, method: 'post', path: '/attachments/filter/details', fixture: 'attachments', items: list('attachments'), naming: 'externalId' },
  // The organization is three vendor answers: each is mutated in turn.
  { tool: 'onedesk_get_organization', args: {}, method: 'get', path: '/organization/profileAndPolicy', fixture: 'profile', single: true, items: (out) => [out] },
  { tool: 'onedesk_get_organization', args: {}, method: 'get', path: '/organization/itemTypes', fixture: 'item-types', items: list('item_types'), naming: 'label', ignored: ['visible'] },
  { tool: 'onedesk_get_organization', args: {}, method: 'get', path: '/organization/lifecycleStatus', fixture: 'lifecycle-statuses', items: list('lifecycle_statuses'), naming: 'name' },
];

/** Read tools that read no vendor entry's fields, and why. */
const EXEMPT: Record<string, string> = {};

/** The entries the stub sends: a get answers with the fixture's first entry (or the fixture, when it is one object). */
function entriesOf(c: Case): Record<string, unknown>[] {
  const data = fixture(c.fixture);
  if (!c.single) return itemsOf(data);
  return [Array.isArray(data) ? (data[0] as Record<string, unknown>) : (data as Record<string, unknown>)];
}

describe('OneDesk list and get tools read every fixture field tolerantly', () => {
  for (const c of CASES) {
    it(`${c.tool} (${c.path}): keeps the item and the call when any field is of the wrong type, null or missing`, async () => {
      const runtime = await startOnedesk();
      const entries = entriesOf(c);
      let current: unknown;
      stub.use(
        itemTypesRoute(stub),
        stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))),
        stub.route('post', '/projects/filter/details', ok(fixture('projects'))),
        stub.route('post', '/users/filter/details', ok(fixture('users'))),
        stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))),
      );
      stub.use(stub.route(c.method, c.path, () => current as never));
      const call = async (sent: Record<string, unknown>[]) => {
        current = ok(c.single ? sent[0] : sent, { totalNum: sent.length });
        // The organization's names are cached per key: each call must see what this one sends.
        runtime.cache.clear();
        return runTool(onedesk, c.tool, c.args, { runtime });
      };
      const baseline = await call(entries);
      expect(baseline.isError).toBeFalsy();
      expect((baseline.structuredContent as Record<string, unknown>).partly_read).toBeUndefined();
      const baselineExtra = extraKeys(c.items(baseline.structuredContent as Record<string, unknown>));
      const problems: string[] = [];
      for (const m of mutations(entries[0]!)) {
        const sent = [m.item, ...entries.slice(1)];
        const result = await call(sent);
        const label = `${m.field} ${m.kind}`;
        if (result.isError) {
          problems.push(`${label}: ${result.content[0]?.text}`);
          continue;
        }
        const out = result.structuredContent as Record<string, unknown>;
        const items = c.items(out);
        if (items.length !== sent.length) problems.push(`${label}: ${items.length} items instead of ${sent.length}`);
        const partly = out.partly_read as { items: number; fields: string[] } | undefined;
        if (m.kind === 'wrong type' && !c.ignored?.includes(m.field)) for (const p of wrongTypeProblems(m, items, baselineExtra, partly)) problems.push(`${label}: ${p}`);
        if (m.field === c.naming && !partly?.fields.includes(m.field)) problems.push(`${label}: the entry has no readable name, and partly_read does not say so`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('covers every read tool of the connector', () => {
    expect(coverageProblems(onedesk, CASES.map((c) => c.tool), EXEMPT)).toEqual([]);
  });
});
