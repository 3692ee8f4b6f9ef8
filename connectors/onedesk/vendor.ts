import { GatewayError, unsupportedByVendor } from '../../src/errors';
import type { HttpMethod } from '../../src/vendor-http/types';
import { CONNECTOR, envelopeError, filterWordsOf } from './errors';
import type { OnedeskContext } from './runtime';
import { vendorPath, type VendorPath } from '../../src/vendor-http/path';

/**
 * The one way tools talk to OneDesk: through the caller's vendor client
 * (`pool.for(ctx)`), unwrapping the `{code, data}` envelope. A missing or
 * non-SUCCESS envelope is an error here even if checkBody let it through,
 * so nothing but SUCCESS ever becomes data.
 */

export type Row = Record<string, unknown>;

export const isRecord = (value: unknown): value is Row => value !== null && typeof value === 'object' && !Array.isArray(value);

interface CallOptions {
  method: HttpMethod;
  /** Built by vendorPath (src/vendor-http/path.ts): ids are checked and encoded there, once. */
  path: VendorPath;
  body?: unknown;
  operation: string;
  /** Filters are POSTs that only read: safe to repeat on 429/5xx. */
  idempotent?: boolean;
}

export async function onedeskCall(ctx: OnedeskContext, options: CallOptions): Promise<Row> {
  const http = ctx.runtime.pool.for(ctx);
  const response = await http.request({
    method: options.method,
    path: options.path,
    body: options.body,
    operation: options.operation,
    idempotent: options.idempotent,
    signal: ctx.signal,
    deadline: ctx.deadline,
  });
  const body = response.body;
  if (!isRecord(body) || body.code !== 'SUCCESS') throw envelopeError(body, options.operation, response.status);
  return body;
}

export async function onedeskGet(ctx: OnedeskContext, path: VendorPath, operation: string): Promise<unknown> {
  return (await onedeskCall(ctx, { method: 'GET', path, operation })).data;
}

/** A POST that writes (create, update): never re-sent once it may have reached OneDesk. */
export async function onedeskWrite(ctx: OnedeskContext, path: VendorPath, body: unknown, operation: string): Promise<unknown> {
  return (await onedeskCall(ctx, { method: 'POST', path, body, operation })).data;
}

export function missing(what: string, operation: string): GatewayError {
  return new GatewayError('upstream_error', `OneDesk's answer to "${operation}" lacked ${what}.`, {
    connector: CONNECTOR,
    retryable: false,
    hint: 'Retry once later; if it persists, OneDesk may have changed its API: report it to the gateway operator.',
  });
}

/** The OneDesk collections the tools read and write (`/<resource>/filter/details`, `/<resource>/id/{id}`, …). */
export type OnedeskResource = 'items' | 'projects' | 'users' | 'timesheets' | 'conversations' | 'conversation-messages' | 'attachments';

export interface FilterProperty {
  property: string;
  operation: 'EQ' | 'CONTAINS' | 'NOT_EMPTY' | 'LT' | 'LE' | 'GT' | 'GE';
  value: string | number | boolean;
}

export interface FilterRequest {
  properties: FilterProperty[];
  limit: number;
  offset: number;
  itemType?: string[];
}

export interface FilterAnswer {
  rows: Row[];
  /** OneDesk's `totalNum`, when it sent one. */
  total: number | undefined;
  /** The endpoint that answered, e.g. "/items/filter/details". */
  endpoint: string;
  /** What the model reads about which filter ran. */
  ran: { endpoint: string; item_type: string | null; properties: FilterProperty[]; offset: number; limit: number };
}

/** Property names from OneDesk's `notApplied…` lists (strings or {property}). */
function notApplied(body: Row): string[] {
  const names: string[] = [];
  for (const key of ['notAppliedPropertyFilters', 'notAppliedCustomFieldFilters']) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry === 'string') names.push(entry);
      else if (isRecord(entry) && typeof entry.property === 'string') names.push(entry.property);
      else if (isRecord(entry) && typeof entry.name === 'string') names.push(entry.name);
    }
  }
  return names;
}

/**
 * Every filter property the tools send, by resource: each one is an
 * assumption `deskgate doctor --deep onedesk` checks (connectors/onedesk/
 * assumptions.ts, one check per property, tied by a test), and
 * onedeskFilter refuses to send one that is not listed here, so a new
 * property cannot reach OneDesk unchecked. `creationTime` is the always-true
 * filter every list sends when it has none (and items' created_after).
 */
export const FILTER_PROPERTIES = {
  items: ['creationTime', 'name', 'lifecycleStatus', 'projectId', 'projectExternalId', 'assignees'],
  projects: ['creationTime', 'name'],
  users: ['creationTime'],
  timesheets: ['creationTime', 'itemId', 'itemExternalId', 'authorExternalId', 'dateStart'],
  conversations: ['creationTime', 'itemId', 'itemExternalId'],
  'conversation-messages': ['creationTime', 'itemId', 'itemExternalId', 'conversationExternalId', 'content'],
  attachments: ['creationTime', 'itemId', 'itemExternalId'],
} as const satisfies Record<OnedeskResource, readonly string[]>;

/** Rows per filter request unless ONEDESK_PAGE_SIZE says otherwise: public integrations are only seen asking for 20. */
export const VENDOR_PAGE_SIZE = 20;

/**
 * Every public integration sends at least one filter (whether OneDesk takes
 * an empty `properties` is unknown), typically this always-true one.
 */
export function createdBeforeTomorrow(now = new Date()): FilterProperty {
  return { property: 'creationTime', operation: 'LT', value: new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10) };
}

/** `creationTime` values go as YYYY-MM-DD, the only form seen accepted (a day's granularity). */
function vendorProperty(p: FilterProperty): FilterProperty {
  if (p.property === 'creationTime' && typeof p.value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(p.value)) {
    return { ...p, value: p.value.slice(0, 10) };
  }
  return p;
}

function unsupportedFilter(properties: string[], operation: string, vendorStatus?: number): GatewayError {
  return unsupportedByVendor(`OneDesk does not apply the filter on ${properties.join(', ')} for "${operation}" (for this account), so the rows would not match what was asked; this is not an empty list.`, {
    connector: CONNECTOR,
    vendorStatus,
    retryable: false,
    hint: 'Call again without that filter and narrow the rows yourself, or use another filter; `deskgate doctor --deep onedesk` lists every filter OneDesk ignores.',
  });
}

/** A 400 that names one of the request's filter properties: OneDesk does not know it. */
function refusedProperty(thrown: unknown, properties: FilterProperty[]): string[] {
  if (!(thrown instanceof GatewayError) || thrown.vendorStatus !== 400) return [];
  const words = filterWordsOf(thrown);
  return properties.map((p) => p.property).filter((name) => name !== 'creationTime' && words.has(name));
}

/**
 * `POST /<resource>/filter/details`: `request.limit` rows from
 * `request.offset`, asked in requests of at most the runtime's page size.
 * When OneDesk answers 404 or 405 the endpoint is missing for this key, and
 * the answer says so (naming the path) instead of an empty list. When
 * OneDesk reports that it did not apply one of the filters, the rows are not
 * what was asked for: that is an error too, remembered so that the next list
 * needing that filter is refused before any request.
 */
export async function onedeskFilter(ctx: OnedeskContext, resource: OnedeskResource, request: FilterRequest, operation: string): Promise<FilterAnswer> {
  const endpoint = `/${resource}/filter/details` as const;
  const listed: readonly string[] = FILTER_PROPERTIES[resource];
  const unlisted = request.properties.filter((p) => !listed.includes(p.property)).map((p) => p.property);
  if (unlisted.length) throw new Error(`OneDesk filter property ${unlisted.join(', ')} on ${resource} is not in FILTER_PROPERTIES: list it there and give it a doctor check in assumptions.ts`);
  const known = request.properties.filter((p) => ctx.runtime.unsupportedFilters.has(`${resource}:${p.property}`)).map((p) => p.property);
  if (known.length) throw unsupportedFilter(known, operation);
  // The always-true filter stands in for "no filter": OneDesk not applying it changes nothing, so it never fails the list.
  const alwaysTrue = request.properties.length ? undefined : createdBeforeTomorrow(ctx.runtime.now());
  const properties = (alwaysTrue ? [alwaysTrue] : request.properties).map(vendorProperty);
  const pageSize = Math.max(1, ctx.runtime.pageSize);
  const rows: Row[] = [];
  let total: number | undefined;
  while (rows.length < request.limit) {
    const asked = Math.min(pageSize, request.limit - rows.length);
    const page = await filterPage(ctx, resource, { ...request, properties, offset: request.offset + rows.length, limit: asked }, operation, alwaysTrue === undefined);
    rows.push(...page.rows);
    total = page.total ?? total;
    const exhausted = page.rows.length < asked || (total !== undefined && request.offset + rows.length >= total);
    if (exhausted) break;
  }
  return {
    rows,
    total,
    endpoint,
    ran: { endpoint, item_type: request.itemType?.[0] ?? null, properties: request.properties, offset: request.offset, limit: request.limit },
  };
}

async function filterPage(ctx: OnedeskContext, resource: OnedeskResource, request: FilterRequest, operation: string, asked: boolean): Promise<{ rows: Row[]; total: number | undefined }> {
  const endpoint = `/${resource}/filter/details` as const;
  const body: Row = { properties: request.properties, isAsc: false, limit: request.limit, offset: request.offset };
  if (request.itemType) body.itemType = request.itemType;
  let answer: Row;
  try {
    answer = await onedeskCall(ctx, { method: 'POST', path: vendorPath(endpoint), body, operation, idempotent: true });
  } catch (thrown) {
    if (thrown instanceof GatewayError && (thrown.vendorStatus === 404 || thrown.vendorStatus === 405) && thrown.code !== 'unauthenticated') {
      throw unsupportedByVendor(`OneDesk's Public API has no ${endpoint} for this key (HTTP ${thrown.vendorStatus}), so "${operation}" cannot be answered; this is not an empty list.`, {
        connector: CONNECTOR,
        vendorStatus: thrown.vendorStatus,
        retryable: false,
        hint: 'Tell the user OneDesk does not offer this list through its API for this account; the OneDesk web app shows it.',
      });
    }
    const refused = refusedProperty(thrown, request.properties);
    if (refused.length) {
      for (const name of refused) ctx.runtime.unsupportedFilters.add(`${resource}:${name}`);
      throw unsupportedFilter(refused, operation, 400);
    }
    throw thrown;
  }
  if (!Array.isArray(answer.data)) throw missing('the list of rows (data)', operation);
  const skipped = asked ? notApplied(answer).filter((name) => request.properties.some((p) => p.property === name)) : [];
  if (skipped.length) {
    for (const name of skipped) ctx.runtime.unsupportedFilters.add(`${resource}:${name}`);
    ctx.runtime.log.warn({ resource, properties: skipped }, 'OneDesk did not apply a filter property: later lists that need it are refused');
    throw unsupportedFilter(skipped, operation);
  }
  const total = typeof answer.totalNum === 'number' && Number.isFinite(answer.totalNum) ? answer.totalNum : undefined;
  return { rows: answer.data.filter(isRecord), total };
}
