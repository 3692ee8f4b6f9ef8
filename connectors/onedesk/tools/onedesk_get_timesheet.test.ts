import { describe, expect, it } from 'vitest';
import { errorOf, fixture, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from '../test-support';

const stub = useOnedesk();

describe('onedesk_get_timesheet', () => {
  it('reads one timesheet by id as a worklog', async () => {
    stub.use(stub.route('get', '/timesheets/id/501', ok(fixture<unknown[]>('timesheets')[0])));
    const result = await runTool(onedesk, 'onedesk_get_timesheet', { id: 501 }, { runtime: await startOnedesk() });
    expect(result.structuredContent).toMatchObject({
      worklog: { id: 501, external_id: '8c4f1d2e-3b5a-4c6d-8e7f-9a0b1c2d3e4f', duration: { seconds: 5400 }, billable: true, user: { name: 'Pam Beesly' } },
    });
  });

  it('maps a 404 to not_found', async () => {
    stub.use(stub.route('get', '/timesheets/externalId/:x', vendorError(404)));
    const error = errorOf(await runTool(onedesk, 'onedesk_get_timesheet', { external_id: '0d0e0a0d-0000-4000-8000-00000000dead' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('not_found');
  });

  it('needs an id', async () => {
    expect(errorOf(await runTool(onedesk, 'onedesk_get_timesheet', {}, { runtime: await startOnedesk() })).code).toBe('invalid_argument');
  });
});
