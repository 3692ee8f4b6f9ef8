import { describe, expect, it } from 'vitest';
import { errorOf, onedesk, recordEverything, runTool, startOnedesk, useOnedesk } from '../test-support';

const stub = useOnedesk();

describe('onedesk_delete_timesheet', () => {
  it('refuses with unsupported_by_vendor and alternatives, making no call to OneDesk at all', async () => {
    recordEverything(stub);
    const error = errorOf(await runTool(onedesk, 'onedesk_delete_timesheet', { id: 123 }, { runtime: await startOnedesk() }));
    expect(error).toMatchObject({ code: 'unsupported_by_vendor', retryable: false, connector: 'onedesk' });
    expect(error.message).toContain('cannot delete');
    expect(error.alternatives?.join(' ')).toContain('OneDesk web app');
    expect(stub.received).toEqual([]);
  });

  it('refuses the same way for an external id', async () => {
    recordEverything(stub);
    const error = errorOf(await runTool(onedesk, 'onedesk_delete_timesheet', { id: '20bf477b-5aa4-45aa-b08d-e403e17c4c75' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(stub.received).toEqual([]);
  });

  it('still checks its input', async () => {
    const error = errorOf(await runTool(onedesk, 'onedesk_delete_timesheet', {}, { runtime: await startOnedesk() }));
    expect(error.code).toBe('invalid_argument');
  });
});
