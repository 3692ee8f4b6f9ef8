import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const profile = { email: 'bob@example.com', hasPassword: true, imageUrl: '', name: 'Bob Chen', userCustomFieldValues: [], weekStart: 'SUNDAY', workCapacity: 'PT7H30M', workingDays: '["MONDAY","TUESDAY","WEDNESDAY","THURSDAY"]', workspaceNumber: 2 };

describe('clockify_get_member_profile', () => {
  it('gives working days (sent as a JSON string) and capacity in seconds and words', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/member-profile/${BOB}`, profile));
    const result = await runTool(clockify, 'clockify_get_member_profile', { user_id: BOB, workspace_id: WS }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      user_id: BOB,
      week_start: 'SUNDAY',
      working_days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'],
      work_capacity_seconds: 27000,
      work_capacity: '7h 30m',
      extra: { hasPassword: true, workspaceNumber: 2 },
    });
  });

  it('an unknown user is not_found', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/member-profile/${BOB}`, clockifyError(404, 501)));
    expect(errorOf(await runTool(clockify, 'clockify_get_member_profile', { user_id: BOB, workspace_id: WS }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses a user_id that matches nobody', async () => {
    stub.use(...commonRoutes(stub));
    expect(errorOf(await runTool(clockify, 'clockify_get_member_profile', { user_id: '../bob' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('user_id');
  });

  it('finds the member by email', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', `/workspaces/${WS}/member-profile/${BOB}`, profile));
    const result = await runTool(clockify, 'clockify_get_member_profile', { user: 'BOB@example.com' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ user_id: BOB, name: 'Bob Chen' });
  });
});
