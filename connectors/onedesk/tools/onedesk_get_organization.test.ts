import { describe, expect, it } from 'vitest';
import { errorOf, fixture, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_get_organization', () => {
  it('gives the profile, item types with the kind each tool reads, and lifecycle statuses', async () => {
    stub.use(
      stub.route('get', '/organization/profileAndPolicy', ok(fixture('profile'))),
      itemTypesRoute(stub),
      stub.route('get', '/organization/lifecycleStatus', ok(fixture('lifecycle-statuses'))),
    );
    const result = await runTool(onedesk, 'onedesk_get_organization', {}, { runtime: await startOnedesk() });
    expect(result.structuredContent).toMatchObject({
      name: 'Dunder Mifflin Support',
      date_format: 'yyyy-MM-dd',
      default_thread_visibility: 'INTERNAL',
      item_types: expect.arrayContaining([{ label: 'Bug', code: 'ISSUE', kind: 'issue' }]),
      lifecycle_statuses: expect.arrayContaining([{ id: 5, name: 'Closed', state: 'COMPLETED' }]),
    });
  });

  it('reports a key without API access as plan_required when OneDesk says so', async () => {
    stub.use(
      stub.route('get', '/organization/profileAndPolicy', vendorError(403, 'PLAN_REQUIRED')),
      itemTypesRoute(stub),
      stub.route('get', '/organization/lifecycleStatus', ok([])),
    );
    const error = errorOf(await runTool(onedesk, 'onedesk_get_organization', {}, { runtime: await startOnedesk() }));
    expect(error.code).toBe('plan_required');
  });

  it('takes no arguments', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_get_organization', { verbose: true }, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });
});
