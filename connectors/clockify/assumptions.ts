/**
 * What the Clockify tools assume about Clockify's API, with the confidence
 * from shared/vendors/EVIDENCE.md (every method and path is in the official
 * or the live-corrected OpenAPI, checked by contract.test.ts) and the live
 * check `deskgate doctor --deep clockify` runs with the shared key: one read
 * per toolset, checking that the answer has the fields the tools read.
 * Read-only: the write facts come from the live-probe ledger and are not
 * probed on a real account.
 */
import { z } from 'zod';
import { checkFields, couldNotCheck, differs, holds, typeOf, type FieldRule, type Probe, type VendorAssumption } from '../../src/doctor/assumptions';
import { testPrincipalFor } from '../../src/doctor/principal';
import type { ClockifyRuntime } from './runtime';

const EVIDENCE = 'shared/vendors/EVIDENCE.md (Clockify) and both OpenAPI files';
const anything = z.unknown();

type Ctx = Parameters<ClockifyRuntime['workspaceId']>[0];
const ctxOf = (runtime: ClockifyRuntime, probe: Probe): Ctx =>
  ({ principal: testPrincipalFor('doctor'), runtime, log: probe.log, requestId: 'doctor', signal: probe.signal }) as Ctx;

const workspace = (runtime: ClockifyRuntime, probe: Probe) => probe.once('ws', () => runtime.workspaceId(ctxOf(runtime, probe)));

/** GET a list under the workspace and check the first row's fields. */
function listHas(path: (ws: string, me: string) => string, fields: FieldRule[], query: Record<string, string | number> = { 'page-size': 1 }) {
  return async (runtime: ClockifyRuntime, probe: Probe) => {
    const ctx = ctxOf(runtime, probe);
    const ws = await workspace(runtime, probe);
    const me = await probe.once('me', () => runtime.me(ctx, ws));
    const answer = await runtime.api.call(ctx, 'GET', path(ws, me.id), anything, { operation: 'doctor: read', query });
    const list = Array.isArray(answer) ? answer : undefined;
    if (!list) return differs(`answered ${typeOf(answer)}, not a list`);
    const row = list.find((r): r is Record<string, unknown> => r !== null && typeof r === 'object');
    if (!row) return couldNotCheck('the list is empty in this workspace');
    return checkFields(row, fields);
  };
}

const ID: FieldRule = ['id', ['string']];
const NAME: FieldRule = ['name', ['string']];

export const clockifyAssumptions: VendorAssumption<ClockifyRuntime>[] = [
  {
    id: 'user',
    fact: "GET /user answers the key owner's id, name, email, active workspace and settings.timeZone (the zone every time is read in).",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_get_current_user', 'clockify_list_workspaces', 'clockify_get_workspace', 'clockify_create_workspace', 'clockify_set_workspace_hourly_rate'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const user = await runtime.api.call(ctx, 'GET', '/user', anything, { operation: 'doctor: user' });
      if (!user || typeof user !== 'object') return differs(`answered ${typeOf(user)}`);
      const u = user as Record<string, unknown>;
      const settings = (u.settings ?? {}) as Record<string, unknown>;
      const off = [['id', u.id], ['email', u.email], ['activeWorkspace', u.activeWorkspace], ['settings.timeZone', settings.timeZone]].filter(([, v]) => typeof v !== 'string').map(([f, v]) => `${String(f)}: ${typeOf(v)}`);
      return off.length ? differs(`fields not as read: ${off.join(', ')}`) : holds('id, email, activeWorkspace and settings.timeZone are strings');
    },
  },
  {
    id: 'time_entries.list',
    fact: "GET /workspaces/{ws}/user/{id}/time-entries pages a user's entries with timeInterval.start/end/duration, projectId, taskId, tagIds, billable.",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_time_entries', 'clockify_get_time_entry', 'clockify_list_running_timers', 'clockify_stop_timer', 'clockify_create_time_entry', 'clockify_create_time_entry_for_user', 'clockify_duplicate_time_entry', 'clockify_update_time_entry', 'clockify_delete_time_entry', 'clockify_delete_time_entries'],
    check: listHas((ws, me) => `/workspaces/${ws}/user/${me}/time-entries`, [ID, ['timeInterval', ['object']], ['billable', ['boolean']], ['tagIds', ['array', 'null']]]),
  },
  {
    id: 'time_entries.bulk_edit',
    fact: 'The bulk edit (PUT …/user/{id}/time-entries) needs id, start and end for every entry and takes no tagIds or type: running entries and tag changes go one by one.',
    confidence: 'confirmed',
    evidence: `${EVIDENCE}: the live-probe ledger contradicted the official spec`,
    tools: ['clockify_update_time_entries'],
    write: true,
    async check() {
      return couldNotCheck('not probed: a bulk edit changes real entries; the ledger is the evidence');
    },
  },
  {
    id: 'users',
    fact: 'GET /workspaces/{ws}/users lists members with id, name, email and status (names, emails and "me" resolve through it).',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_users', 'clockify_get_member_profile', 'clockify_list_user_managers', 'clockify_set_user_hourly_rate'],
    check: listHas((ws) => `/workspaces/${ws}/users`, [ID, NAME, ['email', ['string']]]),
  },
  {
    id: 'projects',
    fact: 'GET /workspaces/{ws}/projects lists projects with id, name, clientId, billable, archived, hourlyRate {amount (cents), currency}.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_projects', 'clockify_get_project', 'clockify_create_project', 'clockify_update_project', 'clockify_delete_project', 'clockify_set_project_user_rate', 'clockify_update_project_memberships'],
    check: listHas((ws) => `/workspaces/${ws}/projects`, [ID, NAME, ['billable', ['boolean']], ['archived', ['boolean']]]),
  },
  {
    id: 'clients',
    fact: 'GET /workspaces/{ws}/clients lists clients with id, name, archived.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_clients', 'clockify_get_client', 'clockify_create_client', 'clockify_update_client', 'clockify_delete_client'],
    check: listHas((ws) => `/workspaces/${ws}/clients`, [ID, NAME]),
  },
  {
    id: 'tags',
    fact: 'GET /workspaces/{ws}/tags lists tags with id, name, archived.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_tags', 'clockify_get_tag', 'clockify_create_tag', 'clockify_update_tag', 'clockify_delete_tag'],
    check: listHas((ws) => `/workspaces/${ws}/tags`, [ID, NAME, ['archived', ['boolean']]]),
  },
  {
    id: 'tasks',
    fact: "GET /workspaces/{ws}/projects/{id}/tasks lists a project's tasks with id, name, status.",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_tasks', 'clockify_get_task', 'clockify_create_task', 'clockify_update_task', 'clockify_delete_task'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const projects = await runtime.api.call(ctx, 'GET', `/workspaces/${ws}/projects`, anything, { operation: 'doctor: projects', query: { 'page-size': 1 } });
      const first = Array.isArray(projects) ? (projects[0] as Record<string, unknown> | undefined) : undefined;
      if (typeof first?.id !== 'string') return couldNotCheck('no project in this workspace');
      return listHas((w) => `/workspaces/${w}/projects/${first.id as string}/tasks`, [ID, NAME])(runtime, probe);
    },
  },
  {
    id: 'groups',
    fact: 'GET /workspaces/{ws}/user-groups lists groups with id, name and userIds.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_user_groups', 'clockify_create_user_group', 'clockify_update_user_group', 'clockify_delete_user_group', 'clockify_add_user_to_group', 'clockify_remove_user_from_group'],
    check: listHas((ws) => `/workspaces/${ws}/user-groups`, [ID, NAME, ['userIds', ['array']]]),
  },
  {
    id: 'webhooks',
    fact: "GET /workspaces/{ws}/webhooks answers {workspaceWebhookCount, webhooks}; create's 400s are 'already exists' (code 501) and 'doesn't belong to Workspace'; no quota answer is known.",
    confidence: 'confirmed',
    evidence: `${EVIDENCE}: the ledger's webhook 400s`,
    tools: ['clockify_list_webhooks', 'clockify_get_webhook', 'clockify_create_webhook', 'clockify_update_webhook', 'clockify_delete_webhook', 'clockify_get_webhook_logs', 'clockify_regenerate_webhook_token', 'clockify_list_addon_webhooks'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const answer = (await runtime.api.call(ctx, 'GET', `/workspaces/${ws}/webhooks`, anything, { operation: 'doctor: webhooks' })) as Record<string, unknown> | null;
      return answer && Array.isArray(answer.webhooks) ? holds(`webhooks is a list, workspaceWebhookCount is ${typeOf(answer.workspaceWebhookCount)}`) : differs(`webhooks is ${typeOf(answer?.webhooks)}`);
    },
  },
  {
    id: 'reports',
    fact: 'The reports host takes summary, detailed, weekly and expense filters with local T00:00:00.000..T23:59:59.999 ranges and timeZone, and answers totals.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_get_summary_report', 'clockify_get_detailed_report', 'clockify_get_weekly_report', 'clockify_get_expense_report'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const day = new Date().toISOString().slice(0, 10);
      const answer = (await runtime.reports.call(ctx, 'POST', `/workspaces/${ws}/reports/summary`, anything, {
        operation: 'doctor: summary report',
        idempotent: true,
        body: { dateRangeStart: `${day}T00:00:00.000`, dateRangeEnd: `${day}T23:59:59.999`, timeZone: 'UTC', summaryFilter: { groups: ['PROJECT'] }, exportType: 'JSON' },
      })) as Record<string, unknown> | null;
      return answer && Array.isArray(answer.totals) ? holds('answered totals as a list') : differs(`totals is ${typeOf(answer?.totals)}`);
    },
  },
  {
    id: 'shared_reports',
    fact: 'GET /workspaces/{ws}/shared-reports on the reports host lists shared reports.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_shared_reports', 'clockify_get_shared_report', 'clockify_create_shared_report', 'clockify_update_shared_report', 'clockify_delete_shared_report'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const answer = (await runtime.reports.call(ctx, 'GET', `/workspaces/${ws}/shared-reports`, anything, { operation: 'doctor: shared reports' })) as Record<string, unknown> | unknown[] | null;
      return answer && typeof answer === 'object' ? holds(`answered ${typeOf(answer)}`) : differs(`answered ${typeOf(answer)}`);
    },
  },
  {
    id: 'templates',
    fact: 'Template calls are in neither spec (deprecated); a 404/405 is reported as unsupported_by_vendor.',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: in neither spec`,
    tools: ['clockify_list_templates', 'clockify_create_templates', 'clockify_delete_template'],
    check: listHas((ws) => `/workspaces/${ws}/templates`, [ID, NAME]),
  },
  {
    id: 'scheduling_holidays_changes',
    fact: 'Assignments, holidays and entity-change feeds answer lists as the specs say.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_assignments', 'clockify_list_holidays', 'clockify_list_holidays_in_period', 'clockify_list_created_entities', 'clockify_list_deleted_entities', 'clockify_list_updated_entities'],
    check: listHas((ws) => `/workspaces/${ws}/holidays`, [ID, NAME], {}),
  },
  {
    id: 'rate_limit',
    fact: 'Clockify allows about 10 requests a second per workspace (CLOCKIFY_MAX_RPS); the key rate limit is unknown.',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: unknown`,
    tools: [],
    async check() {
      return couldNotCheck('not probed: finding the limit means hitting it');
    },
  },
];
