/**
 * Tolerant readers (issue #19 item 3), generated over the fixtures: every
 * field of the first entry of each read tool's vendor answer is mutated
 * once each way (wrong type, null, missing), and the tool still answers,
 * keeps every item, shows a wrong-typed value somewhere (read, or under
 * extra) rather than losing it, counts a field it reads but could not in
 * partly_read, and counts an item whose id is unreadable or missing. One
 * `it` per tool, one runtime per tool; the last test fails when a read tool
 * of the connector has no case here.
 */
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { BOB, TEST_BASE_URL, clockify, clockifyStub, commonRoutes, fixture, ME, PROJECT_ACME, runTool, startClockify, TAG_OVERTIME, CLIENT_ACME, TASK_DESIGN, WS } from './test-support';
import { detailedFixture } from './reports/detailed-fixture';
import { coverageProblems, extraKeys, mutations, itemsOf, wrongTypeProblems } from '../../tests/support/tolerance';

const stub = clockifyStub();

type Entry = Record<string, unknown>;

/** Where the mutated entry sits in the vendor's answer. */
interface Source {
  /** The well-formed entry whose fields are mutated. */
  first: () => Entry;
  /** The vendor's answer with `item` in place of that entry. */
  answer: (item: Entry) => unknown;
}

/** The first entry of a list fixture (the array itself, or the array under `key`), the rest kept. */
const inList = (name: string, key?: string): Source => ({
  first: () => itemsOf(fixture<unknown>(name), key)[0]!,
  answer: (item) => {
    const data = fixture<unknown>(name);
    const next = [item, ...itemsOf(data, key).slice(1)];
    return key ? { ...(data as object), [key]: next } : next;
  },
});
/** A get: the answer is the entry itself (the fixture, or the first entry of a list fixture). */
const alone = (entry: () => Entry): Source => ({ first: entry, answer: (item) => item });
const firstOf = (name: string, key?: string) => () => itemsOf(fixture<unknown>(name), key)[0]!;

interface Case {
  tool: string;
  args: Record<string, unknown>;
  method?: 'get' | 'post';
  path: string;
  source: Source;
  /** The output key holding the items (array) or the item (get), or a function of the output. */
  out: string | ((out: Record<string, unknown>) => unknown[]);
  /** Answer with these headers (the scheduling list pages on Last-Page). */
  headers?: Record<string, string>;
  /** The field that names an entry: odd, null or missing, partly_read must count it. */
  naming?: string;
  /** Fields never shown, whatever their shape (the webhook token). */
  secret?: string[];
  /** Fields the tool deliberately leaves out of its result (noise), whatever their shape. */
  ignored?: string[];
  /** Why a wrong-typed value cannot be shown (the tool's result has no place for it); the other checks still run. */
  lossy?: string;
  /** The name partly_read gives the naming field when it is missing, if not its own. */
  namedAs?: string;
  /** The path is in neither Clockify spec (the templates): answered outside the contract check. */
  offSpec?: boolean;
  /** Fields whose entries are nested rows of their own (summary subgroups): odd, the row count may change. */
  nested?: string[];
}

const W = `/workspaces/${WS}`;
const WEBHOOK = '6c21d2e3f4a5b6c7d8e9a001';
const ADDON = '64c777ddd3fcab07cfbb210c';
const SHARED = '6b11c2d3e4f5a6b7c8d9f001';
const PROFILE = { email: 'bob@example.com', hasPassword: true, imageUrl: '', name: 'Bob Chen', userCustomFieldValues: [], weekStart: 'SUNDAY', workCapacity: 'PT7H30M', workingDays: '["MONDAY","TUESDAY","WEDNESDAY","THURSDAY"]', workspaceNumber: 2 };
const detailed = detailedFixture(3);
const detailedSource: Source = {
  first: () => (detailed.page(1, 200) as { timeentries: Entry[] }).timeentries[0]!,
  answer: (item) => {
    const page = detailed.page(1, 200) as { timeentries: Entry[] };
    return { ...page, timeentries: [item, ...page.timeentries.slice(1)] };
  },
};
const ENTRY_NOISE = ['customFieldValues', 'kioskId'];
const rows = (out: Record<string, unknown>) => out.rows as unknown[];
/** Top-level group rows only: subgroups come from the vendor's children, mutated separately. */
const topRows = (out: Record<string, unknown>) => (out.rows as { level: number }[]).filter((r) => r.level === 1);

const CASES: Case[] = [
  { tool: 'clockify_list_user_groups', args: {}, path: `${W}/user-groups`, source: inList('groups-list'), out: 'groups', naming: 'id' },
  { tool: 'clockify_list_clients', args: {}, path: `${W}/clients`, source: inList('clients-list'), out: 'clients', naming: 'id' },
  { tool: 'clockify_list_projects', args: {}, path: `${W}/projects`, source: inList('projects-list'), out: 'projects', naming: 'id' },
  { tool: 'clockify_list_tags', args: {}, path: `${W}/tags`, source: inList('tags-list'), out: 'tags', naming: 'id' },
  { tool: 'clockify_list_tasks', args: { project_id: PROJECT_ACME, status: 'all' }, path: `${W}/projects/${PROJECT_ACME}/tasks`, source: inList('tasks-list'), out: 'tasks', naming: 'id' },
  { tool: 'clockify_list_time_entries', args: { start: '2024-03-01', end: '2024-03-15' }, path: `${W}/user/${ME}/time-entries`, source: inList('time-entries-list'), out: 'time_entries', naming: 'id', ignored: ENTRY_NOISE },
  { tool: 'clockify_list_users', args: {}, path: `${W}/users`, source: inList('users-list'), out: 'users', naming: 'id', ignored: ['profilePicture', 'customFields'] },
  { tool: 'clockify_list_holidays', args: {}, path: `${W}/holidays`, source: inList('holidays-list'), out: 'items', naming: 'id', ignored: ['workspaceId'] },
  { tool: 'clockify_list_webhooks', args: {}, path: `${W}/webhooks`, source: inList('webhooks-list', 'webhooks'), out: 'items', naming: 'id', secret: ['authToken'] },
  { tool: 'clockify_list_shared_reports', args: {}, path: `${W}/shared-reports`, source: inList('shared_reports-list', 'reports'), out: 'items', naming: 'id' },
  { tool: 'clockify_list_workspaces', args: {}, path: '/workspaces', source: { first: () => fixture<Entry>('workspace'), answer: (item) => [item] }, out: 'workspaces', naming: 'id' },
  { tool: 'clockify_get_time_entry', args: { time_entry_id: '6601a2b3c4d5e6f7a8b9c0d1' }, path: `${W}/time-entries/6601a2b3c4d5e6f7a8b9c0d1`, source: alone(() => fixture<Entry>('time-entry')), out: 'time_entry', naming: 'id', ignored: ENTRY_NOISE },
  { tool: 'clockify_get_tag', args: { tag_id: TAG_OVERTIME }, path: `${W}/tags/${TAG_OVERTIME}`, source: alone(firstOf('tags-list')), out: 'tag', naming: 'id' },
  { tool: 'clockify_get_client', args: { client_id: CLIENT_ACME }, path: `${W}/clients/${CLIENT_ACME}`, source: alone(firstOf('clients-list')), out: 'client', naming: 'id' },
  { tool: 'clockify_get_project', args: { project_id: PROJECT_ACME }, path: `${W}/projects/${PROJECT_ACME}`, source: alone(firstOf('projects-list')), out: 'project', naming: 'id' },
  { tool: 'clockify_get_task', args: { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, path: `${W}/projects/${PROJECT_ACME}/tasks/${TASK_DESIGN}`, source: alone(firstOf('tasks-list')), out: 'task', naming: 'id' },
  { tool: 'clockify_get_webhook', args: { webhook_id: WEBHOOK }, path: `${W}/webhooks/${WEBHOOK}`, source: alone(firstOf('webhooks-list', 'webhooks')), out: 'webhook', naming: 'id', secret: ['authToken'] },
  // Added for complete coverage (issue #19 item 3: every list and get tool).
  {
    tool: 'clockify_get_current_user',
    args: {},
    path: '/user',
    source: alone(() => fixture<Entry>('user')),
    out: (out) => [out],
    lossy: 'it shows the acting user as the identity service resolved it (id, name, email, time zone), with no extra to put raw values in',
  },
  { tool: 'clockify_get_member_profile', args: { user_id: BOB, workspace_id: WS }, path: `${W}/member-profile/${BOB}`, source: alone(() => ({ ...PROFILE })), out: (out) => [out] },
  { tool: 'clockify_get_workspace', args: {}, path: `${W}`, source: alone(() => fixture<Entry>('workspace')), out: 'workspace', naming: 'id' },
  { tool: 'clockify_list_running_timers', args: { all_users: true }, path: `${W}/time-entries/status/in-progress`, source: inList('time-entries-list'), out: 'time_entries', naming: 'id', ignored: ENTRY_NOISE },
  { tool: 'clockify_list_user_managers', args: { user_id: BOB, workspace_id: WS }, path: `${W}/users/${BOB}/managers`, source: inList('users-list'), out: 'managers', naming: 'id', ignored: ['profilePicture', 'customFields'] },
  { tool: 'clockify_list_addon_webhooks', args: { addon_id: ADDON }, path: `${W}/addons/${ADDON}/webhooks`, source: inList('webhooks-list', 'webhooks'), out: 'items', naming: 'id', secret: ['authToken'] },
  { tool: 'clockify_list_assignments', args: { start: '2024-03-18', end: '2024-03-24' }, path: `${W}/scheduling/assignments/all`, source: inList('scheduling-assignments'), out: 'items', naming: 'id', headers: { 'Last-Page': 'true' }, ignored: ['workspaceId', 'projectColor', 'projectArchived', 'projectBillable', 'clientId', 'taskId'] },
  { tool: 'clockify_list_created_entities', args: { type: 'project', start: '2024-03-11', end: '2024-03-15' }, path: `${W}/entities/created`, source: inList('changes-created'), out: 'items', naming: 'id', ignored: ['workspaceId'] },
  { tool: 'clockify_list_updated_entities', args: { type: 'time_entry', start: '2024-03-11', end: '2024-03-15' }, path: `${W}/entities/updated`, source: inList('changes-updated'), out: 'items', naming: 'id' },
  { tool: 'clockify_list_deleted_entities', args: { type: 'tag', start: '2024-03-11', end: '2024-03-15' }, path: `${W}/entities/deleted`, source: inList('changes-deleted', 'response'), out: 'items', ignored: ['id'] },
  { tool: 'clockify_get_webhook_logs', args: { webhook_id: WEBHOOK, status: 'all', from: '2024-03-11' }, method: 'post', path: `${W}/webhooks/${WEBHOOK}/logs`, source: inList('webhooks-logs'), out: 'items', naming: 'id', ignored: ['webhookId', 'webhookEventStatusId'] },
  { tool: 'clockify_list_holidays_in_period', args: { start: '2024-04-01', end: '2024-04-30' }, path: `${W}/holidays/in-period`, source: inList('holidays-list'), out: 'items', naming: 'id', ignored: ['workspaceId'] },
  { tool: 'clockify_list_templates', args: {}, path: `${W}/templates`, source: inList('templates-list'), out: 'items', naming: 'id', offSpec: true, ignored: ['workspaceId', 'userId'] },
  { tool: 'clockify_get_detailed_report', args: { start: '2024-02-01', end: '2024-02-29' }, method: 'post', path: `${W}/reports/detailed`, source: detailedSource, out: rows, naming: '_id', namedAs: 'id', ignored: ['userEmail', 'projectColor', 'locked', 'rate', 'earnedRate', 'costRate', 'costAmount', 'customFieldValues'] },
  { tool: 'clockify_get_expense_report', args: { start: '2024-02-01', end: '2024-02-29' }, method: 'post', path: `${W}/reports/expenses/detailed`, source: inList('reports-expenses', 'expenses'), out: rows, naming: 'id', ignored: ['workspaceId', 'userEmail', 'userStatus', 'projectColor', 'categoryId', 'categoryHasUnitPrice', 'locked', 'invoicingInfo'] },
  { tool: 'clockify_get_summary_report', args: { start: '2024-03-01', end: '2024-03-31' }, method: 'post', path: `${W}/reports/summary`, source: inList('reports-summary', 'groupOne'), out: topRows, nested: ['children'], ignored: ['color', 'amounts', 'nameLowerCase'] },
  { tool: 'clockify_get_weekly_report', args: { start: '2024-03-04' }, method: 'post', path: `${W}/reports/weekly`, source: inList('reports-weekly', 'groupOne'), out: topRows },
  { tool: 'clockify_get_shared_report', args: { shared_report_id: SHARED, start: '2023-07-01', end: '2023-09-30' }, path: `/shared-reports/${SHARED}`, source: inList('shared_reports-data', 'groupOne'), out: topRows, ignored: ['workspaceCurrencyCode'] },
];

/** Read tools that read no vendor entry's fields, and why (none today). */
const EXEMPT: Record<string, string> = {};

const itemsIn = (c: Case, out: Record<string, unknown>): unknown[] => {
  if (typeof c.out === 'function') return c.out(out);
  const value = out[c.out];
  return Array.isArray(value) ? value : [value];
};

describe('Clockify list and get tools read every fixture field tolerantly', () => {
  for (const c of CASES) {
    it(`${c.tool}: keeps the item and the call when any field is of the wrong type, null or missing`, async () => {
      // Hundreds of calls in a row: the fastest pace CLOCKIFY_MAX_RPS allows (the limiter is not what this test is about).
      const runtime = await startClockify({ env: { CLOCKIFY_MAX_RPS: '50' } });
      const problems: string[] = [];
      let current: unknown;
      stub.use(...commonRoutes(stub));
      const answer = () => HttpResponse.json(current as never, c.headers ? { headers: c.headers } : {});
      stub.use(c.offSpec ? http.get(`${TEST_BASE_URL}${c.path}`, answer) : stub.route(c.method ?? 'get', c.path, answer));
      const call = async (item: Entry) => {
        current = c.source.answer(item);
        return runTool(clockify, c.tool, c.args, { runtime });
      };
      const baseline = await call(c.source.first());
      expect(baseline.isError, baseline.content[0]?.text).toBeFalsy();
      expect((baseline.structuredContent as Record<string, unknown>).partly_read).toBeUndefined();
      const wellFormed = itemsIn(c, baseline.structuredContent as Record<string, unknown>);
      const baselineExtra = extraKeys(wellFormed);
      for (const m of mutations(c.source.first())) {
        const result = await call(m.item);
        const label = `${m.field} ${m.kind}`;
        if (result.isError) {
          problems.push(`${label}: ${result.content[0]?.text}`);
          continue;
        }
        const out = result.structuredContent as Record<string, unknown>;
        const items = itemsIn(c, out);
        if (items.length !== wellFormed.length && !c.nested?.includes(m.field)) problems.push(`${label}: ${items.length} items instead of ${wellFormed.length}`);
        const partly = out.partly_read as { items: number; fields: string[] } | undefined;
        // The id is what every tool needs: an item without a readable one is kept, and the result says so.
        if (m.field === c.naming && (partly?.items !== 1 || !(partly.fields.includes(m.field) || (c.namedAs !== undefined && partly.fields.includes(c.namedAs))))) problems.push(`${label}: partly_read does not report it`);
        if (c.secret?.includes(m.field)) {
          if (JSON.stringify(items).includes(JSON.stringify(m.marker))) problems.push(`${label}: a secret field was shown`);
          continue;
        }
        if (m.kind === 'wrong type' && !c.lossy && !c.ignored?.includes(m.field)) for (const p of wrongTypeProblems(m, items, baselineExtra, partly)) problems.push(`${label}: ${p}`);
      }
      expect(problems.join('\n')).toBe('');
    });
  }

  it('covers every read tool of the connector', () => {
    expect(coverageProblems(clockify, CASES.map((c) => c.tool), EXEMPT)).toEqual([]);
  });
});
