import { HttpResponse, type JsonBodyType } from 'msw';
import type { Logger } from '../../src/observability/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { CommonConnectorConfig } from '../../src/registry/types';
import { readFixture, startConnector, vendorStub, type StubAnswer, type VendorStub } from '../../tests/support/connector-kit';
import { onedeskManifest, ONEDESK_KEY_HEADER, type OnedeskRuntime } from './index';

/** Long and distinctive, so a leak test can grep for it anywhere. */
export const TEST_API_KEY = 'odk_test_Vb81Qe5Zx0Lp3Ty6';
/** A second key, as a caller's personal credential. */
export const PERSONAL_KEY = 'odk_personal_Hs27Nc4Wr9Kd1Mg8';
export const TEST_BASE_URL = 'https://onedesk.test/rest/public';

/** OneDesk's success envelope. */
export const ok = (data: unknown, extra: Record<string, unknown> = {}): JsonBodyType => ({ code: 'SUCCESS', data, ...extra }) as JsonBodyType;

export const fixture = <T = JsonBodyType>(name: string): T => readFixture<T>(import.meta.url, name);

/** An HTTP error as OneDesk might send it (its error body is undocumented [U]). */
export const vendorError = (status: number, code = 'ERROR') => HttpResponse.json({ code, message: `failure ${status}` }, { status });

/** The msw OneDesk for one test file (call at top level). A request without a known key gets 401. */
export function useOnedesk(): VendorStub {
  return vendorStub(TEST_BASE_URL, {
    credential: ONEDESK_KEY_HEADER,
    secrets: [TEST_API_KEY, PERSONAL_KEY],
    unauthorized: () => HttpResponse.json({ code: 'UNAUTHORIZED', message: 'Invalid API key' }, { status: 401 }),
  });
}

export async function startOnedesk(options: { log?: Logger; metrics?: Metrics; apiKey?: string; common?: Partial<CommonConnectorConfig> } = {}): Promise<OnedeskRuntime> {
  return startConnector(onedeskManifest, { ONEDESK_API_KEY: options.apiKey ?? TEST_API_KEY }, {
    common: { baseUrl: TEST_BASE_URL, timeoutMs: 5_000, ...options.common },
    log: options.log,
    metrics: options.metrics,
  });
}

/** The routes most item tools need besides their own: the organization's item types. */
export function itemTypesRoute(stub: VendorStub, answer: StubAnswer = ok(fixture('item-types'))) {
  return stub.route('get', '/organization/itemTypes', answer);
}

/** Routes that record any request, to prove a tool made none. */
export function recordEverything(stub: VendorStub) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) stub.use(stub.route(method, '/*', HttpResponse.json({ code: 'SUCCESS', data: null })));
}

export { capturingLogger, errorOf, runTool, testPrincipal } from '../../tests/support/connector-kit';
export { onedeskManifest as onedesk };

/** The organization's users (Pam, Dwight), which identity resolution reads to match the caller by email. */
export const usersRoute = (stub: VendorStub) => stub.route('post', '/users/filter/details', ok(fixture('users')));

/** acted_as of a write made with the shared test key for a caller who is no OneDesk user (OneDesk cannot say who owns a key). */
export const AS_KEY_OWNER = {
  connector: 'onedesk',
  how: 'shared_key_as_owner',
  user_id: null,
  name: null,
  email: null,
  note: "Made with the gateway's shared OneDesk key, as the OneDesk user it belongs to (OneDesk's Public API has no call that names the user behind an API key).",
} as const;
