import { GatewayError, unsupportedByVendor } from '../../src/errors';
import type { HttpMethod } from '../../src/vendor-http/types';
import { CONNECTOR, envelopeError } from './errors';
import type { OnedeskContext } from './runtime';

/**
 * The one way tools talk to OneDesk: through the caller's vendor client
 * (`pool.for(ctx)`), unwrapping the `{code, data}` envelope. A missing or
 * non-SUCCESS envelope is an error here even if checkBody let it through,
 * so nothing but SUCCESS ever becomes data.
 */

export type Row = Record<string, unknown>;

export const isRecord = (value: unknown): value is Row => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A path segment from an id the caller gave (numbers, UUIDs): always encoded. */
export const seg = (value: string | number) => encodeURIComponent(String(value));

interface CallOptions {
  method: HttpMethod;
  path: string;
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
  });
  const body = response.body;
  if (!isRecord(body) || body.code !== 'SUCCESS') throw envelopeError(body, options.operation, response.status);
  return body;
}

export async function onedeskGet(ctx: OnedeskContext, path: string, operation: string): Promise<unknown> {
  return (await onedeskCall(ctx, { method: 'GET', path, operation })).data;
}

/** A POST that writes (create, update): never re-sent once it may have reached OneDesk. */
export async function onedeskWrite(ctx: OnedeskContext, path: string, body: unknown, operation: string): Promise<unknown> {
  return (await onedeskCall(ctx, { method: 'POST', path, body, operation })).data;
}

export function missing(what: string, operation: string): GatewayError {
  return new GatewayError('upstream_error', `OneDesk's answer to "${operation}" lacked ${what}.`, {
    connector: CONNECTOR,
    retryable: false,
    hint: 'Retry once later; if it persists, OneDesk may have changed its API: report it to the gateway operator.',
  });
}

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
 * `POST /<resource>/filter/details`: one page of rows. When OneDesk answers
 * 404 or 405 the endpoint is missing for this key, and the answer says so
 * (naming the path) instead of an empty list. When OneDesk reports that it
 * did not apply one of the filters, the rows are not what was asked for:
 * that is an error too.
 */
export async function onedeskFilter(ctx: OnedeskContext, resource: string, request: FilterRequest, operation: string): Promise<FilterAnswer> {
  const endpoint = `/${resource}/filter/details`;
  const body: Row = { properties: request.properties, isAsc: false, limit: request.limit, offset: request.offset };
  if (request.itemType) body.itemType = request.itemType;
  let answer: Row;
  try {
    answer = await onedeskCall(ctx, { method: 'POST', path: endpoint, body, operation, idempotent: true });
  } catch (thrown) {
    if (thrown instanceof GatewayError && (thrown.vendorStatus === 404 || thrown.vendorStatus === 405) && thrown.code !== 'unauthenticated') {
      throw unsupportedByVendor(`OneDesk's Public API has no ${endpoint} for this key (HTTP ${thrown.vendorStatus}), so "${operation}" cannot be answered; this is not an empty list.`, {
        connector: CONNECTOR,
        vendorStatus: thrown.vendorStatus,
        retryable: false,
        hint: 'Tell the user OneDesk does not offer this list through its API for this account; the OneDesk web app shows it.',
      });
    }
    throw thrown;
  }
  if (!Array.isArray(answer.data)) throw missing('the list of rows (data)', operation);
  const skipped = notApplied(answer).filter((name) => request.properties.some((p) => p.property === name));
  if (skipped.length) {
    throw unsupportedByVendor(`OneDesk did not apply the filter on ${skipped.join(', ')} for "${operation}", so its rows would not match what was asked.`, {
      connector: CONNECTOR,
      retryable: false,
      hint: 'Call again without that filter and narrow the rows yourself, or use another filter.',
    });
  }
  const rows = answer.data.filter(isRecord);
  const total = typeof answer.totalNum === 'number' && Number.isFinite(answer.totalNum) ? answer.totalNum : undefined;
  return {
    rows,
    total,
    endpoint,
    ran: { endpoint, item_type: request.itemType?.[0] ?? null, properties: request.properties, offset: request.offset, limit: request.limit },
  };
}
