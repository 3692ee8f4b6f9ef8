/**
 * Tolerant readers (issue #19 item 3), generated over the fixtures: every
 * top-level field of the employee, company and project fixtures is mutated
 * once each way (wrong type, null, missing); every list and get tool still
 * answers and keeps every item, and a wrong-typed value is shown (read, or
 * under extra) where the tool returns that object.
 */
import { describe, expect, it } from 'vitest';
import desktime from './index';
import { companyRoute, desktimeRoute, desktimeServer, fixture, runTool, startDesktime, useDesktimeServer } from './test-support';
import { coverageProblems, extraKeys, itemsOf, mutations, wrongTypeProblems } from '../../tests/support/tolerance';

useDesktimeServer();

interface Case {
  tool: string;
  args: Record<string, unknown>;
  path: string;
  fixture: string;
  /** The mutated item and the answer around it. */
  wrap: (item: Record<string, unknown>) => unknown;
  first: () => Record<string, unknown>;
  /** The items in the result. */
  items: (out: Record<string, unknown>) => unknown[];
  count: number;
  /** Fields whose wrong-typed value the result must show (read or under extra). */
  shows: 'all' | 'none';
  /**
   * The id of an asked-for employee is what tells whose day came back
   * (DeskTime answers for the key owner when it ignores an id): unreadable,
   * the tool refuses with upstream_error rather than guess.
   */
  idRefused?: boolean;
}

const employeesDay = () => fixture('employees-day') as { employees: Record<string, Record<string, Record<string, unknown>>> };
const DAY = Object.keys(employeesDay().employees)[0]!;

const CASES: Case[] = [
  {
    tool: 'desktime_get_employee',
    args: { employee_id: 2, date: '2024-03-15' },
    path: '/employee',
    fixture: 'employee',
    first: () => fixture('employee') as Record<string, unknown>,
    wrap: (item) => item,
    items: (out) => [out.employee],
    count: 1,
    shows: 'all',
    idRefused: true,
  },
  {
    tool: 'desktime_list_employees',
    args: { date: DAY },
    path: '/employees',
    fixture: 'employees-day',
    first: () => Object.values(employeesDay().employees[DAY]!)[0]!,
    wrap: (item) => {
      const data = employeesDay();
      const [firstId, ...rest] = Object.keys(data.employees[DAY]!);
      data.employees[DAY] = { [firstId!]: item, ...Object.fromEntries(rest.map((id) => [id, data.employees[DAY]![id]!])) };
      return data;
    },
    items: (out) => (out.days as { employees: unknown[] }[]).flatMap((d) => d.employees),
    count: Object.keys(employeesDay().employees[DAY]!).length,
    shows: 'all',
  },
  {
    tool: 'desktime_get_employee_projects',
    args: { employee_id: 2, date: '2024-03-14' },
    path: '/employee/projects',
    fixture: 'employee-projects',
    first: () => fixture('employee-projects') as Record<string, unknown>,
    wrap: (item) => item,
    items: (out) => [out.employee],
    count: 1,
    shows: 'none',
    idRefused: true,
  },
  {
    tool: 'desktime_get_employee_projects_and_apps',
    args: { employee_id: 2, date: '2024-03-15' },
    path: '/employee/basic',
    fixture: 'employee-basic',
    first: () => fixture('employee-basic') as Record<string, unknown>,
    wrap: (item) => item,
    items: (out) => [out.employee],
    count: 1,
    shows: 'none',
    idRefused: true,
  },
  {
    tool: 'desktime_list_projects',
    args: {},
    path: '/projects',
    fixture: 'projects',
    first: () => itemsOf(fixture('projects'), 'projects')[0]!,
    wrap: (item) => {
      const data = fixture('projects') as { projects: unknown[] };
      return { ...data, projects: [item, ...data.projects.slice(1)] };
    },
    items: (out) => out.projects as unknown[],
    count: itemsOf(fixture('projects'), 'projects').length,
    shows: 'all',
  },
  {
    tool: 'desktime_get_account',
    args: {},
    path: '/company',
    fixture: 'company',
    first: () => fixture('company') as Record<string, unknown>,
    wrap: (item) => item,
    items: (out) => [out],
    count: 1,
    shows: 'all',
  },
  {
    // The ping reads one field, DeskTime's clock: odd or missing, the check still answers, without a server time.
    tool: 'desktime_ping',
    args: {},
    path: '/ping',
    fixture: 'ping',
    first: () => fixture('ping') as Record<string, unknown>,
    wrap: (item) => item,
    items: (out) => [out],
    count: 1,
    shows: 'none',
  },
];

/** Read tools that read no vendor entry's fields, and why (none: the ping's one field is mutated too). */
const EXEMPT: Record<string, string> = {};

describe('DeskTime list and get tools read every fixture field tolerantly', () => {
  for (const c of CASES) {
    it(`${c.tool}: keeps the item and the call when any field is of the wrong type, null or missing`, async () => {
      const runtime = await startDesktime();
      let current: unknown;
      // The tool's own route first: msw answers with the first match, and desktime_get_account reads /company itself.
      desktimeServer.use(desktimeRoute('get', c.path, () => current as never), companyRoute());
      current = c.wrap(c.first());
      const baseline = await runTool(desktime, c.tool, c.args, { runtime });
      expect(baseline.isError, baseline.content[0]?.text).toBeFalsy();
      const baselineExtra = extraKeys(c.items(baseline.structuredContent as Record<string, unknown>));
      const problems: string[] = [];
      for (const m of mutations(c.first())) {
        if (m.field === '__request_time') continue;
        current = c.wrap(m.item);
        const result = await runTool(desktime, c.tool, c.args, { runtime });
        const label = `${m.field} ${m.kind}`;
        if (c.idRefused && m.field === 'id') {
          if (!result.isError || !result.content[0]?.text.includes('no readable employee id')) problems.push(`${label}: not refused as unreadable`);
          continue;
        }
        if (result.isError) {
          problems.push(`${label}: ${result.content[0]?.text}`);
          continue;
        }
        const items = c.items(result.structuredContent as Record<string, unknown>);
        if (items.length !== c.count) problems.push(`${label}: ${items.length} items instead of ${c.count}`);
        const partly = (result.structuredContent as { partly_read?: { items: number; fields: string[] } }).partly_read;
        if (c.shows === 'all' && m.kind === 'wrong type') for (const p of wrongTypeProblems(m, items, baselineExtra, partly)) problems.push(`${label}: ${p}`);
        if (m.field === 'id' && m.kind === 'wrong type' && c.shows === 'all' && !partly?.fields.includes('id')) problems.push(`${label}: partly_read does not report it`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('covers every read tool of the connector', () => {
    expect(coverageProblems(desktime, CASES.map((c) => c.tool), EXEMPT)).toEqual([]);
  });
});
