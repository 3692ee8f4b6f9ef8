/**
 * What the DeskTime tools assume about DeskTime's API v2, with the
 * confidence from shared/vendors/EVIDENCE.md (every call confirmed; answer
 * shapes partly) and the live check `deskgate doctor --deep desktime` runs
 * with the shared key. Read-only: DeskTime has no call that removes a
 * project or undoes a start, so the write calls are never probed.
 */
import { checkFields, couldNotCheck, differs, holds, typeOf, type Probe, type VendorAssumption } from '../../src/doctor/assumptions';
import { DesktimeClient } from './client';
import type { DesktimeRuntime } from './runtime';

const EVIDENCE = 'shared/vendors/EVIDENCE.md (DeskTime)';
const DAY_TOOLS = ['desktime_get_employee', 'desktime_get_employee_projects', 'desktime_get_employee_projects_and_apps'];

const clientOf = (runtime: DesktimeRuntime, probe: Probe) => new DesktimeClient(runtime.pool.shared(), probe.log);
const today = () => new Date().toISOString().slice(0, 10);

/** One employee row of today's /employees answer (first by id), the doctor's sample. */
async function firstEmployee(runtime: DesktimeRuntime, probe: Probe): Promise<Record<string, unknown> | undefined> {
  const answer = await probe.once('employees', () => clientOf(runtime, probe).employees({ date: today(), period: 'day' }, { signal: probe.signal }));
  const byDate = answer.employees;
  const days = Array.isArray(byDate) ? [byDate] : Object.values(byDate);
  for (const day of days) {
    const rows = Array.isArray(day) ? day : Object.values(day as Record<string, unknown>);
    const row = rows.find((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r));
    if (row) return row;
  }
  return undefined;
}

export const desktimeAssumptions: VendorAssumption<DesktimeRuntime>[] = [
  {
    id: 'ping',
    fact: 'GET /ping?apiKey answers with the key accepted.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['desktime_ping'],
    covers: ['GET /ping'],
    async check(runtime, probe) {
      await clientOf(runtime, probe).ping({ signal: probe.signal });
      return holds('answered 200 with a JSON object');
    },
  },
  {
    id: 'company',
    fact: "GET /company answers the company's name, work hours and timezone_identifier (the zone every date is read in).",
    confidence: 'likely',
    evidence: `${EVIDENCE}: the call; fields from the API reference`,
    tools: ['desktime_get_account', 'desktime_list_employees', ...DAY_TOOLS],
    covers: ['GET /company'],
    async check(runtime, probe) {
      const company = await clientOf(runtime, probe).company({ signal: probe.signal });
      return typeof company.timezone_identifier === 'string' ? holds('timezone_identifier is a string') : differs(`timezone_identifier is ${typeOf(company.timezone_identifier)}: dates fall back to UTC`);
    },
  },
  {
    id: 'employees.day',
    fact: 'GET /employees?date&period=day answers employees keyed by date, then by id.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: ['desktime_list_employees', ...DAY_TOOLS],
    covers: ['GET /employees'],
    async check(runtime, probe) {
      const row = await firstEmployee(runtime, probe);
      return row ? holds('employees keyed by date held at least one employee object') : couldNotCheck('no employee in today\'s answer');
    },
  },
  {
    id: 'employees.fields',
    fact: 'Employee rows carry id, name, email, arrived, left, desktimeTime and productiveTime.',
    confidence: 'likely',
    evidence: `${EVIDENCE}: answer shapes from the API reference and integrations`,
    tools: ['desktime_list_employees', ...DAY_TOOLS],
    async check(runtime, probe) {
      const row = await firstEmployee(runtime, probe);
      if (!row) return couldNotCheck("no employee in today's answer");
      return checkFields(row, [
        ['id', ['number', 'string']],
        ['name', ['string']],
        ['email', ['string', 'null']],
        ['arrived', ['string', 'boolean', 'null']],
        ['left', ['string', 'boolean', 'null']],
        ['desktimeTime', ['number', 'string']],
        ['productiveTime', ['number', 'string']],
      ]);
    },
  },
  {
    id: 'employee.day',
    fact: 'GET /employee, /employee/projects and /employee/basic with id and date answer that employee\'s day.',
    confidence: 'confirmed',
    evidence: EVIDENCE,
    tools: DAY_TOOLS,
    covers: ['GET /employee', 'GET /employee/projects', 'GET /employee/basic'],
    async check(runtime, probe) {
      const row = await firstEmployee(runtime, probe);
      const id = typeof row?.id === 'number' ? row.id : typeof row?.id === 'string' && /^\d+$/.test(row.id) ? Number(row.id) : undefined;
      if (id === undefined) return couldNotCheck("no employee id in today's answer");
      const client = clientOf(runtime, probe);
      const answers = [];
      for (const endpoint of ['full', 'projects', 'basic'] as const) answers.push(await client.employee(endpoint, { id, date: today() }, { signal: probe.signal }));
      const same = answers.every((a) => Number(a.id) === id);
      return same ? holds('the three employee endpoints answered the same employee id') : differs('an employee endpoint answered another id');
    },
  },
  {
    id: 'projects',
    fact: 'GET /projects answers {projects: [...]} with id, name and tasks.',
    confidence: 'unknown',
    evidence: `${EVIDENCE}: the call confirmed, the answer's shape unknown`,
    tools: ['desktime_list_projects', 'desktime_start_project_task', 'desktime_stop_project_task', 'desktime_create_project'],
    covers: ['GET /projects'],
    async check(runtime, probe) {
      const answer = await clientOf(runtime, probe).projects({ signal: probe.signal });
      const list = Array.isArray(answer.projects) ? answer.projects : Object.values(answer.projects);
      if (!list.length) return couldNotCheck('no project in this account');
      const first = list[0] as Record<string, unknown>;
      return checkFields(first, [
        ['id', ['number', 'string']],
        ['name', ['string']],
      ]);
    },
  },
  {
    id: 'writes',
    fact: 'create-project, start-project and stop-project take project and task in the query string and answer a JSON object.',
    confidence: 'confirmed',
    evidence: `${EVIDENCE}: calls confirmed; answer shapes unknown`,
    tools: ['desktime_create_project', 'desktime_start_project_task', 'desktime_stop_project_task'],
    covers: ['POST /create-project', 'GET /start-project', 'GET /stop-project'],
    // Not a write check: nothing could be undone, so nothing is created even with --write-check.
    async check() {
      return couldNotCheck('not created, even with --write-check: DeskTime has no call that removes a project or undoes a start or stop, so a test would stay in the account');
    },
  },
];
