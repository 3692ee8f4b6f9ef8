import { describe, expect, it } from 'vitest';
import desktime from '../../connectors/desktime/index';
import { companyRoute, desktimeRoute, desktimeServer, fixture, received, runTool, startDesktime, TEST_API_KEY, useDesktimeServer } from '../../connectors/desktime/test-support';
import { errorOf, testPrincipal } from '../support/tool-harness';

/**
 * Issue 18 item 5: with DESKTIME_MIN_ROLE=user, a `user` read any
 * colleague's day (apps, sites, productivity) through the shared company
 * key by passing their employee_id, or the key owner's by passing nothing.
 * Whose day it is decides: another employee's needs staff.
 */
useDesktimeServer();

// The fixtures' employee 2 is Andy Bernard, andy@example.test; the shared key's owner is also Andy.
const andy = testPrincipal('user', { id: 'andy', email: 'Andy@Example.test' });
const pam = testPrincipal('user', { id: 'pam', email: 'pam@example.test' });
const pamStaff = testPrincipal('staff', { id: 'pam-staff', email: 'pam@example.test' });

const routes = () =>
  desktimeServer.use(
    companyRoute(),
    desktimeRoute('get', '/employee', fixture('employee')),
    desktimeRoute('get', '/employee/projects', fixture('employee-projects')),
    desktimeRoute('get', '/employee/basic', fixture('employee-basic')),
    // Who the caller is in DeskTime (the identity lookup by email, for a call without employee_id).
    desktimeRoute('get', '/employees', fixture('employees-day')),
  );

describe.each(['desktime_get_employee', 'desktime_get_employee_projects', 'desktime_get_employee_projects_and_apps'])('%s', (tool) => {
  it("refuses a user another employee's day by employee_id, and returns none of it", async () => {
    routes();
    const result = await runTool(desktime, tool, { employee_id: 2, date: '2024-03-15' }, { runtime: await startDesktime(), principal: pam });
    const error = errorOf(result);
    expect(error).toMatchObject({ code: 'permission_denied', connector: 'desktime', retryable: false });
    expect(error.message).toContain('staff');
    expect(error.hint).toMatch(/your own DeskTime employee_id|link your own DeskTime key/);
    expect(JSON.stringify(result)).not.toMatch(/Andy|andy@|Blue Book|phpstorm/i);
  });

  it("never gives a user the shared key owner's day when they pass no employee_id and are not that owner", async () => {
    routes();
    const result = await runTool(desktime, tool, { date: '2024-03-15' }, { runtime: await startDesktime(), principal: pam });
    expect(result.isError).toBe(true);
    expect(errorOf(result).code).toBe('permission_denied');
    expect(JSON.stringify(result)).not.toMatch(/Andy|Blue Book|phpstorm/i);
  });

  it('gives a user their own day (DeskTime email = deskgate email, case aside), by id or as the key owner', async () => {
    routes();
    const runtime = await startDesktime();
    for (const args of [{ employee_id: 2, date: '2024-03-15' }, { date: '2024-03-15' }]) {
      const result = await runTool(desktime, tool, args, { runtime, principal: andy });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ employee: { id: 2, name: 'Andy Bernard' } });
    }
  });

  it("gives staff a colleague's day", async () => {
    routes();
    const result = await runTool(desktime, tool, { employee_id: 2, date: '2024-03-15' }, { runtime: await startDesktime(), principal: pamStaff });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ employee: { id: 2 } });
  });

  it('leaves it to DeskTime when the user calls with their own linked key: it reads what that account may see', async () => {
    routes();
    const result = await runTool(desktime, tool, { employee_id: 2, date: '2024-03-15' }, {
      runtime: await startDesktime(),
      principal: pam,
      credential: { id: 'cred-pam', secret: TEST_API_KEY },
    });
    expect(result.isError).toBeFalsy();
    expect(received.every((r) => r.path !== '/employees')).toBe(true);
  });
});
