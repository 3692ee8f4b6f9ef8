/**
 * Tolerant readers (issue #19 item 3), generated over the fixtures: every
 * field of the first item of each list and get fixture is mutated once
 * each way (wrong type, null, missing), and the tool still answers, keeps
 * every item, and shows a wrong-typed value somewhere (read, or under
 * extra) rather than losing it. One `it` per tool, one runtime per tool.
 */
import { describe, expect, it } from 'vitest';
import { clockify, clockifyStub, commonRoutes, fixture, ME, PROJECT_ACME, runTool, startClockify, TAG_OVERTIME, CLIENT_ACME, TASK_DESIGN, WS } from './test-support';
import { mutations, itemsOf } from '../../tests/support/tolerance';

const stub = clockifyStub();

interface Case {
  tool: string;
  args: Record<string, unknown>;
  path: string;
  fixture: string;
  /** Where the items are in the fixture: top-level array, a key, or a single object (a get). */
  at?: string | 'single';
  /** The output key holding the items (array) or the item (get). */
  out: string;
  /** Fields never shown, whatever their shape (the webhook token). */
  secret?: string[];
  /** Fields the tool deliberately leaves out of its result (noise), whatever their shape. */
  ignored?: string[];
}

const W = `/workspaces/${WS}`;
const CASES: Case[] = [
  { tool: 'clockify_list_user_groups', args: {}, path: `${W}/user-groups`, fixture: 'groups-list', out: 'groups' },
  { tool: 'clockify_list_clients', args: {}, path: `${W}/clients`, fixture: 'clients-list', out: 'clients' },
  { tool: 'clockify_list_projects', args: {}, path: `${W}/projects`, fixture: 'projects-list', out: 'projects' },
  { tool: 'clockify_list_tags', args: {}, path: `${W}/tags`, fixture: 'tags-list', out: 'tags' },
  { tool: 'clockify_list_tasks', args: { project_id: PROJECT_ACME, status: 'all' }, path: `${W}/projects/${PROJECT_ACME}/tasks`, fixture: 'tasks-list', out: 'tasks' },
  { tool: 'clockify_list_time_entries', args: { start: '2024-03-01', end: '2024-03-15' }, path: `${W}/user/${ME}/time-entries`, fixture: 'time-entries-list', out: 'time_entries', ignored: ['customFieldValues', 'kioskId'] },
  { tool: 'clockify_list_users', args: {}, path: `${W}/users`, fixture: 'users-list', out: 'users', ignored: ['profilePicture', 'customFields'] },
  { tool: 'clockify_list_holidays', args: {}, path: `${W}/holidays`, fixture: 'holidays-list', out: 'items', ignored: ['workspaceId'] },
  { tool: 'clockify_list_webhooks', args: {}, path: `${W}/webhooks`, fixture: 'webhooks-list', at: 'webhooks', out: 'items', secret: ['authToken'] },
  { tool: 'clockify_list_shared_reports', args: {}, path: `${W}/shared-reports`, fixture: 'shared_reports-list', at: 'reports', out: 'items' },
  { tool: 'clockify_list_workspaces', args: {}, path: '/workspaces', fixture: 'workspace', at: 'wrap', out: 'workspaces' },
  { tool: 'clockify_get_time_entry', args: { time_entry_id: '6601a2b3c4d5e6f7a8b9c0d1' }, path: `${W}/time-entries/6601a2b3c4d5e6f7a8b9c0d1`, fixture: 'time-entry', at: 'single', out: 'time_entry', ignored: ['customFieldValues', 'kioskId'] },
  { tool: 'clockify_get_tag', args: { tag_id: TAG_OVERTIME }, path: `${W}/tags/${TAG_OVERTIME}`, fixture: 'tags-list', at: 'first', out: 'tag' },
  { tool: 'clockify_get_client', args: { client_id: CLIENT_ACME }, path: `${W}/clients/${CLIENT_ACME}`, fixture: 'clients-list', at: 'first', out: 'client' },
  { tool: 'clockify_get_project', args: { project_id: PROJECT_ACME }, path: `${W}/projects/${PROJECT_ACME}`, fixture: 'projects-list', at: 'first', out: 'project' },
  { tool: 'clockify_get_task', args: { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, path: `${W}/projects/${PROJECT_ACME}/tasks/${TASK_DESIGN}`, fixture: 'tasks-list', at: 'first', out: 'task' },
  { tool: 'clockify_get_webhook', args: { webhook_id: '6c21d2e3f4a5b6c7d8e9a001' }, path: `${W}/webhooks/6c21d2e3f4a5b6c7d8e9a001`, fixture: 'webhooks-list', at: 'first-webhook', out: 'webhook', secret: ['authToken'] },
];

/** The answer the stub sends, with the first item replaced by `item`, and the item count. */
function answerWith(c: Case, item: Record<string, unknown> | undefined): { body: unknown; count: number } {
  const data = fixture<unknown>(c.fixture);
  if (c.at === 'single') return { body: item, count: 1 };
  if (c.at === 'first') return { body: item, count: 1 };
  if (c.at === 'first-webhook') return { body: item, count: 1 };
  if (c.at === 'wrap') return { body: [item], count: 1 };
  const list = itemsOf(data, c.at);
  const next = [item, ...list.slice(1)];
  return { body: c.at ? { ...(data as object), [c.at]: next } : next, count: next.length };
}

function firstItem(c: Case): Record<string, unknown> {
  const data = fixture<unknown>(c.fixture);
  if (c.at === 'single' || c.at === 'wrap') return data as Record<string, unknown>;
  if (c.at === 'first') return itemsOf(data)[0]!;
  if (c.at === 'first-webhook') return itemsOf(data, 'webhooks')[0]!;
  return itemsOf(data, c.at)[0]!;
}

describe('Clockify list and get tools read every fixture field tolerantly', () => {
  for (const c of CASES) {
    it(`${c.tool}: keeps the item and the call when any field is of the wrong type, null or missing`, async () => {
      // Hundreds of calls in a row: the fastest pace CLOCKIFY_MAX_RPS allows (the limiter is not what this test is about).
      const runtime = await startClockify({ env: { CLOCKIFY_MAX_RPS: '50' } });
      const problems: string[] = [];
      let current: unknown;
      stub.use(...commonRoutes(stub));
      stub.use(stub.route('get', c.path, () => current as never));
      for (const m of mutations(firstItem(c))) {
        const { body, count } = answerWith(c, m.item);
        current = body;
        const result = await runTool(clockify, c.tool, c.args, { runtime });
        const label = `${m.field} ${m.kind}`;
        if (result.isError) {
          problems.push(`${label}: ${result.content[0]?.text}`);
          continue;
        }
        const out = (result.structuredContent as Record<string, unknown>)[c.out];
        const items = Array.isArray(out) ? out : [out];
        if (items.length !== count) problems.push(`${label}: ${items.length} items instead of ${count}`);
        const partly = (result.structuredContent as { partly_read?: { items: number; fields: string[] } }).partly_read;
        // The id is what every tool needs: an item without a readable one is kept, and the result says so.
        if (m.field === 'id' && (partly?.items !== 1 || !partly.fields.includes('id'))) problems.push(`${label}: partly_read does not report it`);
        const shown = JSON.stringify(items).includes(JSON.stringify(m.marker));
        if (c.secret?.includes(m.field)) {
          if (shown) problems.push(`${label}: a secret field was shown`);
          continue;
        }
        if (m.kind === 'wrong type' && !c.ignored?.includes(m.field) && !JSON.stringify(items).includes(JSON.stringify(m.marker))) problems.push(`${label}: the raw value was lost (not read, not under extra)`);
      }
      expect(problems).toEqual([]);
    });
  }
});
