import { ZodArray, ZodObject, type z } from 'zod';
import { readList, readObject, type ReadOptions } from '../../src/vendor-http/tolerant';
import { GatewayError } from '../../src/errors';
import { createMemoryLimitStore, type LimitStore } from '../../src/limits/store';
import type { Logger } from '../../src/observability/logger';
import type { CallDeadline } from '../../src/vendor-http/deadline';
import type { VendorClientPool, VendorCredential } from '../../src/vendor-http/pool';
import { toVendorPath, type VendorPath } from '../../src/vendor-http/path';
import type { HttpMethod, QueryValue, VendorResponse } from '../../src/vendor-http/types';
import { CONNECTOR } from './errors';
import { lastPageOf, pageList, fetchAll, type Paged, type VendorPage } from './paging';

/** What a Clockify call needs from the tool context. */
export interface CallContext {
  credential?: VendorCredential;
  signal?: AbortSignal;
  /** The tool call's deadline: bounds the wait in the queue and the request. */
  deadline?: CallDeadline;
}

export interface CallOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Short label for logs and messages, e.g. "create time entry". */
  operation: string;
  /** Default: GET/PUT/DELETE yes, POST/PATCH no (never re-sent once it may have reached Clockify). */
  idempotent?: boolean;
}

/**
 * Any `rps` requests in a row span at least this much more than a second,
 * so a request that reaches Clockify a little later than its neighbours
 * (a busy event loop, a slow network) never puts rps + 1 of them into one second.
 */
export const SEND_SLACK_MS = 50;

/**
 * A client-side limiter per workspace (`CLOCKIFY_MAX_RPS`): bursts queue
 * instead of collecting 429s. The wait counts against the call's deadline.
 * Kept in the core's LimitStore (src/limits/): on PostgreSQL every worker
 * and replica queues in the same line, so together they keep to
 * CLOCKIFY_MAX_RPS; on SQLite the line is this process's.
 *
 * Two steps: `reserve` gives the call its place in the line (one send every
 * (1 s + slack) / MAX_RPS); `admit`, at the moment of sending, lets it go
 * only if fewer than MAX_RPS were sent in the last 1 s + slack, so a caller
 * that woke late from its wait cannot send on top of the next one.
 */
export class WorkspaceLimiter {
  private readonly intervalMs: number;
  constructor(
    private readonly rps: number,
    private readonly store: LimitStore = createMemoryLimitStore(),
  ) {
    this.intervalMs = (1000 + SEND_SLACK_MS) / rps;
  }

  /**
   * Milliseconds this call must wait for its slot. The slot is reserved
   * only when the wait is below `maxWaitMs`: a call that will not wait that
   * long does not push everyone after it back.
   */
  reserve(workspace: string, maxWaitMs = Infinity): Promise<number> {
    return this.store.reserve(`clockify:${workspace}`, this.intervalMs, Number.isFinite(maxWaitMs) ? maxWaitMs : 3_600_000);
  }

  /** 0: send now (counted); else the milliseconds to wait before asking again. */
  admit(workspace: string): Promise<number> {
    return this.store.admit(`clockify-sent:${workspace}`, this.rps, 1000 + SEND_SLACK_MS);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new GatewayError('upstream_timeout', 'The call was cancelled while waiting for its turn at Clockify.', { connector: CONNECTOR }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Calls to one Clockify host through the core's vendor client pool: the
 * caller's own key when they linked one (`pool.for(ctx)`), else the shared
 * key. Parses answers leniently and fails with upstream_error only when what
 * the tool needs is missing.
 */
export class ClockifyHost {
  constructor(
    readonly pool: VendorClientPool,
    private readonly limiter: WorkspaceLimiter,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly hostLabel: string,
  ) {}

  async request<T = unknown>(ctx: CallContext, method: HttpMethod, path: VendorPath | string, options: CallOptions): Promise<VendorResponse<T>> {
    const client = this.pool.for(ctx);
    // A string is a route without placeholders (checked by the core); ids go through vendorPath.
    const built = toVendorPath(path);
    const workspace = /^\/workspaces\/([^/]+)/.exec(built.path)?.[1] ?? 'none';
    const { deadline } = ctx;
    // What the call has left, so that a request that could only be sent after it is not queued at all.
    const callLeftMs = deadline ? deadline.remainingMs() : Infinity;
    const started = Date.now();
    const queued = () =>
      new GatewayError('rate_limited', 'Too many Clockify calls are queued for this workspace right now.', {
        connector: CONNECTOR,
        retryAfterSeconds: Math.max(1, Math.ceil((Date.now() - started) / 1000)),
        hint: 'Wait retry_after_seconds, then make fewer, narrower calls.',
      });
    const wait = await this.limiter.reserve(workspace, Math.min(this.timeoutMs, callLeftMs));
    if (wait >= this.timeoutMs) {
      throw new GatewayError('rate_limited', 'Too many Clockify calls are queued for this workspace right now.', {
        connector: CONNECTOR,
        retryAfterSeconds: Math.ceil(wait / 1000),
        hint: 'Wait retry_after_seconds, then make fewer, narrower calls.',
      });
    }
    if (deadline && wait >= callLeftMs) throw deadline.expired({ connector: CONNECTOR, vendorName: 'Clockify', notSent: options.operation });
    await sleep(wait, ctx.signal);
    // At the moment of sending: never more than CLOCKIFY_MAX_RPS in a second, even after waking late.
    for (let more = await this.limiter.admit(workspace); more > 0; more = await this.limiter.admit(workspace)) {
      if (Date.now() - started + more >= this.timeoutMs) throw queued();
      if (deadline && more >= deadline.remainingMs()) throw deadline.expired({ connector: CONNECTOR, vendorName: 'Clockify', notSent: options.operation });
      await sleep(more, ctx.signal);
    }
    return client.request<T>({
      method,
      path: built,
      query: options.query,
      body: options.body,
      operation: options.operation,
      idempotent: options.idempotent,
      signal: ctx.signal,
      deadline,
      timeoutMs: Math.max(1, this.timeoutMs - (Date.now() - started)),
    });
  }

  /** A request whose JSON answer must match `schema` (lenient schemas: only what the tool needs is required). */
  async call<S extends z.ZodType>(ctx: CallContext, method: HttpMethod, path: VendorPath | string, schema: S, options: CallOptions): Promise<z.infer<S>> {
    const response = await this.request(ctx, method, path, options);
    return this.parse(schema, response.body, options.operation, response.status);
  }

  /** A request whose answer is ignored (DELETE with 204). */
  async send(ctx: CallContext, method: HttpMethod, path: VendorPath | string, options: CallOptions): Promise<unknown> {
    return (await this.request(ctx, method, path, options)).body;
  }

  parse<S extends z.ZodType>(schema: S, body: unknown, operation: string, status = 200): z.infer<S> {
    // An object read field by field: one field in an unexpected shape never fails the call (src/vendor-http/tolerant.ts).
    if (schema instanceof ZodObject) {
      const item = readObject(schema, body, this.readOptions(operation));
      if (item !== undefined) return item as z.infer<S>;
    }
    if (schema instanceof ZodArray && schema.element instanceof ZodObject && Array.isArray(body)) {
      return readList(schema.element, body, this.readOptions(operation)) as z.infer<S>;
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    this.log.warn(
      { connector: CONNECTOR, host: this.hostLabel, operation, issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')) },
      'Clockify answer did not match the expected shape',
    );
    throw new GatewayError('upstream_error', `Clockify's answer to "${operation}" lacked what this tool needs.`, {
      connector: CONNECTOR,
      vendorStatus: status,
      retryable: false,
      hint: 'Retry once; if it persists, Clockify may have changed its API: report it to the gateway operator.',
    });
  }

  /** One vendor page of a `page`/`page-size` list whose items match `item`. */
  async fetchPage<S extends z.ZodType>(
    ctx: CallContext,
    path: VendorPath | string,
    item: S,
    options: CallOptions,
    page: number,
    pageSize: number,
  ): Promise<VendorPage<z.infer<S>>> {
    const response = await this.request(ctx, 'GET', path, { ...options, query: { ...options.query, page, 'page-size': pageSize } });
    const body = response.body;
    if (!Array.isArray(body)) return this.notArray(options.operation, response.status);
    const items = this.readItems(item, body, options.operation);
    return { items, lastPage: lastPageOf(response.headers) };
  }

  /** What readObject/readList need to warn once per field. */
  readOptions(operation: string): ReadOptions {
    return { vendor: CONNECTOR, what: operation, log: this.log };
  }

  /**
   * List items read field by field: an item with a field in an unexpected
   * shape is kept (the field empty, its raw value under extra, the result's
   * partly_read counting it), never dropped.
   */
  readItems<S extends z.ZodType>(item: S, body: unknown[], operation: string): z.infer<S>[] {
    if (item instanceof ZodObject) return readList(item, body, this.readOptions(operation)) as z.infer<S>[];
    return body.flatMap((raw) => {
      const parsed = item.safeParse(raw);
      return parsed.success ? [parsed.data as z.infer<S>] : [];
    });
  }

  private notArray(operation: string, status: number): never {
    throw new GatewayError('upstream_error', `Clockify's answer to "${operation}" was not the list it should be.`, {
      connector: CONNECTOR,
      vendorStatus: status,
      retryable: false,
      hint: 'Retry once; if it persists, report it to the gateway operator.',
    });
  }

  /** A page for the model (`limit`/`cursor` → `next_cursor`) over a paged GET list. */
  list<S extends z.ZodType>(ctx: CallContext, path: VendorPath | string, item: S, options: CallOptions, args: { limit?: number; cursor?: string }): Promise<Paged<z.infer<S>>> {
    return pageList(args, (page, size) => this.fetchPage(ctx, path, item, options, page, size));
  }

  /** Every item of a paged GET list, up to `max`. */
  all<S extends z.ZodType>(ctx: CallContext, path: VendorPath | string, item: S, options: CallOptions, max = 5000): Promise<z.infer<S>[]> {
    return fetchAll((page, size) => this.fetchPage(ctx, path, item, options, page, size), max);
  }
}
