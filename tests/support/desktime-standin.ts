import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback DeskTime for end-to-end tests and the bench: a real node:http
 * server (msw would also intercept the MCP clients' own loopback fetches)
 * answering /company, /employee (the key's owner) and /employees for a day
 * or a month from rows the test sets per date. The key travels in the query
 * (`apiKey`), as DeskTime expects; a wrong one gets DeskTime's 200 with `error`.
 */
export interface DesktimeRow {
  id: number;
  name: string;
  email: string;
  arrived?: string | false;
  left?: string | false;
  desktimeTime?: number;
  productiveTime?: number;
}

export interface DesktimeStandIn {
  baseUrl: string;
  /** Rows per YYYY-MM-DD. */
  days: Map<string, DesktimeRow[]>;
  /** The employee who owns the key. */
  owner: DesktimeRow;
  /** Every request: path below /api/v2/json and its query. */
  calls: { path: string; query: Record<string, string> }[];
  /** While set, every request answers 503. */
  down: boolean;
  close(): Promise<void>;
}

function dayRow(date: string, row: DesktimeRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    groupId: 1,
    group: 'Support',
    profileUrl: `https://desktime.com/app/employee/${row.id}/${date}`,
    isOnline: false,
    arrived: row.arrived ?? false,
    left: row.left ?? false,
    late: false,
    onlineTime: row.desktimeTime ?? 0,
    offlineTime: 0,
    desktimeTime: row.desktimeTime ?? 0,
    atWorkTime: row.desktimeTime ?? 0,
    afterWorkTime: 0,
    beforeWorkTime: 0,
    productiveTime: row.productiveTime ?? 0,
    productivity: 0,
    efficiency: 0,
    work_starts: '09:00:00',
    work_ends: '18:00:00',
    notes: [],
    activeProject: [],
  };
}

export async function startDesktimeStandIn(apiKey: string, options: { timeZone?: string; owner?: DesktimeRow } = {}): Promise<DesktimeStandIn> {
  const state: Omit<DesktimeStandIn, 'baseUrl' | 'close'> = {
    days: new Map(),
    owner: options.owner ?? { id: 1, name: 'Key Owner', email: 'owner@example.com' },
    calls: [],
    down: false,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname.replace('/api/v2/json', '');
    state.calls.push({ path, query });
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.down) return answer(503, { error: 'Service unavailable' });
    if (query.apiKey !== apiKey) return answer(200, { error: 'Invalid API key' });
    switch (path) {
      case '/company':
        return answer(200, { name: 'Stand-in Ltd', work_starts: '09:00:00', work_ends: '18:00:00', timezone_identifier: options.timeZone ?? 'Europe/Paris' });
      case '/employee':
        return answer(200, dayRow(query.date ?? '2026-01-01', state.owner));
      case '/employees': {
        const date = query.date ?? '';
        const dates = query.period === 'month' ? [...state.days.keys()].filter((d) => d.slice(0, 7) === date.slice(0, 7)).sort() : [date];
        const employees: Record<string, Record<string, unknown>> = {};
        for (const d of dates) {
          employees[d] = {};
          const rows = state.days.get(d) ?? [];
          // Everyone is listed every day (the identity lookup reads today's list).
          const everyone = new Map([[state.owner.id, state.owner], ...[...state.days.values()].flat().map((r) => [r.id, { id: r.id, name: r.name, email: r.email }] as const)]);
          for (const [id, person] of everyone) employees[d][String(id)] = dayRow(d, rows.find((r) => r.id === id) ?? person);
        }
        return answer(200, { employees, __request_time: String(Math.floor(Date.now() / 1000)) });
      }
      default:
        return answer(404, { error: 'unknown action' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}/api/v2/json`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
