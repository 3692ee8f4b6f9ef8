/**
 * What the Clockify tools assume about Clockify's API, with the confidence
 * from shared/vendors/EVIDENCE.md (every method and path is in the official
 * or the live-corrected OpenAPI, checked by contract.test.ts) and the live
 * check `deskgate doctor --deep clockify` runs with the shared key: one read
 * per toolset, checking that the answer has the fields the tools read.
 * Read-only unless `--write-check`: then a clearly named test tag and test
 * time entry (deskgate-doctor-check-<time>) are created with the bodies the
 * tools send, a bulk edit is tried on the entry, and both are deleted.
 */
import { z } from 'zod';
import { checkFields, couldNotCheck, describeFailure, differs, holds, typeOf, type FieldRule, type Probe, type VendorAssumption } from '../../src/doctor/assumptions';
import { testPrincipalFor } from '../../src/doctor/principal';
import type { ClockifyRuntime } from './runtime';
import { vendorPath } from '../../src/vendor-http/path';
import { CHANGE_TYPES } from './reports/changes';
import { SUMMARY_GROUPS } from './reports/requests';

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

/** The name of every object `--write-check` creates, so a leftover is easy to find and remove by hand. */
export const writeCheckName = (now = new Date()) => `deskgate-doctor-check-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;

const asRow = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/**
 * Creates one clearly named test object with the body the tools send, checks
 * the answer, runs `more` on it, and always tries to remove it. A leftover
 * is reported by name (never silently kept).
 */
async function withTestObject(
  runtime: ClockifyRuntime,
  probe: Probe,
  what: string,
  create: (ctx: Ctx, ws: string, name: string) => Promise<unknown>,
  remove: (ctx: Ctx, ws: string, id: string) => Promise<unknown>,
  fields: FieldRule[],
  more?: (ctx: Ctx, ws: string, row: Record<string, unknown>) => Promise<string | undefined>,
) {
  const ctx = ctxOf(runtime, probe);
  const ws = await workspace(runtime, probe);
  const name = writeCheckName();
  const row = asRow(await create(ctx, ws, name));
  if (!row || typeof row.id !== 'string') return differs(`created a ${what} named ${name} but the answer had no id (${row ? 'id: ' + typeOf(row.id) : 'not an object'}): remove it by hand`);
  const notes: string[] = [];
  const fieldsResult = checkFields(row, fields);
  if (fieldsResult.outcome !== 'holds') notes.push(fieldsResult.evidence);
  try {
    const problem = await more?.(ctx, ws, row);
    if (problem) notes.push(problem);
  } catch (error) {
    // Clockify refusing the body (a 4xx) is the answer to the check: the body differs.
    const status = (error as { vendorStatus?: number }).vendorStatus;
    if (status === undefined || status < 400 || status >= 500) throw error;
    notes.push(`refused: ${describeFailure(error)}`);
  } finally {
    try {
      await remove(ctx, ws, row.id);
    } catch (error) {
      notes.push(`could not remove the test ${what} ${name}: remove it by hand`);
      probe.log.warn({ connector: 'clockify', what, name }, 'doctor --write-check left a test object behind');
      void error;
    }
  }
  return notes.length ? differs(notes.join('; ')) : holds(`created a ${what} (${name}) with the body the tools send, the answer had ${fields.map(([f]) => f).join(', ')}, and removed it`);
}

const ID: FieldRule = ['id', ['string']];
const NAME: FieldRule = ['name', ['string']];

const instantOf = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A finished, clearly named entry of one hour a day ago, with the body clockify_create_time_entry sends. */
function createTestEntry(runtime: ClockifyRuntime, ctx: Ctx, ws: string, name: string) {
  const now = runtime.now().getTime();
  const body = { start: instantOf(new Date(now - 25 * 3600_000)), end: instantOf(new Date(now - 24 * 3600_000)), description: name };
  return runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/time-entries', { workspace_id: ws }), anything, { operation: 'doctor: create time entry', body });
}

function deleteTestEntry(runtime: ClockifyRuntime, ctx: Ctx, ws: string, id: string) {
  return runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/time-entries/{time_entry_id}', { workspace_id: ws, time_entry_id: id }), { operation: 'doctor: delete time entry' });
}

export const clockifyAssumptions: VendorAssumption<ClockifyRuntime>[] = [
  {
    id: 'user',
    fact: "GET /user answers the key owner's id, name, email, active workspace and settings.timeZone (the zone every time is read in).",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_get_current_user', 'clockify_list_workspaces', 'clockify_get_workspace', 'clockify_create_workspace', 'clockify_set_workspace_hourly_rate'],
    covers: ['GET /user', 'GET /workspaces', 'GET /workspaces/{ws}', 'POST /workspaces', 'PUT /workspaces/{ws}/hourly-rate'],
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
    id: 'workspaces.roles_filter',
    fact: "GET /workspaces?roles=WORKSPACE_ADMIN&roles=OWNER lists only the workspaces where the key's user is an admin or the owner: time_reconcile (connectors/time) reads the team from the workspace report only for such a key, per person otherwise.",
    confidence: 'likely',
    evidence: 'Both OpenAPI files (GET /workspaces, query roles: WORKSPACE_ADMIN, OWNER, TEAM_MANAGER, PROJECT_MANAGER; form, exploded); no live answer captured',
    tools: [],
    covers: ['GET /workspaces'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const all = await runtime.api.call(ctx, 'GET', vendorPath('/workspaces'), anything, { operation: 'doctor: workspaces' });
      const admin = await runtime.api.call(ctx, 'GET', vendorPath('/workspaces'), anything, { operation: 'doctor: workspaces where admin', query: { roles: ['WORKSPACE_ADMIN', 'OWNER'] } });
      if (!Array.isArray(all) || !Array.isArray(admin)) return differs(`answered ${typeOf(all)} and ${typeOf(admin)}, not arrays`);
      const ids = new Set(all.map((w) => (w as { id?: unknown } | null)?.id));
      if (admin.some((w) => !ids.has((w as { id?: unknown } | null)?.id))) return differs('the roles-filtered list names a workspace the full list does not');
      return holds(`the roles filter answered ${admin.length} of ${all.length} workspaces`);
    },
  },
  {
    id: 'time_entries.list',
    fact: "GET /workspaces/{ws}/user/{id}/time-entries pages a user's entries with timeInterval.start/end/duration, projectId, taskId, tagIds, billable.",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_time_entries', 'clockify_get_time_entry', 'clockify_list_running_timers', 'clockify_stop_timer', 'clockify_create_time_entry', 'clockify_create_time_entry_for_user', 'clockify_duplicate_time_entry', 'clockify_update_time_entry', 'clockify_delete_time_entry', 'clockify_delete_time_entries'],
    covers: ['GET /workspaces/{ws}/user/{id}/time-entries', 'PATCH /workspaces/{ws}/user/{id}/time-entries', 'DELETE /workspaces/{ws}/user/{id}/time-entries', 'GET /workspaces/{ws}/time-entries/{id}', 'PUT /workspaces/{ws}/time-entries/{id}', 'GET /workspaces/{ws}/time-entries/status/in-progress', 'POST /workspaces/{ws}/user/{id}/time-entries/{entry}/duplicate', 'POST /workspaces/{ws}/user/{id}/time-entries'],
    check: listHas((ws, me) => `/workspaces/${ws}/user/${me}/time-entries`, [ID, ['timeInterval', ['object']], ['billable', ['boolean']], ['tagIds', ['array', 'null']]]),
  },
  {
    id: 'time_entries.bulk_edit',
    fact: 'The bulk edit (PUT …/user/{id}/time-entries) needs id, start and end for every entry and takes no tagIds or type: running entries and tag changes go one by one.',
    confidence: 'confirmed',
    evidence: `${EVIDENCE}: the live-probe ledger contradicted the official spec`,
    tools: ['clockify_update_time_entries'],
    covers: ['PUT /workspaces/{ws}/user/{id}/time-entries', 'PUT /workspaces/{ws}/time-entries/{id}'],
    write: true,
    async check(runtime, probe) {
      // A finished test entry an hour long, a day ago, edited through the bulk PUT with id, start and end, then deleted.
      return withTestObject(runtime, probe, 'time entry', (ctx, ws, name) => createTestEntry(runtime, ctx, ws, name), (ctx, ws, id) => deleteTestEntry(runtime, ctx, ws, id), [ID, ['timeInterval', ['object']]], async (ctx, ws, row) => {
        const me = await probe.once('me', () => runtime.me(ctx, ws));
        const interval = row.timeInterval as { start?: unknown; end?: unknown };
        const answer = await runtime.api.send(ctx, 'PUT', vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: me.id }), {
          operation: 'doctor: bulk edit',
          body: [{ id: row.id, start: interval.start, end: interval.end, description: `${String(row.description ?? '')} (bulk)` }],
        });
        if (!Array.isArray(answer)) return `the bulk edit answered ${typeOf(answer)}, not a list`;
        return answer.some((e) => asRow(e)?.id === row.id) ? undefined : 'the bulk edit answer did not list the edited entry';
      });
    },
  },
  {
    id: 'time_entries.create',
    fact: 'POST /workspaces/{ws}/time-entries with {start, end, description} (UTC instants) answers the new entry with id and timeInterval; DELETE …/time-entries/{id} removes it.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_create_time_entry', 'clockify_duplicate_time_entry', 'clockify_delete_time_entry'],
    covers: ['POST /workspaces/{ws}/time-entries', 'DELETE /workspaces/{ws}/time-entries/{id}'],
    write: true,
    check: (runtime, probe) => withTestObject(runtime, probe, 'time entry', (ctx, ws, name) => createTestEntry(runtime, ctx, ws, name), (ctx, ws, id) => deleteTestEntry(runtime, ctx, ws, id), [ID, ['timeInterval', ['object']], ['description', ['string']]]),
  },
  {
    id: 'tags.create',
    fact: 'POST /workspaces/{ws}/tags with {name} answers the new tag with id and name; DELETE …/tags/{id} removes it.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_create_tag', 'clockify_delete_tag'],
    covers: ['POST /workspaces/{ws}/tags', 'DELETE /workspaces/{ws}/tags/{id}'],
    write: true,
    check: (runtime, probe) =>
      withTestObject(
        runtime,
        probe,
        'tag',
        (ctx, ws, name) => runtime.api.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/tags', { workspace_id: ws }), anything, { operation: 'doctor: create tag', body: { name } }),
        (ctx, ws, id) => runtime.api.send(ctx, 'DELETE', vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: id }), { operation: 'doctor: delete tag' }),
        [ID, NAME],
      ),
  },
  {
    id: 'users',
    fact: 'GET /workspaces/{ws}/users lists members with id, name, email and status (names, emails and "me" resolve through it).',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_users', 'clockify_get_member_profile', 'clockify_list_user_managers', 'clockify_set_user_hourly_rate'],
    covers: ['GET /workspaces/{ws}/users', 'GET /workspaces/{ws}/member-profile/{id}', 'GET /workspaces/{ws}/users/{id}/managers', 'POST /workspaces/{ws}/users/info', 'PUT /workspaces/{ws}/users/{id}/hourly-rate'],
    check: listHas((ws) => `/workspaces/${ws}/users`, [ID, NAME, ['email', ['string']]]),
  },
  {
    id: 'projects',
    fact: 'GET /workspaces/{ws}/projects lists projects with id, name, clientId, billable, archived, hourlyRate {amount (cents), currency}.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_projects', 'clockify_get_project', 'clockify_create_project', 'clockify_update_project', 'clockify_delete_project', 'clockify_set_project_user_rate', 'clockify_update_project_memberships'],
    covers: ['GET /workspaces/{ws}/projects', 'POST /workspaces/{ws}/projects', 'GET /workspaces/{ws}/projects/{id}', 'PUT /workspaces/{ws}/projects/{id}', 'DELETE /workspaces/{ws}/projects/{id}', 'PUT /workspaces/{ws}/projects/{id}/users/{user}/hourly-rate', 'PATCH /workspaces/{ws}/projects/{id}/memberships'],
    check: listHas((ws) => `/workspaces/${ws}/projects`, [ID, NAME, ['billable', ['boolean']], ['archived', ['boolean']]]),
  },
  {
    id: 'clients',
    fact: 'GET /workspaces/{ws}/clients lists clients with id, name, archived.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_clients', 'clockify_get_client', 'clockify_create_client', 'clockify_update_client', 'clockify_delete_client'],
    covers: ['GET /workspaces/{ws}/clients', 'POST /workspaces/{ws}/clients', 'GET /workspaces/{ws}/clients/{id}', 'PUT /workspaces/{ws}/clients/{id}', 'DELETE /workspaces/{ws}/clients/{id}'],
    check: listHas((ws) => `/workspaces/${ws}/clients`, [ID, NAME]),
  },
  {
    id: 'tags',
    fact: 'GET /workspaces/{ws}/tags lists tags with id, name, archived.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_tags', 'clockify_get_tag', 'clockify_create_tag', 'clockify_update_tag', 'clockify_delete_tag'],
    covers: ['GET /workspaces/{ws}/tags', 'GET /workspaces/{ws}/tags/{id}', 'PUT /workspaces/{ws}/tags/{id}'],
    check: listHas((ws) => `/workspaces/${ws}/tags`, [ID, NAME, ['archived', ['boolean']]]),
  },
  {
    id: 'tasks',
    fact: "GET /workspaces/{ws}/projects/{id}/tasks lists a project's tasks with id, name, status.",
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_tasks', 'clockify_get_task', 'clockify_create_task', 'clockify_update_task', 'clockify_delete_task'],
    covers: ['GET /workspaces/{ws}/projects/{id}/tasks', 'POST /workspaces/{ws}/projects/{id}/tasks', 'GET /workspaces/{ws}/projects/{id}/tasks/{task}', 'PUT /workspaces/{ws}/projects/{id}/tasks/{task}', 'DELETE /workspaces/{ws}/projects/{id}/tasks/{task}'],
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
    covers: ['GET /workspaces/{ws}/user-groups', 'POST /workspaces/{ws}/user-groups', 'PUT /workspaces/{ws}/user-groups/{id}', 'DELETE /workspaces/{ws}/user-groups/{id}', 'POST /workspaces/{ws}/user-groups/{id}/users', 'DELETE /workspaces/{ws}/user-groups/{id}/users/{user}'],
    check: listHas((ws) => `/workspaces/${ws}/user-groups`, [ID, NAME, ['userIds', ['array']]]),
  },
  {
    id: 'webhooks',
    fact: "GET /workspaces/{ws}/webhooks answers {workspaceWebhookCount, webhooks}; create's 400s are 'already exists' (code 501) and 'doesn't belong to Workspace'; no quota answer is known.",
    confidence: 'confirmed',
    evidence: `${EVIDENCE}: the ledger's webhook 400s`,
    tools: ['clockify_list_webhooks', 'clockify_get_webhook', 'clockify_create_webhook', 'clockify_update_webhook', 'clockify_delete_webhook', 'clockify_get_webhook_logs', 'clockify_regenerate_webhook_token', 'clockify_list_addon_webhooks'],
    covers: ['GET /workspaces/{ws}/webhooks', 'POST /workspaces/{ws}/webhooks', 'GET /workspaces/{ws}/webhooks/{id}', 'PUT /workspaces/{ws}/webhooks/{id}', 'DELETE /workspaces/{ws}/webhooks/{id}', 'POST /workspaces/{ws}/webhooks/{id}/logs', 'PATCH /workspaces/{ws}/webhooks/{id}/token', 'GET /workspaces/{ws}/addons/{addon}/webhooks'],
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
    covers: ['POST /workspaces/{ws}/reports/summary', 'POST /workspaces/{ws}/reports/detailed', 'POST /workspaces/{ws}/reports/weekly', 'POST /workspaces/{ws}/reports/expenses/detailed'],
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
    covers: ['GET /workspaces/{ws}/shared-reports', 'POST /workspaces/{ws}/shared-reports', 'PUT /workspaces/{ws}/shared-reports/{id}', 'DELETE /workspaces/{ws}/shared-reports/{id}', 'GET /shared-reports/{id}'],
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
    covers: ['GET /workspaces/{ws}/templates', 'POST /workspaces/{ws}/templates', 'DELETE /workspaces/{ws}/templates/{id}'],
    check: listHas((ws) => `/workspaces/${ws}/templates`, [ID, NAME]),
  },
  {
    id: 'scheduling_holidays_changes',
    fact: 'Assignments, holidays and entity-change feeds answer lists as the specs say.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_assignments', 'clockify_list_holidays', 'clockify_list_holidays_in_period', 'clockify_list_created_entities', 'clockify_list_deleted_entities', 'clockify_list_updated_entities'],
    covers: ['GET /workspaces/{ws}/scheduling/assignments/all', 'GET /workspaces/{ws}/holidays', 'GET /workspaces/{ws}/holidays/in-period', 'GET /workspaces/{ws}/entities/{type}'],
    check: listHas((ws) => `/workspaces/${ws}/holidays`, [ID, NAME], {}),
  },
  {
    id: 'paging',
    fact: 'Lists page with page (1-based) and page-size: page 2 of page-size 1 answers the second row, not the first again.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_list_users', 'clockify_list_projects', 'clockify_list_clients', 'clockify_list_tags', 'clockify_list_tasks', 'clockify_list_time_entries'],
    covers: ['GET /workspaces/{ws}/users'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const page = async (n: number) => {
        const answer = await runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/users', { workspace_id: ws }), anything, { operation: 'doctor: paging', query: { page: n, 'page-size': 1 } });
        return Array.isArray(answer) ? answer.map(asRow) : undefined;
      };
      const first = await page(1);
      if (!first) return differs('the member list is not a list');
      if (first.length > 1) return differs(`page-size 1 answered ${first.length} rows: paging is ignored (the tools then read the whole list)`);
      const second = await page(2);
      if (!first.length || !second?.length) return couldNotCheck('fewer than 2 members in this workspace');
      return second[0]?.id !== undefined && second[0]?.id !== first[0]?.id ? holds('page 2 of page-size 1 answered another member than page 1') : differs('page 2 answered the same member as page 1');
    },
  },
  {
    id: 'enums.summary_groups',
    fact: `Summary reports take each group the tools send (${SUMMARY_GROUPS.map((g) => g.toUpperCase()).join(', ')}).`,
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['clockify_get_summary_report'],
    covers: ['POST /workspaces/{ws}/reports/summary'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const day = new Date().toISOString().slice(0, 10);
      const refused: string[] = [];
      for (const group of SUMMARY_GROUPS.map((g) => g.toUpperCase())) {
        try {
          await runtime.reports.call(ctx, 'POST', vendorPath('/workspaces/{workspace_id}/reports/summary', { workspace_id: ws }), anything, {
            operation: 'doctor: summary group',
            idempotent: true,
            body: { dateRangeStart: `${day}T00:00:00.000`, dateRangeEnd: `${day}T23:59:59.999`, timeZone: 'UTC', summaryFilter: { groups: [group] }, exportType: 'JSON' },
          });
        } catch (error) {
          if ((error as { vendorStatus?: number }).vendorStatus !== 400) throw error;
          refused.push(group);
        }
      }
      return refused.length ? differs(`HTTP 400 for group ${refused.join(', ')}`) : holds(`each of ${SUMMARY_GROUPS.length} groups answered`);
    },
  },
  {
    id: 'enums.change_types',
    fact: `The entity change feeds take each type code the tools send (${Object.values(CHANGE_TYPES).join(', ')}).`,
    confidence: 'likely',
    evidence: `${EVIDENCE}: the official spec lists eight codes, the corrected spec the rest`,
    tools: ['clockify_list_created_entities', 'clockify_list_updated_entities', 'clockify_list_deleted_entities'],
    covers: ['GET /workspaces/{ws}/entities/{type}'],
    async check(runtime, probe) {
      const ctx = ctxOf(runtime, probe);
      const ws = await workspace(runtime, probe);
      const end = new Date();
      const start = new Date(end.getTime() - 86_400_000);
      const refused: string[] = [];
      for (const type of Object.values(CHANGE_TYPES)) {
        try {
          await runtime.api.request(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/entities/{kind}', { workspace_id: ws, kind: 'created' }), {
            operation: 'doctor: change type',
            query: { type, start: start.toISOString(), end: end.toISOString(), page: 0, limit: 1 },
          });
        } catch (error) {
          if ((error as { vendorStatus?: number }).vendorStatus !== 400) throw error;
          refused.push(type);
        }
      }
      return refused.length ? differs(`HTTP 400 for type ${refused.join(', ')}`) : holds(`each of ${Object.keys(CHANGE_TYPES).length} type codes answered`);
    },
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
