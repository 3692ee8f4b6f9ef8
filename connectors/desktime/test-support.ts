import { readFileSync } from 'node:fs';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { CommonConnectorConfig } from '../../src/registry/types';
import { connectorServices } from '../../tests/support/connector-kit';
import { desktimeManifest, type DesktimeRuntime } from './index';

/** Long and distinctive, so a leak test can grep for it anywhere. */
export const TEST_API_KEY = 'dtk_test_7Qz4Xw9Lm2Rv8Np5';
export const TEST_BASE_URL = 'https://desktime.test/api/v2/json';
/** 2024-03-15 23:30 UTC: already 2024-03-16 in Riga (the fixtures' company zone), still the 15th in London. */
export const TEST_NOW = new Date('2024-03-15T23:30:00Z');

/** A fresh copy of fixtures/<name>.json, so a test may change it. */
export function fixture(name: string): Record<string, JsonBodyType> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, JsonBodyType>;
}

/** What DeskTime received, without the key (asserted separately). */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  hadApiKey: boolean;
}

export const received: ReceivedRequest[] = [];
export const desktimeServer = setupServer();

type Answer = JsonBodyType | Response | ((query: Record<string, string>) => JsonBodyType | Response);

/**
 * A DeskTime endpoint for one test. Like DeskTime (as integrators report it),
 * a request without the right key gets a 200 carrying `error`.
 */
export function desktimeRoute(method: 'get' | 'post', path: string, answer: Answer) {
  return http[method](`${TEST_BASE_URL}${path}`, ({ request }) => {
    const url = new URL(request.url);
    const query = Object.fromEntries(url.searchParams);
    const hadApiKey = query.apiKey === TEST_API_KEY;
    delete query.apiKey;
    received.push({ method: request.method, path: url.pathname.slice(new URL(TEST_BASE_URL).pathname.length), query, hadApiKey });
    if (!hadApiKey) return HttpResponse.json({ error: 'Invalid API key' });
    const value = typeof answer === 'function' ? answer(query) : answer;
    // A fixed Response is answered afresh on every attempt, so retries see it too.
    return value instanceof Response ? value.clone() : HttpResponse.json(value);
  });
}

/** The company details most tests need for "today". */
export const companyRoute = () => desktimeRoute('get', '/company', fixture('company'));

/** Starts the msw server for a test file; unmocked requests fail the test. */
export function useDesktimeServer() {
  beforeAll(() => desktimeServer.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    desktimeServer.resetHandlers();
    received.length = 0;
  });
  afterAll(() => desktimeServer.close());
}

/**
 * Builds the runtime the way the gateway does: through the manifest's
 * `start`, with the real vendor HTTP client. Waits between retries are
 * skipped so retry tests stay quick.
 */
export async function startDesktime(
  options: { log?: Logger; metrics?: Metrics; now?: Date; common?: Partial<CommonConnectorConfig> } = {},
): Promise<DesktimeRuntime> {
  const services = connectorServices('desktime', { log: options.log, metrics: options.metrics });
  const config = desktimeManifest.configSchema.parse({ DESKTIME_API_KEY: TEST_API_KEY });
  const runtime = await desktimeManifest.start(
    config,
    { access: 'write', toolsets: undefined, baseUrl: TEST_BASE_URL, timeoutMs: 5_000, minRole: 'staff', credentials: 'personal_or_shared', ...options.common },
    services,
  );
  const now = options.now ?? TEST_NOW;
  runtime.now = () => now;
  return runtime;
}

export { capturingLogger, runTool } from '../../tests/support/connector-kit';

/** What identity resolution reads (src/identity): the key's owner (employee 2, Andy Bernard) and today's employees with their emails. */
export const identityRoutes = () => [desktimeRoute('get', '/employee', fixture('employee')), companyRoute(), desktimeRoute('get', '/employees', fixture('employees-day'))];

/** acted_as of a write on an object (a project) made with the shared test key for the default test caller, who is no employee. */
export const AS_KEY_OWNER = {
  connector: 'desktime',
  how: 'shared_key_as_owner',
  user_id: '2',
  name: 'Andy Bernard',
  email: 'andy@example.test',
  note: "Made with the gateway's shared DeskTime key, as its owner Andy Bernard (andy@example.test).",
} as const;
