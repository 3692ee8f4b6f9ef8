import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { expect } from 'vitest';
import { GatewayError, type ErrorPayload } from '../../src/errors';
import { createLogger } from '../../src/observability/logger';
import { createMetrics, type Metrics } from '../../src/observability/metrics';
import { createVendorHttpClient, type VendorHttpClientDeps } from '../../src/vendor-http/client';
import type { VendorHttpClient, VendorHttpClientOptions } from '../../src/vendor-http/types';

export interface RecordedRequest {
  method: string;
  /** Path with query, as the server received it. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers one request. It may also never answer, or destroy the socket. */
export type Reply = (res: ServerResponse, req: IncomingMessage) => void;

/**
 * A real HTTP server on 127.0.0.1, port 0. msw works above the socket, so it
 * cannot reset a connection or hang; this can. Replies are queued: the nth
 * request gets the nth reply, and the last one repeats.
 */
export interface LoopbackServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  replies(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(port = 0): Promise<LoopbackServer> {
  let queue: Reply[] = [json(200, { ok: true })];
  let served = 0;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = queue[Math.min(served, queue.length - 1)]!;
      served += 1;
      reply(res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    replies(...replies) {
      queue = replies;
      served = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

export const text =
  (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** Never answers: the request waits until the client gives up. */
export const hang: Reply = () => undefined;

/** Drops the connection after the request arrived, without a status line. */
export const reset: Reply = (_res, req) => {
  req.socket.destroy();
};

/** A port on which nothing listens (connection refused). */
export async function refusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A pino logger at debug level writing into an array, to read every line the client logs. */
export function memoryLogger() {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface TestClient {
  client: VendorHttpClient;
  metrics: Metrics;
  logs: ReturnType<typeof memoryLogger>;
  /** Waits the client asked for between attempts (not spent, when fakeSleep). */
  sleeps: number[];
}

/**
 * A client with fast defaults for tests: tiny backoff, short deadline.
 * `fakeSleep` records waits instead of spending them, so a test can check a
 * Retry-After of minutes was honoured without waiting minutes.
 */
export function testClient(
  options: Partial<VendorHttpClientOptions> & { baseUrl: string },
  extra: { fakeSleep?: boolean; deps?: Partial<VendorHttpClientDeps> } = {},
): TestClient {
  const metrics = createMetrics();
  const logs = memoryLogger();
  const sleeps: number[] = [];
  const client = createVendorHttpClient(
    { connector: 'fake', vendorName: 'FakeVendor', timeoutMs: 2_000, retryBaseMs: 2, maxRetries: 3, ...options },
    {
      log: logs.log,
      metrics,
      sleep: extra.fakeSleep
        ? async (ms) => {
            sleeps.push(ms);
          }
        : undefined,
      random: () => 0.5,
      ...extra.deps,
    },
  );
  return { client, metrics, logs, sleeps };
}

/** The GatewayError a call rejected with, as the model would read it. */
export async function failureOf(call: Promise<unknown>): Promise<ErrorPayload & { error: GatewayError }> {
  try {
    await call;
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(GatewayError);
    const error = thrown as GatewayError;
    return { ...error.toPayload(), error };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Value of one labelled series in the Prometheus text. */
export async function metricValue(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const families = await metrics.registry.getMetricsAsJSON();
  const family = families.find((f) => f.name === name);
  const values = (family?.values ?? []) as { labels: Record<string, string | number>; value: number }[];
  const match = values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return match?.value ?? 0;
}
