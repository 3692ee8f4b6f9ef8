/**
 * What the OneDesk tools assume about OneDesk's Public API, with the
 * confidence from shared/vendors/EVIDENCE.md and the live check
 * `deskgate doctor --deep onedesk` runs with the shared key. Read-only, even
 * with --write-check: OneDesk has no DELETE and no confirmed archive, so no
 * write check could clean up after itself.
 */
import { checkFieldGroups, couldNotCheck, differs, holds, typeOf, type Probe, type VendorAssumption } from '../../src/doctor/assumptions';
import { testPrincipalFor } from '../../src/doctor/principal';
import { ITEM_KEYS } from './items';
import type { OnedeskContext, OnedeskRuntime } from './runtime';
import { createdBeforeTomorrow, isRecord, onedeskCall, type FILTER_PROPERTIES, type FilterProperty, type OnedeskResource, type Row } from './vendor';
import { toVendorPath, vendorPath, type VendorPath } from '../../src/vendor-http/path';

const ITEM_LISTS = ['onedesk_list_items'];
const ITEM_GETS = ['onedesk_get_item'];
const EVIDENCE = 'shared/vendors/EVIDENCE.md (OneDesk)';

function ctxOf(runtime: OnedeskRuntime, probe: Probe): OnedeskContext {
  return { principal: testPrincipalFor('doctor'), runtime, log: probe.log, requestId: 'doctor', signal: probe.signal };
}

/** One raw filter answer (the envelope, unparsed), or the failure's status. */
async function rawFilter(runtime: OnedeskRuntime, probe: Probe, resource: string, properties: FilterProperty[], limit = 5, offset = 0, itemType?: string[]): Promise<Row> {
  const body: Row = { properties, isAsc: false, limit, offset };
  if (itemType) body.itemType = itemType;
  return onedeskCall(ctxOf(runtime, probe), { method: 'POST', path: toVendorPath(`/${resource}/filter/details`), body, operation: `doctor: filter ${resource}`, idempotent: true });
}

const firstItems = (runtime: OnedeskRuntime, probe: Probe) => probe.once('items', () => rawFilter(runtime, probe, 'items', [createdBeforeTomorrow()], 5));

function notAppliedNames(answer: Row): string[] {
  const out: string[] = [];
  for (const key of ['notAppliedPropertyFilters', 'notAppliedCustomFieldFilters']) {
    const list = answer[key];
    if (!Array.isArray(list)) continue;
    for (const e of list) out.push(typeof e === 'string' ? e : isRecord(e) ? String(e.property ?? e.name ?? '') : '');
  }
  return out.filter(Boolean);
}

/** Whether OneDesk applies a filter property: it must not come back in notAppliedPropertyFilters, nor be refused. */
function filterApplied(resource: string, property: string, value: (runtime: OnedeskRuntime, probe: Probe) => Promise<FilterProperty['value'] | undefined>, operation: FilterProperty['operation'] = 'EQ') {
  return async (runtime: OnedeskRuntime, probe: Probe) => {
    const v = await value(runtime, probe);
    if (v === undefined) return couldNotCheck(`no ${resource} value to filter on in this account`);
    try {
      const answer = await rawFilter(runtime, probe, resource, [{ property, operation, value: v }], 1);
      if (notAppliedNames(answer).includes(property)) return differs(`POST /${resource}/filter/details answered with ${property} in notAppliedPropertyFilters`);
      return holds(`POST /${resource}/filter/details applied ${property} ${operation} (${Array.isArray(answer.data) ? answer.data.length : 0} row(s))`);
    } catch (error) {
      const status = (error as { vendorStatus?: number }).vendorStatus;
      if (status === 400) return differs(`POST /${resource}/filter/details with ${property} answered HTTP 400`);
      throw error;
    }
  };
}

const firstRow = async (runtime: OnedeskRuntime, probe: Probe): Promise<Row | undefined> => {
  const answer = await firstItems(runtime, probe);
  return Array.isArray(answer.data) ? answer.data.find(isRecord) : undefined;
};
const firstField = (field: string) => async (runtime: OnedeskRuntime, probe: Probe) => {
  const row = await firstRow(runtime, probe);
  const value = row?.[field];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
};

/** Reads the first row of a resource, then gets it by the path built from it. */
function getFirstOf(resource: string, pathOf: (row: Row) => VendorPath | undefined) {
  return async (runtime: OnedeskRuntime, probe: Probe) => {
    const list = await rawFilter(runtime, probe, resource, [createdBeforeTomorrow()], 1);
    const row = Array.isArray(list.data) ? list.data.find(isRecord) : undefined;
    const path = row ? pathOf(row) : undefined;
    if (!path) return couldNotCheck(`no ${resource} row with an id in this account`);
    const answer = await onedeskCall(ctxOf(runtime, probe), { method: 'GET', path, operation: `doctor: get ${resource}` });
    return isRecord(answer.data) ? holds(`answered one ${resource} object`) : differs(`data is ${typeOf(answer.data)}`);
  };
}

const firstOf = (resource: OnedeskResource) => async (runtime: OnedeskRuntime, probe: Probe): Promise<Row | undefined> => {
  const answer = await probe.once(`first:${resource}`, () => rawFilter(runtime, probe, resource, [createdBeforeTomorrow()], 1));
  return Array.isArray(answer.data) ? answer.data.find(isRecord) : undefined;
};
const fieldOf = (resource: OnedeskResource, field: string) => async (runtime: OnedeskRuntime, probe: Probe) => {
  const value = (await firstOf(resource)(runtime, probe))?.[field];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
};
/** The first user's external id, the form the tools send for assignees and authors. */
const userExternalId = fieldOf('users', 'externalId');

type FilterValue = (runtime: OnedeskRuntime, probe: Probe) => Promise<FilterProperty['value'] | undefined>;

interface FilterCheck {
  property: string;
  operation: FilterProperty['operation'];
  tools: string[];
  confidence?: 'confirmed' | 'unknown';
  /** A value in the form the tools send (a date-time for dateStart, a date for creationTime, a number for ids). */
  value: FilterValue;
  fact?: string;
}

/** The tools behind each resource's always-true filter (names, user lookups and plain lists). */
const ALWAYS_TRUE_TOOLS: Record<OnedeskResource, string[]> = {
  items: ITEM_LISTS,
  projects: ['onedesk_list_projects', ...ITEM_LISTS],
  users: [...ITEM_LISTS, 'onedesk_list_worklogs', 'onedesk_update_item'],
  timesheets: ['onedesk_list_worklogs'],
  conversations: [],
  'conversation-messages': [],
  attachments: [],
};

const MESSAGE_TOOLS = ['onedesk_list_comments', 'onedesk_list_messages'];
const itemId = fieldOf('items', 'id');
const itemExternalId = fieldOf('items', 'externalId');

/** One check per filter property the tools send (vendor.ts FILTER_PROPERTIES), in the form they send it. */
const FILTER_CHECKS: { [R in OnedeskResource]: Record<(typeof FILTER_PROPERTIES)[R][number], FilterCheck | 'always-true'> } = {
  items: {
    creationTime: { property: 'creationTime', operation: 'GT', tools: ITEM_LISTS, confidence: 'confirmed', value: async () => '2000-01-01', fact: 'Items filter on creationTime GT a YYYY-MM-DD date (created_after).' },
    name: { property: 'name', operation: 'CONTAINS', tools: ITEM_LISTS, confidence: 'confirmed', value: async (r, p) => String((await fieldOf('items', 'name')(r, p)) ?? '').slice(0, 3) || undefined },
    lifecycleStatus: {
      property: 'lifecycleStatus',
      operation: 'EQ',
      tools: ITEM_LISTS,
      fact: 'Items filter on lifecycleStatus EQ a status name.',
      value: async (runtime, probe) => {
        const s = (await firstOf('items')(runtime, probe))?.lifecycleStatus;
        return typeof s === 'string' ? s : isRecord(s) && typeof s.name === 'string' ? s.name : undefined;
      },
    },
    projectId: { property: 'projectId', operation: 'EQ', tools: ITEM_LISTS, value: async (r, p) => (await fieldOf('projects', 'id')(r, p)) ?? (await fieldOf('items', 'projectId')(r, p)) },
    projectExternalId: { property: 'projectExternalId', operation: 'EQ', tools: ITEM_LISTS, value: fieldOf('projects', 'externalId') },
    assignees: { property: 'assignees', operation: 'CONTAINS', tools: ITEM_LISTS, fact: 'Items filter on assignees CONTAINS a user external id.', value: userExternalId },
  },
  projects: { creationTime: 'always-true', name: { property: 'name', operation: 'CONTAINS', tools: ['onedesk_list_projects'], value: async (r, p) => String((await fieldOf('projects', 'name')(r, p)) ?? '').slice(0, 3) || undefined } },
  users: { creationTime: 'always-true' },
  timesheets: {
    creationTime: 'always-true',
    itemId: { property: 'itemId', operation: 'EQ', tools: ['onedesk_list_worklogs', 'onedesk_create_worklog'], value: itemId },
    itemExternalId: { property: 'itemExternalId', operation: 'EQ', tools: ['onedesk_list_worklogs', 'onedesk_create_worklog'], value: itemExternalId },
    authorExternalId: { property: 'authorExternalId', operation: 'EQ', tools: ['onedesk_list_worklogs'], value: userExternalId },
    dateStart: { property: 'dateStart', operation: 'GE', tools: ['onedesk_list_worklogs'], fact: 'Timesheets filter on dateStart GE/LT an ISO date-time (the form the tools send).', value: async () => '2000-01-01T00:00:00.000Z' },
  },
  conversations: {
    creationTime: 'always-true',
    itemId: { property: 'itemId', operation: 'EQ', tools: ['onedesk_add_comment'], fact: "An item's conversation is found by filtering conversations on itemId.", value: itemId },
    itemExternalId: { property: 'itemExternalId', operation: 'EQ', tools: ['onedesk_add_comment'], value: itemExternalId },
  },
  'conversation-messages': {
    creationTime: 'always-true',
    itemId: { property: 'itemId', operation: 'EQ', tools: MESSAGE_TOOLS, fact: "An item's messages are found by filtering conversation-messages on itemId.", value: itemId },
    itemExternalId: { property: 'itemExternalId', operation: 'EQ', tools: MESSAGE_TOOLS, value: itemExternalId },
    conversationExternalId: { property: 'conversationExternalId', operation: 'EQ', tools: ['onedesk_list_messages'], value: fieldOf('conversations', 'externalId') },
    content: { property: 'content', operation: 'CONTAINS', tools: ['onedesk_list_messages'], value: async () => 'e' },
  },
  attachments: {
    creationTime: 'always-true',
    itemId: { property: 'itemId', operation: 'EQ', tools: ['onedesk_list_attachments'], fact: "An item's attachments are found by filtering attachments on itemId.", value: itemId },
    itemExternalId: { property: 'itemExternalId', operation: 'EQ', tools: ['onedesk_list_attachments'], value: itemExternalId },
  },
};

/** The always-true creationTime LT tomorrow each list sends when it has no filter: it must be accepted; OneDesk ignoring it is harmless. */
function alwaysTrueAccepted(resource: OnedeskResource) {
  return async (runtime: OnedeskRuntime, probe: Probe) => {
    try {
      const answer = await probe.once(`first:${resource}`, () => rawFilter(runtime, probe, resource, [createdBeforeTomorrow()], 1));
      if (!Array.isArray(answer.data)) return differs(`data is ${typeOf(answer.data)}, not an array`);
      const ignored = notAppliedNames(answer).includes('creationTime');
      return holds(`POST /${resource}/filter/details with creationTime LT tomorrow answered ${answer.data.length} row(s)${ignored ? ' (reported not applied: harmless, it only stands in for no filter)' : ''}`);
    } catch (error) {
      const status = (error as { vendorStatus?: number }).vendorStatus;
      if (status === 400) return differs(`POST /${resource}/filter/details with creationTime LT tomorrow answered HTTP 400: lists with no filter fail`);
      throw error;
    }
  };
}

function filterChecks(): VendorAssumption<OnedeskRuntime>[] {
  const out: VendorAssumption<OnedeskRuntime>[] = [];
  for (const [resource, checks] of Object.entries(FILTER_CHECKS) as [OnedeskResource, Record<string, FilterCheck | 'always-true'>][]) {
    for (const [property, check] of Object.entries(checks)) {
      const covers = [`POST /${resource}/filter/details property ${property}`];
      if (check === 'always-true') {
        out.push({
          id: `${resource}.filter.${property}`,
          fact: `POST /${resource}/filter/details accepts the always-true creationTime LT tomorrow (YYYY-MM-DD) a list sends when it has no filter.`,
          confidence: resource === 'items' ? 'confirmed' : 'unknown',
          evidence: `${EVIDENCE}: ${resource === 'items' ? 'integrations send it' : 'the path only'}`,
          tools: ALWAYS_TRUE_TOOLS[resource],
          covers,
          check: alwaysTrueAccepted(resource),
        });
        continue;
      }
      out.push({
        id: `${resource}.filter.${property}`,
        fact: check.fact ?? `${resource} filter on ${property} ${check.operation}.`,
        confidence: check.confidence ?? 'unknown',
        evidence: check.confidence === 'confirmed' ? EVIDENCE : `${EVIDENCE}: the property name is our guess`,
        tools: check.tools,
        covers,
        check: filterApplied(resource, property, check.value, check.operation),
      });
    }
  }
  return out;
}

export const onedeskAssumptions: VendorAssumption<OnedeskRuntime>[] = [
  {
    id: 'envelope',
    fact: 'Every answer is the {code: "SUCCESS", data} envelope; GET /organization/profileAndPolicy answers data.organizationName.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['onedesk_get_organization'],
    covers: ['GET /organization/profileAndPolicy'],
    async check(runtime, probe) {
      const answer = await onedeskCall(ctxOf(runtime, probe), { method: 'GET', path: vendorPath('/organization/profileAndPolicy'), operation: 'doctor: profile' });
      const data = answer.data;
      return isRecord(data) && typeof data.organizationName === 'string'
        ? holds('code SUCCESS, data.organizationName is a string')
        : differs(`data.organizationName is ${isRecord(data) ? typeOf(data.organizationName) : typeOf(data)}`);
    },
  },
  {
    id: 'organization.itemTypes',
    fact: 'GET /organization/itemTypes lists the item types, each with a label (tickets, tasks, issues, feedback and requirements are found by it).',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: [...ITEM_LISTS, ...ITEM_GETS, 'onedesk_create_item'],
    covers: ['GET /organization/itemTypes'],
    async check(runtime, probe) {
      const answer = await onedeskCall(ctxOf(runtime, probe), { method: 'GET', path: vendorPath('/organization/itemTypes'), operation: 'doctor: item types' });
      const list = Array.isArray(answer.data) ? answer.data.filter(isRecord) : [];
      if (!list.length) return differs(`data is ${typeOf(answer.data)} with no item type objects`);
      const labelled = list.filter((t) => typeof t.label === 'string').length;
      return labelled === list.length ? holds(`${list.length} item types, each with a string label`) : differs(`${list.length - labelled} of ${list.length} item types have no string label`);
    },
  },
  {
    id: 'organization.lifecycleStatus',
    fact: 'GET /organization/lifecycleStatus lists the lifecycle statuses with their names (the status filter and names).',
    confidence: 'likely',
    evidence: `${EVIDENCE}: the path only`,
    tools: ITEM_LISTS,
    covers: ['GET /organization/lifecycleStatus'],
    async check(runtime, probe) {
      const answer = await onedeskCall(ctxOf(runtime, probe), { method: 'GET', path: vendorPath('/organization/lifecycleStatus'), operation: 'doctor: statuses' });
      const list = Array.isArray(answer.data) ? answer.data.filter(isRecord) : [];
      if (!list.length) return differs(`data is ${typeOf(answer.data)} with no status objects`);
      const named = list.filter((s) => typeof s.name === 'string' || typeof s.label === 'string').length;
      return named === list.length ? holds(`${list.length} statuses, each named`) : differs(`${list.length - named} of ${list.length} statuses have no name or label`);
    },
  },
  {
    id: 'items.filter',
    fact: 'POST /items/filter/details with properties, limit, offset answers rows in data and totalNum.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ITEM_LISTS,
    covers: ['POST /items/filter/details'],
    async check(runtime, probe) {
      const answer = await firstItems(runtime, probe);
      if (!Array.isArray(answer.data)) return differs(`data is ${typeOf(answer.data)}, not an array`);
      return typeof answer.totalNum === 'number' ? holds(`data is an array (${answer.data.length} rows), totalNum is a number`) : differs(`totalNum is ${typeOf(answer.totalNum)}`);
    },
  },
  {
    id: 'items.fields',
    fact: 'Item rows carry id, externalId, name, a type label, a lifecycle status, a creation and a last-update time (under one of the names the mapper reads).',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: field names from integrations' rows`,
    tools: [...ITEM_LISTS, ...ITEM_GETS],
    async check(runtime, probe) {
      const row = await firstRow(runtime, probe);
      if (!row) return couldNotCheck('this account has no items');
      // The names the item mapper reads (items.ts ITEM_KEYS), so the check follows what the tools read.
      return checkFieldGroups(row, [
        ['id', ['id'], ['number']],
        ['externalId', ['externalId'], ['string']],
        ['name', ['name'], ['string']],
        ['type', ITEM_KEYS.type, ['string', 'object']],
        ['status', [...ITEM_KEYS.status, ...ITEM_KEYS.statusId], ['string', 'object', 'number']],
        ['created', ITEM_KEYS.created, ['string', 'number']],
        ['updated', ITEM_KEYS.updated, ['string', 'number']],
      ]);
    },
  },
  {
    id: 'items.filter.empty',
    fact: 'An empty properties list is accepted (the gateway sends creationTime LT tomorrow instead, as integrations do).',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: every integration sends at least one filter`,
    tools: [],
    async check(runtime, probe) {
      try {
        const answer = await rawFilter(runtime, probe, 'items', [], 1);
        return Array.isArray(answer.data) ? holds('properties: [] answered rows') : differs(`data is ${typeOf(answer.data)}`);
      } catch (error) {
        const status = (error as { vendorStatus?: number }).vendorStatus;
        if (status !== undefined) return differs(`properties: [] answered HTTP ${status} (the gateway never sends it)`);
        throw error;
      }
    },
  },
  {
    id: 'items.filter.creationTime.datetime',
    fact: 'creationTime values are YYYY-MM-DD; whether a full date-time is taken too is unknown (the gateway sends dates).',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: only YYYY-MM-DD seen`,
    tools: [],
    async check(runtime, probe) {
      try {
        const answer = await rawFilter(runtime, probe, 'items', [{ property: 'creationTime', operation: 'LT', value: `${createdBeforeTomorrow().value}T00:00:00.000Z` }], 1);
        return notAppliedNames(answer).includes('creationTime') ? differs('a date-time creationTime was not applied') : holds('a date-time creationTime was applied too');
      } catch (error) {
        const status = (error as { vendorStatus?: number }).vendorStatus;
        if (status !== undefined) return differs(`a date-time creationTime answered HTTP ${status} (the gateway sends dates)`);
        throw error;
      }
    },
  },
  {
    id: 'items.paging',
    fact: 'offset pages: offset 1 limit 1 answers the second row of offset 0 limit 2.',
    confidence: 'likely',
    evidence: EVIDENCE,
    tools: ITEM_LISTS,
    async check(runtime, probe) {
      const two = await rawFilter(runtime, probe, 'items', [createdBeforeTomorrow()], 2, 0);
      const rows = Array.isArray(two.data) ? two.data.filter(isRecord) : [];
      if (rows.length < 2) return couldNotCheck('fewer than 2 items in this account');
      const second = await rawFilter(runtime, probe, 'items', [createdBeforeTomorrow()], 1, 1);
      const row = Array.isArray(second.data) ? second.data.find(isRecord) : undefined;
      return row && row.id === rows[1]!.id ? holds('offset 1 answered the second row') : differs('offset 1 did not answer the second row');
    },
  },
  ...filterChecks(),
  {
    id: 'items.limit',
    fact: `OneDesk honours a limit above 20 (the most integrations ask for); until shown, ONEDESK_PAGE_SIZE stays 20.`,
    confidence: 'unknown',
    evidence: `${EVIDENCE}: integrations use 20`,
    tools: [],
    async check(runtime, probe) {
      let answer: Row;
      try {
        answer = await rawFilter(runtime, probe, 'items', [createdBeforeTomorrow()], 50);
      } catch (error) {
        const status = (error as { vendorStatus?: number }).vendorStatus;
        if (status === 400) return differs('limit 50 answered HTTP 400: keep ONEDESK_PAGE_SIZE at 20');
        throw error;
      }
      const total = typeof answer.totalNum === 'number' ? answer.totalNum : undefined;
      const count = Array.isArray(answer.data) ? answer.data.length : 0;
      if (total !== undefined && total <= 20) return couldNotCheck(`only ${total} items: cannot tell whether more than 20 come back`);
      return count > 20 ? holds(`limit 50 answered ${count} rows: ONEDESK_PAGE_SIZE=50 is safe`) : differs(`limit 50 answered ${count} rows of ${total ?? '?'}: keep ONEDESK_PAGE_SIZE at 20`);
    },
  },
  {
    id: 'items.get',
    fact: 'GET /items/id/{id} answers one item with its type label.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ITEM_GETS,
    covers: ['GET /items/id/{id}', 'GET /items/externalId/{external_id}'],
    async check(runtime, probe) {
      const id = await firstField('id')(runtime, probe);
      if (id === undefined) return couldNotCheck('this account has no items');
      const answer = await onedeskCall(ctxOf(runtime, probe), { method: 'GET', path: vendorPath('/items/id/{id}', { id: id as string | number }), operation: 'doctor: get item' });
      return isRecord(answer.data) && answer.data.id === id ? holds('answered the item with the same id') : differs(`data is ${typeOf(answer.data)} without the same id`);
    },
  },
  {
    id: 'timesheets.get',
    fact: 'GET /timesheets/id/{id} answers one timesheet.',
    confidence: 'likely',
    evidence: `${EVIDENCE}: the path only`,
    tools: ['onedesk_get_timesheet'],
    covers: ['GET /timesheets/id/{id}', 'GET /timesheets/externalId/{external_id}'],
    check: getFirstOf('timesheets', (row) => (typeof row.id === 'number' ? vendorPath('/timesheets/id/{id}', { id: row.id }) : undefined)),
  },
  {
    id: 'messages.get',
    fact: 'GET /conversation-messages/externalId/{x} answers one message.',
    confidence: 'likely',
    evidence: `${EVIDENCE}: the path only`,
    tools: ['onedesk_get_comment'],
    covers: ['GET /conversation-messages/externalId/{external_id}'],
    check: getFirstOf('conversation-messages', (row) => (typeof row.externalId === 'string' ? vendorPath('/conversation-messages/externalId/{external_id}', { external_id: row.externalId }) : undefined)),
  },
  {
    id: 'writes.bodies',
    fact: 'Item create/update, timesheet create and comment bodies are accepted as sent.',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: item create/update and message bodies confirmed; timesheet and conversation create bodies unknown`,
    tools: ['onedesk_create_item', 'onedesk_update_item', 'onedesk_create_worklog', 'onedesk_add_comment'],
    covers: ['POST /items/', 'POST /items/id/{id}', 'POST /items/externalId/{external_id}', 'POST /timesheets/', 'POST /conversations/', 'POST /conversation-messages/'],
    // Not a write check: no confirmed call could remove the test object, so nothing is created even with --write-check.
    async check() {
      return couldNotCheck(
        'not created, even with --write-check: OneDesk\'s Public API has no DELETE for any object, and no confirmed update archives or closes one (the confirmed item update takes name, description, priority and percentComplete only), so a test item, worklog or comment would stay in the account. Item create/update and message bodies are confirmed by public integrations; timesheet and conversation create bodies are not',
      );
    },
  },
];
