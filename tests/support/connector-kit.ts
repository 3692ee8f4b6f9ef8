/**
 * The connector test kit: what every connector's tests need, once.
 *
 * - `vendorStub(baseUrl, …)`: an msw server for one vendor, with unhandled
 *   requests as errors, a record of what the vendor received (without the
 *   credential, whose presence is checked), and routes per test.
 * - `startConnector(manifest, env, …)`: the runtime built the way the gateway
 *   builds it (the manifest's configSchema and `start`, the real vendor HTTP
 *   client and client pool), with retry waits skipped.
 * - `runTool(...)`: the one tool-call wrapper the gateway uses (which also
 *   checks a success against the tool's declared output schema).
 * - `capturingLogger()`: log lines kept in memory, for secret-leak checks.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Principal } from '../../src/auth/types';
import { executeTool, type ToolCallResult } from '../../src/mcp/execute';
import { createLogger, type Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { CommonConnectorConfig, ConnectorManifest, ConnectorServices, ObjectSchema, ToolDefinition } from '../../src/registry/types';
import { createVendorHttpClient } from '../../src/vendor-http/client';
import { createVendorClientPool, type VendorCredential } from '../../src/vendor-http/pool';
import { createMemoryLimitStore } from '../../src/limits/store';
import { createDbRecentCreates, createMemoryRecentCreates } from '../../src/vendor-http/unknown-outcome';
import type { Db } from '../../src/storage/types';
import { silentLog, testPrincipal } from './tool-harness';

export { errorOf, silentLog, testPrincipal } from './tool-harness';

/** A fresh copy of `<folder>/fixtures/<name>.json` (pass the connector's `import.meta.url`), so a test may change it. */
export function readFixture<T = Record<string, JsonBodyType>>(connectorFileUrl: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, connectorFileUrl), 'utf8')) as T;
}

/** One request the vendor stub received, without the credential. */
export interface ReceivedRequest {
  method: string;
  /** Path below the base URL's path, e.g. "/workspaces/w1/tags". */
  path: string;
  query: Record<string, string>;
  /** Repeated query keys (`?ids=a&ids=b`) keep every value here. */
  queryAll: Record<string, string[]>;
  body: unknown;
  /** Whether the request carried the credential the stub expects. */
  authorized: boolean;
  /** Which of the accepted secrets it carried (index into `secrets`), or -1. */
  secretIndex: number;
}

export interface VendorStubOptions {
  /**
   * Where the vendor reads the key: a header name (`X-Api-Key`) or a query
   * parameter (`{ query: 'apiKey' }`). The value is stripped from what tests see.
   */
  credential: string | { query: string };
  /** Keys the stub accepts (first: the shared key). */
  secrets: string[];
  /** The vendor's answer to a request without a valid key. */
  unauthorized: () => Response;
}

export type StubAnswer =
  | JsonBodyType
  | Response
  | ((request: ReceivedRequest & { params: Record<string, string | readonly string[] | undefined> }) => JsonBodyType | Response | Promise<JsonBodyType | Response>);

export interface VendorStub {
  /** Received requests, in order, for the current test. */
  received: ReceivedRequest[];
  /** An endpoint for one test; `path` below the base URL, with msw `:params`. */
  route(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, answer: StubAnswer): ReturnType<typeof http.get>;
  /** Adds routes for the current test (reset after each test). */
  use(...handlers: ReturnType<typeof http.get>[]): void;
}

/**
 * An msw stand-in for a vendor's API at `baseUrl`, for one test file. Call it
 * at the top level of the file: it registers the before/after hooks.
 * Unmocked requests fail the test.
 */
export function vendorStub(baseUrl: string | string[], options: VendorStubOptions): VendorStub {
  const bases = (Array.isArray(baseUrl) ? baseUrl : [baseUrl]).map((b) => b.replace(/\/$/, ''));
  const server = setupServer();
  const received: ReceivedRequest[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    received.length = 0;
  });
  afterAll(() => server.close());

  const readCredential = (request: Request, url: URL): string | null => {
    if (typeof options.credential === 'string') return request.headers.get(options.credential);
    const value = url.searchParams.get(options.credential.query);
    url.searchParams.delete(options.credential.query);
    return value;
  };

  return {
    received,
    use: (...handlers) => server.use(...handlers),
    route(method, path, answer) {
      const matchers = bases.map((base) => `${base}${path}`);
      const handle = async ({ request, params }: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => {
        const url = new URL(request.url);
        const secret = readCredential(request, url);
        const secretIndex = secret === null ? -1 : options.secrets.indexOf(secret);
        const base = bases.find((b) => request.url.startsWith(b)) ?? bases[0]!;
        const queryAll: Record<string, string[]> = {};
        for (const [k, v] of url.searchParams) (queryAll[k] ??= []).push(v);
        let body: unknown;
        const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
        if (text) {
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
        }
        const entry: ReceivedRequest = {
          method: request.method,
          path: url.pathname.slice(new URL(base).pathname.length),
          query: Object.fromEntries(url.searchParams),
          queryAll,
          body,
          authorized: secretIndex >= 0,
          secretIndex,
        };
        received.push(entry);
        if (secretIndex < 0) return options.unauthorized();
        const value = typeof answer === 'function' ? await answer({ ...entry, params }) : answer;
        // A fixed Response is answered afresh on every attempt, so retries see it too.
        return value instanceof Response ? value.clone() : HttpResponse.json(value);
      };
      // One handler per base URL (a connector may talk to two hosts); msw takes the first match.
      const [first, ...rest] = matchers.map((m) => http[method](m, handle));
      if (rest.length) server.use(...rest);
      return first!;
    },
  };
}

const unused = (connector: string, what: string) =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error(`the ${connector} connector used services.${what}, which this test did not provide`);
      },
    },
  );

/** Services as the gateway hands them to a connector, with the real vendor HTTP client and pool. */
export function connectorServices(
  connector: string,
  options: { log?: Logger; metrics?: Metrics; db?: Db; users?: ConnectorServices['users'] } = {},
): ConnectorServices {
  const log = options.log ?? silentLog;
  const createHttpClient: ConnectorServices['createHttpClient'] = (clientOptions) =>
    // Global fetch, so the msw fixtures see the requests (production sends through undici's
    // request API, which tests/vendor-http and tests/e2e exercise against real loopback servers).
    createVendorHttpClient({ ...clientOptions, connector }, { log, metrics: options.metrics, sleep: async () => {}, transport: 'fetch' });
  return {
    db: options.db ?? (unused(connector, 'db') as Db),
    users: options.users ?? (unused(connector, 'users') as ConnectorServices['users']),
    log,
    createHttpClient,
    vendorClients: (poolOptions) => createVendorClientPool({ ...poolOptions, connector }, createHttpClient),
    limits: createMemoryLimitStore(),
    // Shared through the database when the test gives one (as the gateway does), else this process's memory.
    recentCreates: options.db ? createDbRecentCreates(options.db, connector) : createMemoryRecentCreates(),
    gateway: () => {
      throw new Error(`the ${connector} connector used services.gateway(), which this test did not provide`);
    },
  };
}

/**
 * Starts a connector the way the gateway does: its configSchema parses `env`
 * (so config errors surface as they would), then `start` with the core's
 * services. `common.baseUrl` points it at the stub.
 */
export async function startConnector<Config, Runtime>(
  manifest: ConnectorManifest<Config, Runtime>,
  env: Record<string, string>,
  options: {
    common?: Partial<CommonConnectorConfig>;
    log?: Logger;
    metrics?: Metrics;
    db?: Db;
    users?: ConnectorServices['users'];
  } = {},
): Promise<Runtime> {
  const config = manifest.configSchema.parse(env);
  return manifest.start(
    config,
    { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 5_000, minRole: 'user', credentials: 'personal_or_shared', ...options.common },
    connectorServices(manifest.id, options),
  );
}

/**
 * Runs one tool through the gateway's tool-call wrapper (argument
 * validation, output-schema check, error mapping), as the model would see it:
 * an output its schema rejects comes back as an `internal` error. `credential`
 * simulates a caller who linked their own vendor key.
 */
export async function runTool<Runtime>(
  manifest: ConnectorManifest<unknown, Runtime> | { id: string; tools: ToolDefinition<Runtime, ObjectSchema, ObjectSchema>[] },
  toolName: string,
  args: unknown,
  options: { runtime: Runtime; principal?: Principal; credential?: VendorCredential; signal?: AbortSignal },
): Promise<ToolCallResult> {
  const tool = manifest.tools.find((t) => t.name === toolName);
  if (!tool) throw new Error(`no tool ${toolName} in ${manifest.id}`);
  const { result } = await executeTool(tool as ToolDefinition<Runtime, ObjectSchema, ObjectSchema>, manifest.id, args, {
    principal: options.principal ?? testPrincipal(),
    runtime: options.runtime,
    log: silentLog,
    requestId: 'test-request',
    signal: options.signal ?? new AbortController().signal,
    credential: options.credential,
  });
  return result;
}

/** A debug-level logger whose lines are kept in memory, for leak checks. */
export function capturingLogger(): { log: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => chunks.join('') };
}
