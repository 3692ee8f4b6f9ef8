import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracer } from '../../src/observability/tracing';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { echoConnector } from '../support/echo-connector';
import { lineCollector, startTestGateway } from '../support/gateway';

/**
 * OpenTelemetry traces of a real `deskgate serve` process, exported over
 * OTLP/HTTP (JSON) to a receiver this test runs, for a tool call made by the
 * official MCP client with the caller's own W3C traceparent, against a
 * Clockify stand-in that is busy (503) once.
 */
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'deskgate.js');
const API_KEY = 'ckf_otel_Q7mB2xL9vR4tK8pW3sZ6';

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}
interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'other';
  attrs: Record<string, string | number | boolean>;
  failed: boolean;
}

/** A minimal OTLP/HTTP receiver: every span of every JSON export to /v1/traces. */
class OtlpReceiver {
  readonly spans: Span[] = [];
  readonly contentTypes: string[] = [];
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.contentTypes.push(String(req.headers['content-type']));
        if (req.method === 'POST' && req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
          for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) this.spans.push(toSpan(s));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get endpoint() {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const KINDS = { 1: 'internal', 2: 'server', 3: 'client' } as const;
function toSpan(s: OtlpSpan): Span {
  const attrs: Span['attrs'] = {};
  for (const { key, value } of s.attributes ?? []) {
    attrs[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? '';
  }
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId ?? '',
    name: s.name,
    kind: KINDS[s.kind as 1 | 2 | 3] ?? 'other',
    attrs,
    failed: s.status?.code === 2,
  };
}

describe('OpenTelemetry traces of a gateway process', () => {
  let receiver: OtlpReceiver;
  let clockify: ClockifyStandIn;
  let dir: string;
  beforeAll(async () => {
    receiver = await new OtlpReceiver().start();
    clockify = await startClockifyStandIn(API_KEY);
    dir = mkdtempSync(join(tmpdir(), 'deskgate-otel-'));
  });
  afterAll(async () => {
    await receiver?.close();
    await clockify?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports the call as one trace under the caller's traceparent: request → tool call → vendor requests, with database work, and the log line carries its trace id", async () => {
    clockify.data.tags.push({ id: '65b0c3e9f1a2b3c4d5e6f7a8', name: 'billable', workspaceId: STAND_IN_WS, archived: false });
    // The stand-in is busy the first time the tags are asked for: the vendor request is sent twice.
    let busy = true;
    clockify.route('GET', '/workspaces/:ws/tags', ({ query }) => {
      if (busy) {
        busy = false;
        return { status: 503, body: { message: 'busy', code: 503 }, headers: { 'retry-after': '0' } };
      }
      return clockify.page(clockify.data.tags, query);
    });

    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
        CLOCKIFY_API_KEY: API_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TOOLSETS: 'tags',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_SERVICE_NAME: 'deskgate-otel-test',
        // No timed export during the test: what arrives was flushed by the graceful stop.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
      },
    });
    let stderr = '';
    const callerTrace = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const { key, url } = await new Promise<{ key: string; url: string }>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          stderr += d;
          const found = /^\s+(dg_\S+)$/m.exec(stderr)?.[1];
          const at = /claude mcp add --transport http deskgate (\S+)/.exec(stderr)?.[1];
          if (found && at) resolve({ key: found, url: at });
        });
        void exited.then(() => reject(new Error(`serve exited early:\n${stderr}`)));
      });

      const client = await connectClient('modern', url, key, { traceparent: `00-${callerTrace}-${callerSpanId}-01` });
      const result = (await client.callTool({ name: 'clockify_list_tags', arguments: {} })) as { isError?: boolean; structuredContent?: unknown };
      // A tag that is not there: the vendor refuses (400), the call's outcome is the error code.
      const missing = (await client.callTool({ name: 'clockify_get_tag', arguments: { tag_id: '65b0c3e9f1a2b3c4d5e6f7ff' } })) as { isError?: boolean };
      expect(missing.isError).toBe(true);
      await client.close();
      expect(result.isError, JSON.stringify(result)).toBeFalsy();
      expect(JSON.stringify(result.structuredContent)).toContain('billable');
      // A 2025-era client in the same trace, and a REST call.
      const legacy = await connectClient('legacy', url, key, { traceparent: `00-${callerTrace}-${callerSpanId}-01` });
      expect((await legacy.callTool({ name: 'clockify_list_tags', arguments: { name: 'bill' } })).isError).toBeFalsy();
      await legacy.close();
      const rest = await fetch(new URL('/api/me/credentials', url), { headers: { authorization: `Bearer ${key}`, traceparent: `00-${callerTrace}-${callerSpanId}-01` } });
      expect(rest.status).toBe(200);
    } finally {
      // Graceful stop: the spans still buffered are exported before the process ends.
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toBe(0);

    const spans = receiver.spans;
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true);
    if (process.env.DESKGATE_TEST_LOGS) console.log(spans.map((s) => `${s.traceId.slice(0, 6)} ${s.parentSpanId.slice(0, 6) || '-'} > ${s.spanId.slice(0, 6)} ${s.kind} ${s.name}`).join('\n'));

    // The tool call: a child of the /mcp request span, which is a child of the caller's span.
    const toolSpans = spans.filter((s) => s.name === 'tools/call clockify_list_tags');
    expect(toolSpans.map((s) => s.attrs['deskgate.era']).sort()).toEqual(['legacy', 'modern']);
    const toolSpan = toolSpans.find((s) => s.attrs['deskgate.era'] === 'modern');
    expect(toolSpan, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(toolSpan!.attrs).toMatchObject({
      'gen_ai.tool.name': 'clockify_list_tags',
      'deskgate.connector': 'clockify',
      'deskgate.outcome': 'ok',
      'deskgate.era': 'modern',
    });
    const requestSpan = spans.find((s) => s.spanId === toolSpan!.parentSpanId)!;
    expect(requestSpan).toMatchObject({ name: 'POST /mcp', kind: 'server', traceId: callerTrace, parentSpanId: callerSpanId });
    expect(requestSpan.attrs).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200, 'mcp.method.name': 'tools/call' });
    // Every request the client made is a span in the caller's trace, under its span, and so is everything below them.
    const servers = spans.filter((s) => s.kind === 'server');
    expect(servers.length).toBeGreaterThan(0);
    expect(servers.every((s) => s.traceId === callerTrace && s.parentSpanId === callerSpanId)).toBe(true);
    expect(servers.find((s) => s.name === 'GET /api/me/credentials')?.attrs).toMatchObject({ 'http.route': '/api/me/credentials', 'http.response.status_code': 200 });
    const inCall = spans.filter((s) => s.traceId === callerTrace);
    const inCallIds = new Set(inCall.map((s) => s.spanId));
    expect(inCall.every((s) => s.parentSpanId === callerSpanId || inCallIds.has(s.parentSpanId))).toBe(true);

    // The vendor requests: children of the tool call, named by route template, the busy one sent again.
    const vendor = spans.filter((s) => s.parentSpanId === toolSpan!.spanId && s.attrs['url.template'] !== undefined);
    const tags = vendor.find((s) => s.attrs['url.template'] === '/workspaces/{workspace_id}/tags');
    // The legacy call's query (name=bill) reached the vendor, and no span says so.
    expect(clockify.calls.some((c) => c.url.includes('name=bill'))).toBe(true);
    expect(tags, vendor.map((s) => s.name).join(', ')).toBeDefined();
    expect(tags).toMatchObject({ name: 'GET /workspaces/{workspace_id}/tags', kind: 'client', failed: false });
    expect(tags!.attrs).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'http.request.resend_count': 1, 'deskgate.connector': 'clockify' });

    // A refused call: the vendor span and the tool span are failed, with the error code and the vendor's status.
    const failedTool = spans.find((s) => s.name === 'tools/call clockify_get_tag')!;
    expect(failedTool).toMatchObject({ failed: true });
    const code = failedTool.attrs['error.type'];
    expect(code).toMatch(/^[a-z_]+$/);
    expect(failedTool.attrs).toMatchObject({ 'deskgate.connector': 'clockify', 'deskgate.outcome': code });
    const failedVendor = spans.find((s) => s.parentSpanId === failedTool.spanId && s.attrs['url.template'] === '/workspaces/{workspace_id}/tags/{tag_id}')!;
    expect(failedVendor).toMatchObject({ name: 'GET /workspaces/{workspace_id}/tags/{tag_id}', failed: true });
    expect(failedVendor.attrs).toMatchObject({ 'http.response.status_code': 400, 'http.request.resend_count': 0, 'error.type': code });

    // Database work: spans naming the engine and the operation, inside the requests.
    const db = spans.filter((s) => s.attrs['db.system.name'] === 'sqlite');
    expect(db.length).toBeGreaterThan(0);
    expect(db.some((s) => s.attrs['db.operation.name'] === 'SELECT')).toBe(true);
    expect(db.filter((s) => s.traceId === callerTrace && inCall.find((p) => p.spanId === s.parentSpanId)?.kind === 'server').length).toBeGreaterThan(0);

    // No span carries a key, an id-bearing path or a query string.
    const adminKey = /^\s+(dg_\S+)$/m.exec(stderr)![1]!;
    for (const span of spans) {
      const values = [span.name, ...Object.values(span.attrs).map(String)];
      for (const value of values) {
        expect(value).not.toContain(API_KEY);
        expect(value).not.toContain(adminKey);
        expect(value).not.toContain(adminKey.slice(3));
        expect(value).not.toContain(STAND_IN_WS);
        expect(value).not.toContain('65b0c3e9f1a2b3c4d5e6f7a8');
        expect(value).not.toContain('65b0c3e9f1a2b3c4d5e6f7ff');
        expect(value).not.toContain('bill&');
        expect(value).not.toMatch(/name=bill/);
        // SQL keeps its `?` placeholders (never the values); elsewhere a `?` would be a query string.
        if (span.attrs['db.system.name'] === undefined) expect(value).not.toContain('?');
      }
    }

    // The tool call's log line carries the trace id (and the tool span's id).
    const line = stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'tool call' && l.span_id === toolSpan!.spanId);
    expect(line).toMatchObject({ tool: 'clockify_list_tags', trace_id: callerTrace, span_id: toolSpan!.spanId });
  });

  it.each([
    ['no OTLP endpoint', {}],
    ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }],
  ])('with %s, loads no SDK or exporter, exports nothing and logs no trace ids', async (_label, extra) => {
    const before = receiver.spans.length;
    const logs: string[] = [];
    const env: Record<string, string> = { ...extra };
    if (Object.keys(extra).length) env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[], env, logs: lineCollector(logs) });
    try {
      const client = await connectClient('modern', gw.url, gw.adminKey, { traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` });
      await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
      await client.close();
      expect(tracer()).toBeUndefined();
      expect((globalThis as Record<symbol, unknown>)[Symbol.for('deskgate.otel.sdkLoaded')]).toBeUndefined();
    } finally {
      await gw.close();
    }
    await expect.poll(() => logs.join('').includes('"msg":"tool call"')).toBe(true);
    expect(logs.join('')).not.toContain('trace_id');
    expect(receiver.spans.length).toBe(before);
  });
});
