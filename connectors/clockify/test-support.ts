/**
 * Clockify test kit (for every Clockify test file, A's, B's and C's):
 *
 *   const stub = clockifyStub();            // at the top level of a test file: msw for both hosts, the contract check on every request
 *   stub.use(...commonRoutes());            // GET /user, the workspace, and name lists (projects, clients, tags, users, tasks)
 *   stub.use(stub.route('get', `/workspaces/${WS}/tags`, [...]));
 *   const runtime = await startClockify(); // the runtime as the gateway builds it, clock fixed at TEST_NOW
 *   const result = await runTool(clockify, 'clockify_list_tags', {}, { runtime });
 *
 * Every request the stub receives must exist in the official or corrected
 * spec with documented parameter names (contract.ts); a request that does
 * not fails the test in afterEach (and gets a 599 answer).
 */
import { HttpResponse, type JsonBodyType } from 'msw';
import { afterEach, expect } from 'vitest';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { CommonConnectorConfig } from '../../src/registry/types';
import { readFixture, startConnector, vendorStub, type StubAnswer, type VendorStub } from '../../tests/support/connector-kit';
import { checkContract } from './contract';
import { clockifyManifest, type ClockifyRuntime } from './index';

export { capturingLogger, errorOf, runTool, testPrincipal } from '../../tests/support/connector-kit';

/** Long and distinctive, so a leak test can grep for it anywhere. */
export const TEST_API_KEY = 'ckf_test_K3y9Vq7Zr2Mx5Lp8Wd4N';
export const TEST_PERSONAL_KEY = 'ckf_personal_H6t2Bn8Qs4Jy1Fc7';
export const TEST_BASE_URL = 'https://api.clockify.test/api/v1';
export const TEST_REPORTS_BASE_URL = 'https://reports.clockify.test/v1';
/** 2024-03-15 10:00 UTC = 11:00 in Paris (the fixtures' user zone). */
export const TEST_NOW = new Date('2024-03-15T10:00:00Z');

export const WS = '64a687e29ae1f428e7ebe303';
export const ME = '5a0ab5acb07987125438b60f';
export const BOB = '5a0ab5acb07987125438b610';
export const PROJECT_ACME = '65b1c2d3e4f5a6b7c8d9e001';
export const PROJECT_INTERNAL = '65b1c2d3e4f5a6b7c8d9e002';
export const CLIENT_ACME = '6410a1b2c3d4e5f6a7b8c901';
export const TASK_DESIGN = '66c1d2e3f4a5b6c7d8e9f001';
export const TAG_MEETING = '67d1e2f3a4b5c6d7e8f9a001';
export const TAG_OVERTIME = '67d1e2f3a4b5c6d7e8f9a002';

/** A fresh copy of fixtures/<name>.json. */
export function fixture<T = JsonBodyType>(name: string): T {
  return readFixture<T>(import.meta.url, name);
}

export interface ClockifyStub extends VendorStub {
  /** Contract problems seen so far in this test (cleared by `takeViolations`). */
  violations: string[];
  takeViolations(): string[];
}

/** Clockify's error body. */
export function clockifyError(status: number, code: number, message = 'error'): Response {
  return HttpResponse.json({ message, code }, { status });
}

export function clockifyStub(): ClockifyStub {
  const stub = vendorStub([TEST_BASE_URL, TEST_REPORTS_BASE_URL], {
    credential: 'X-Api-Key',
    secrets: [TEST_API_KEY, TEST_PERSONAL_KEY],
    unauthorized: () => clockifyError(401, 4003, 'Api key does not exist'),
  });
  const violations: string[] = [];
  // Registered after vendorStub's hooks, so it runs before they reset.
  afterEach(() => {
    const seen = violations.splice(0);
    expect(seen, 'requests outside the Clockify specs').toEqual([]);
  });
  return {
    ...stub,
    violations,
    takeViolations: () => violations.splice(0),
    route(method, path, answer: StubAnswer) {
      return stub.route(method, path, async (request) => {
        const problems = checkContract({ method: request.method, path: request.path, query: request.query, body: request.body });
        if (problems.length) {
          violations.push(...problems);
          return HttpResponse.json({ message: 'contract violation', code: 0 }, { status: 599 });
        }
        return typeof answer === 'function' ? answer(request) : answer instanceof Response ? answer.clone() : (answer as JsonBodyType);
      });
    },
  };
}

/** Minimal name lists of the fixtures' workspace. */
export const DIRECTORY = {
  projects: [
    { id: PROJECT_ACME, name: 'Acme website', clientId: CLIENT_ACME, clientName: 'Acme Corp', archived: false, billable: true, workspaceId: WS },
    { id: PROJECT_INTERNAL, name: 'Internal', clientId: '', clientName: '', archived: false, billable: false, workspaceId: WS },
    { id: '65b1c2d3e4f5a6b7c8d9e003', name: 'Acme archive 2023', clientId: CLIENT_ACME, clientName: 'Acme Corp', archived: true, billable: true, workspaceId: WS },
  ],
  clients: [{ id: CLIENT_ACME, name: 'Acme Corp', archived: false, workspaceId: WS }],
  tags: [
    { id: TAG_MEETING, name: 'meeting', archived: false, workspaceId: WS },
    { id: TAG_OVERTIME, name: 'overtime', archived: true, workspaceId: WS },
  ],
  tasks: [
    { id: TASK_DESIGN, name: 'Design', projectId: PROJECT_ACME, status: 'ACTIVE' },
    { id: '66c1d2e3f4a5b6c7d8e9f002', name: 'Development', projectId: PROJECT_ACME, status: 'ACTIVE' },
  ],
};

/** The routes most tests need: the key owner, the workspace, and the name lists. */
export function commonRoutes(stub: VendorStub, overrides: { workspace?: JsonBodyType; user?: JsonBodyType } = {}) {
  return [
    stub.route('get', '/user', overrides.user ?? fixture('user')),
    stub.route('get', `/workspaces/${WS}`, overrides.workspace ?? fixture('workspace')),
    stub.route('get', `/workspaces/${WS}/projects`, DIRECTORY.projects),
    stub.route('get', `/workspaces/${WS}/clients`, DIRECTORY.clients),
    stub.route('get', `/workspaces/${WS}/tags`, DIRECTORY.tags),
    stub.route('get', `/workspaces/${WS}/users`, fixture('users-list')),
    stub.route('get', `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks`, DIRECTORY.tasks),
    stub.route('get', `/workspaces/${WS}/projects/${PROJECT_INTERNAL}/tasks`, []),
  ];
}

/** The runtime as the gateway builds it, pointed at the stub, with the clock fixed. */
export async function startClockify(
  options: { env?: Record<string, string>; now?: Date; log?: Logger; metrics?: Metrics; common?: Partial<CommonConnectorConfig> } = {},
): Promise<ClockifyRuntime> {
  const runtime = await startConnector(
    clockifyManifest,
    { CLOCKIFY_API_KEY: TEST_API_KEY, CLOCKIFY_REPORTS_BASE_URL: TEST_REPORTS_BASE_URL, ...options.env },
    { common: { baseUrl: TEST_BASE_URL, ...options.common }, log: options.log, metrics: options.metrics },
  );
  const now = options.now ?? TEST_NOW;
  runtime.now = () => now;
  return runtime;
}

export { clockifyManifest as clockify };

/** acted_as of a write on an object (tag, client, …) made with the shared test key for the default test caller, who is not its owner. */
export const AS_KEY_OWNER = {
  connector: 'clockify',
  how: 'shared_key_as_owner',
  user_id: ME,
  name: 'Alice Moreau',
  email: 'alice@example.com',
  note: "Made with the gateway's shared Clockify key, as its owner Alice Moreau (alice@example.com).",
} as const;

/** acted_as of "my" reads and writes for the default test caller (user-admin@example.test), whom no member matches. */
export const MINE_AS_KEY_OWNER = {
  ...AS_KEY_OWNER,
  note: "Acted as the owner of the gateway's shared Clockify key, Alice Moreau (alice@example.com), not as you: no Clockify workspace member has the email user-admin@example.test.",
} as const;
