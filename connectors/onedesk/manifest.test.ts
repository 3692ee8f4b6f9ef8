import { describe, expect, it } from 'vitest';
import { connectorServices } from '../../tests/support/connector-kit';
import { capturingLogger, errorOf, fixture, itemTypesRoute, ok, onedesk, PERSONAL_KEY, runTool, startOnedesk, TEST_API_KEY, TEST_BASE_URL, useOnedesk, vendorError } from './test-support';

const stub = useOnedesk();

describe('the OneDesk manifest', () => {
  it('is staff-only by default, with only items on by default (the budget of 40 default tools)', () => {
    expect(onedesk.minRole).toBe('staff');
    expect(onedesk.toolsets.filter((t) => t.default).map((t) => t.id)).toEqual(['items']);
    expect(onedesk.tools).toHaveLength(24);
    expect(onedesk.isConfigured({ ONEDESK_API_KEY: ' ' })).toBe(false);
    expect(onedesk.isConfigured({ ONEDESK_API_KEY: TEST_API_KEY })).toBe(true);
  });

  it("reports the organization's name for `deskgate doctor`", async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))));
    const health = await onedesk.healthCheck(await startOnedesk());
    expect(health).toEqual({ ok: true, detail: 'OneDesk accepted the key for organization "Dunder Mifflin Support".' });
  });

  it('reports a refused key without the key or the vendor text', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))));
    const health = await onedesk.healthCheck(await startOnedesk({ apiKey: 'odk_wrong_key_0000' }));
    expect(health.ok).toBe(false);
    expect(health.detail).toContain('unauthenticated');
    expect(health.detail).toContain('ONEDESK_API_KEY');
    expect(health.detail).not.toContain('odk_wrong_key_0000');
    expect(health.detail).not.toContain('Invalid API key');
  });

  it('reports a non-SUCCESS envelope as a failed check', async () => {
    stub.use(stub.route('get', '/organization/profileAndPolicy', { code: 'PLAN_REQUIRED', data: null }));
    const health = await onedesk.healthCheck(await startOnedesk());
    expect(health.ok).toBe(false);
    expect(health.detail).toContain('plan_required');
  });

  it('says so when no shared key is set, without calling OneDesk', async () => {
    const runtime = await onedesk.start({ apiKey: undefined, pageSize: 20 }, { access: 'full', toolsets: undefined, baseUrl: TEST_BASE_URL, timeoutMs: 1000, minRole: 'staff', credentials: 'personal_or_shared' }, connectorServices('onedesk'));
    expect((await onedesk.healthCheck(runtime)).ok).toBe(false);
    expect(stub.received).toEqual([]);
  });
});

describe('personal OneDesk keys', () => {
  it("uses the caller's own key, and caches item types per key", async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', ok([])));
    const runtime = await startOnedesk();
    await runTool(onedesk, 'onedesk_list_items', { type: 'ticket' }, { runtime });
    await runTool(onedesk, 'onedesk_list_items', { type: 'ticket' }, { runtime, credential: { id: 'cred-pam', secret: PERSONAL_KEY } });
    await runTool(onedesk, 'onedesk_list_items', { type: 'ticket' }, { runtime, credential: { id: 'cred-pam', secret: PERSONAL_KEY } });
    expect(stub.received.map((r) => `${r.path} ${r.secretIndex}`)).toEqual([
      '/organization/itemTypes 0',
      '/items/filter/details 0',
      '/organization/itemTypes 1',
      '/items/filter/details 1',
      '/items/filter/details 1',
    ]);
  });

  it('never lets a key reach a result, an error or a log line', async () => {
    const { log, text } = capturingLogger();
    stub.use(itemTypesRoute(stub), stub.route('post', '/items/filter/details', vendorError(500)));
    const runtime = await startOnedesk({ log });
    const failed = await runTool(onedesk, 'onedesk_list_items', { type: 'ticket' }, { runtime, credential: { id: 'cred-pam', secret: PERSONAL_KEY } });
    expect(errorOf(failed).code).toBe('upstream_error');
    for (const seen of [JSON.stringify(failed), text()]) {
      expect(seen).not.toContain(PERSONAL_KEY);
      expect(seen).not.toContain(TEST_API_KEY);
    }
    expect(text()).toContain('vendor call');
  });
});
