import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Issue 18, finding 8: a client that disconnected mid-body made an
 * error-level log line ("unhandled error in HTTP handler", Error: aborted)
 * and a 500 sent to nobody; 1,000 such clients made 1,001 error lines. A
 * disconnect is logged at info and counted in
 * deskgate_http_client_aborted_total, and the gateway serves on.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

/** Sends the head and part of the body, then drops the connection. */
function postHalfAndVanish(port: number, path: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const head = [`POST ${path} HTTP/1.1`, 'host: 127.0.0.1', 'content-type: application/json', 'content-length: 4000', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${head.join('\r\n')}\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo_get_message","arguments":{"message":"`);
      // Let the gateway start reading the body, then go away.
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    socket.once('error', reject);
  });
}

interface Line {
  level: string;
  msg: string;
}

describe('a client that disconnects mid-body', () => {
  let gw: TestGateway;
  const lines: string[] = [];
  const logged = () => lines.map((l) => JSON.parse(l) as Line);
  const port = () => Number(new URL(gw.url).port);
  const aborted = async (route: string) => {
    const text = await (await fetch(`${gw.baseUrl}/metrics`)).text();
    return Number(new RegExp(`deskgate_http_client_aborted_total\\{route="${route}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };
  /** Waits (at most ~5 s) until the gateway has counted `n` aborted requests on the route. */
  const counted = async (route: string, n: number) => {
    for (let i = 0; i < 100 && (await aborted(route)) < n; i++) await sleep(50);
    return aborted(route);
  };

  beforeAll(async () => {
    gw = await startTestGateway({ catalog, env: { LOG_LEVEL: 'info' }, logs: lineCollector(lines) });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('on /mcp: logged at info and counted, no error line, and the gateway answers the next call', async () => {
    for (let i = 0; i < 5; i++) await postHalfAndVanish(port(), '/mcp', { authorization: `Bearer ${gw.adminKey}`, accept: 'application/json, text/event-stream' });
    expect(await counted('mcp', 5)).toBe(5);
    expect(logged().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(logged().filter((l) => l.msg === 'client closed the connection mid-request')).toHaveLength(5);
    expect(logged().every((l) => l.msg !== 'unhandled error in HTTP handler')).toBe(true);
    const next = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${gw.adminKey}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    });
    expect(next.status).toBe(200);
  });

  it('on the admin API: the same', async () => {
    await postHalfAndVanish(port(), '/api/admin/users', { authorization: `Bearer ${gw.adminKey}` });
    await postHalfAndVanish(port(), '/api/admin/keys', { authorization: `Bearer ${gw.adminKey}` });
    expect(await counted('api', 2)).toBe(2);
    expect(logged().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(logged().filter((l) => l.msg === 'admin API call failed unexpectedly')).toEqual([]);
  });
});
