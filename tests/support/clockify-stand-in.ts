/**
 * A loopback Clockify for end-to-end tests: a real node:http server (msw
 * would also intercept the MCP clients' own loopback fetches) holding one
 * workspace in memory. It serves the main API under `/api/v1` and the
 * reports API under `/reports/v1`, checks `X-Api-Key`, pages with
 * `page`/`page-size` + `Last-Page`, answers errors as Clockify does
 * (`{"message", "code"}`), and runs the contract check on every request
 * (`violations` lists requests neither spec documents).
 *
 * Extending it (part 2, reports): `standIn.route('POST', '/workspaces/:ws/reports/summary', (req) => ({ body: … }), 'reports')`.
 * Routes added later win over the built-in ones.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkContract } from '../../connectors/clockify/contract';
import { startOfDay } from '../../src/format/dates';

export interface StandInRequest {
  method: string;
  /** Path below the host's `/v1`, e.g. `/workspaces/w1/tags`. */
  path: string;
  host: 'api' | 'reports';
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  hadKey: boolean;
}

export interface StandInAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: StandInRequest) => StandInAnswer | Promise<StandInAnswer>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  host: 'api' | 'reports';
  handler: Handler;
}

export interface Entity extends Record<string, unknown> {
  id: string;
}

let counter = 0;
/** A fresh 24-hex id. */
export const newId = () => (Date.now().toString(16) + (++counter).toString(16).padStart(6, '0')).padStart(24, 'a').slice(-24);

export const STAND_IN_WS = '64a687e29ae1f428e7ebe303';
export const STAND_IN_ME = '5a0ab5acb07987125438b60f';

export class ClockifyStandIn {
  /**
   * Every request; `url` is the request target exactly as received (path and
   * query, nothing normalised); `at` is when it arrived (performance.now(), ms).
   */
  readonly calls: (Omit<StandInRequest, 'params' | 'query'> & { url: string; at: number })[] = [];
  readonly violations: string[] = [];
  /** Workspace data, mutable by tests. */
  readonly data = {
    user: {
      id: STAND_IN_ME,
      email: 'alice@example.com',
      name: 'Alice Moreau',
      activeWorkspace: STAND_IN_WS,
      defaultWorkspace: STAND_IN_WS,
      status: 'ACTIVE',
      settings: { timeZone: 'Europe/Paris', weekStart: 'MONDAY' },
      memberships: [] as unknown[],
    } as Entity,
    workspace: {
      id: STAND_IN_WS,
      name: 'Moreau Design Studio',
      hourlyRate: { amount: 8550, currency: 'EUR' },
      memberships: [{ userId: STAND_IN_ME, hourlyRate: null, targetId: STAND_IN_WS, membershipType: 'WORKSPACE', membershipStatus: 'ACTIVE' }],
      workspaceSettings: { forceTasks: false, forceProjects: false },
      currencies: [{ code: 'EUR', isDefault: true }],
    } as Entity,
    /** Workspace members besides the key's owner (`user`). */
    members: [] as Entity[],
    clients: [] as Entity[],
    projects: [] as Entity[],
    tasks: [] as Entity[],
    tags: [] as Entity[],
    timeEntries: [] as Entity[],
  };
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  /** The key's user's roles in the workspace: GET /workspaces?roles=… lists the workspace only when one of them is asked for. */
  keyRoles: string[] = ['OWNER'];
  /** Refuse the reports host's time reports with 403, as Clockify does for a key that is not a workspace admin or manager. */
  forbidReports = false;
  /** Answer the next request to a path containing this with a 500 whose body echoes the request, key included (leak tests). */
  failNextContaining: string | undefined;
  /**
   * Applies the next `method` request to a path ending with `pathEnd`, then
   * loses its answer: a 504 after saving (as a gateway in front of Clockify
   * answers when Clockify was slow), or, with `holdMs`, no answer until the
   * caller has given up (its timeout).
   */
  loseNextAnswer: { method: string; pathEnd: string; status?: number; holdMs?: number } | undefined;

  constructor(
    readonly apiKey: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.builtIns();
  }

  get baseUrl() {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api/v1`;
  }
  get reportsBaseUrl() {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/reports/v1`;
  }

  /** Adds a route; `:name` segments become params. Later routes win. */
  route(method: string, path: string, handler: Handler, host: 'api' | 'reports' = 'api') {
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:([a-zA-Z]+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    this.routes.unshift({ method: method.toUpperCase(), pattern, names, host, handler });
  }

  async start() {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status = 200, body, headers = {} }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage): Promise<StandInAnswer> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = url.pathname.startsWith('/reports/v1') ? 'reports' : 'api';
    const path = url.pathname.replace(/^\/(api|reports)\/v1/, '') || '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const method = req.method ?? 'GET';
    const hadKey = req.headers['x-api-key'] === this.apiKey;
    this.calls.push({ method, path, host, body, hadKey, url: req.url ?? '', at });
    const problems = checkContract({ method, path, query: Object.fromEntries(url.searchParams), body });
    if (problems.length) {
      this.violations.push(...problems);
      return { status: 404, body: { message: `No static resource v1${path}.`, code: 3000 } };
    }
    if (!hadKey) return { status: 401, body: { message: 'Api key does not exist', code: 4003 } };
    if (this.failNextContaining && path.includes(this.failNextContaining)) {
      this.failNextContaining = undefined;
      return { status: 500, body: { message: `internal failure for ${req.url} with key ${String(req.headers['x-api-key'])}`, code: 500 } };
    }
    for (const route of this.routes) {
      if (route.method !== method || route.host !== host) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      const answer = await route.handler({ method, path, host, query: url.searchParams, body, params, hadKey });
      const lose = this.loseNextAnswer;
      if (lose && lose.method === method && path.endsWith(lose.pathEnd)) {
        this.loseNextAnswer = undefined;
        if (lose.holdMs) await new Promise((resolve) => setTimeout(resolve, lose.holdMs));
        return { status: lose.status ?? 504, body: { message: 'Gateway Timeout' } };
      }
      return answer;
    }
    return { status: 404, body: { message: `No static resource v1${path}.`, code: 3000 } };
  }

  /** A page of `items` per `page`/`page-size`, with Last-Page. */
  page(items: unknown[], query: URLSearchParams): StandInAnswer {
    const page = Number(query.get('page') ?? 1);
    const size = Number(query.get('page-size') ?? 50);
    const slice = items.slice((page - 1) * size, page * size);
    return { body: slice, headers: { 'Last-Page': String(page * size >= items.length) } };
  }

  private find(list: Entity[], id: string): Entity | undefined {
    return list.find((e) => e.id === id);
  }

  private hydrate(entry: Entity) {
    const project = this.find(this.data.projects, entry.projectId as string);
    const task = this.find(this.data.tasks, entry.taskId as string);
    return {
      ...entry,
      project: project ? { id: project.id, name: project.name, clientId: project.clientId ?? '', clientName: project.clientName ?? '' } : null,
      task: task ? { id: task.id, name: task.name } : null,
      tags: ((entry.tagIds as string[]) ?? []).map((id) => ({ id, name: this.find(this.data.tags, id)?.name ?? null })),
    };
  }

  private interval(start: string, end: string | null | undefined) {
    const seconds = end ? Math.round((Date.parse(end) - Date.parse(start)) / 1000) : null;
    return { start, end: end ?? null, duration: seconds === null ? null : `PT${seconds}S` };
  }

  private notFound = (what: string): StandInAnswer => ({ status: 400, body: { message: `${what} doesn't belong to Workspace`, code: 501 } });

  private builtIns() {
    const d = this.data;
    const ws = '/workspaces/:ws';
    this.route('GET', '/user', () => ({ body: d.user }));
    this.route('GET', '/workspaces', ({ query }) => {
      const asked = query.getAll('roles');
      return { body: !asked.length || asked.some((r) => this.keyRoles.includes(r)) ? [d.workspace] : [] };
    });
    this.route('GET', ws, () => ({ body: d.workspace }));
    this.route('GET', `${ws}/users`, ({ query }) => this.page([d.user, ...d.members].filter((u) => !query.get('email') || u.email === query.get('email')), query));

    // Clients, projects, tasks, tags: list with name/archived filters, create, get, full-replace PUT, delete of archived only.
    const collection = (name: 'clients' | 'projects' | 'tags', path: string, activeDeleteRefused: boolean) => {
      this.route('GET', `${ws}/${path}`, ({ query }) => {
        const q = query.get('name')?.toLowerCase();
        const archived = query.get('archived');
        return this.page(
          d[name].filter((e) => (!q || String(e.name).toLowerCase().includes(q)) && (archived === null || String(e.archived ?? false) === archived)),
          query,
        );
      });
      this.route('POST', `${ws}/${path}`, ({ body }) => {
        const b = body as Entity;
        if (d[name].some((e) => String(e.name).toLowerCase() === String(b.name).toLowerCase())) return { status: 400, body: { message: 'already exists', code: 501 } };
        const client = name === 'projects' ? this.find(d.clients, b.clientId as string) : undefined;
        const entity: Entity = { ...b, id: newId(), workspaceId: STAND_IN_WS, archived: false, ...(name === 'projects' ? { clientName: client?.name ?? '', tasks: undefined } : {}) };
        delete entity.tasks;
        d[name].push(entity);
        if (name === 'projects') {
          for (const t of ((b.tasks as { name: string }[]) ?? [])) d.tasks.push({ id: newId(), name: t.name, projectId: entity.id, status: 'ACTIVE' });
        }
        return { status: 201, body: entity };
      });
      this.route('GET', `${ws}/${path}/:id`, ({ params }) => {
        const e = this.find(d[name], params.id!);
        return e ? { body: e } : this.notFound(name);
      });
      this.route('PUT', `${ws}/${path}/:id`, ({ params, body }) => {
        const e = this.find(d[name], params.id!);
        if (!e) return this.notFound(name);
        // Full replace: what is not sent resets (archived → false), as Clockify does.
        const next: Entity = { id: e.id, workspaceId: STAND_IN_WS, clientName: e.clientName, ...(body as object), archived: (body as Entity).archived === true };
        d[name].splice(d[name].indexOf(e), 1, next);
        return { body: next };
      });
      this.route('DELETE', `${ws}/${path}/:id`, ({ params }) => {
        const e = this.find(d[name], params.id!);
        if (!e) return this.notFound(name);
        if (activeDeleteRefused && !e.archived) return { status: 400, body: { message: `Cannot delete an active ${name.slice(0, -1)}`, code: 501 } };
        d[name].splice(d[name].indexOf(e), 1);
        return { body: e };
      });
    };
    collection('clients', 'clients', true);
    collection('projects', 'projects', true);
    collection('tags', 'tags', false);

    this.route('GET', `${ws}/projects/:pid/tasks`, ({ params, query }) => this.page(d.tasks.filter((t) => t.projectId === params.pid), query));
    this.route('POST', `${ws}/projects/:pid/tasks`, ({ params, body }) => {
      if (!this.find(d.projects, params.pid!)) return this.notFound('Project');
      const task: Entity = { status: 'ACTIVE', ...(body as object), id: newId(), projectId: params.pid };
      d.tasks.push(task);
      return { status: 201, body: task };
    });
    this.route('GET', `${ws}/projects/:pid/tasks/:id`, ({ params }) => {
      const t = d.tasks.find((x) => x.id === params.id && x.projectId === params.pid);
      return t ? { body: t } : this.notFound('Task');
    });

    // Time entries.
    const create = (userId: string, body: Entity): StandInAnswer => {
      if (body.projectId && !this.find(d.projects, body.projectId as string)) return this.notFound('Project');
      if (!body.end) {
        for (const e of d.timeEntries) {
          const ti = e.timeInterval as { start: string; end: string | null };
          if (e.userId === userId && ti.end === null) e.timeInterval = this.interval(ti.start, body.start as string);
        }
      }
      const entry: Entity = {
        id: newId(),
        description: body.description ?? '',
        userId,
        workspaceId: STAND_IN_WS,
        projectId: body.projectId ?? null,
        taskId: body.taskId ?? null,
        tagIds: body.tagIds ?? [],
        billable: body.billable ?? false,
        type: 'REGULAR',
        timeInterval: this.interval(body.start as string, body.end as string | undefined),
        hourlyRate: { amount: 8550, currency: 'EUR' },
      };
      d.timeEntries.push(entry);
      return { status: 201, body: entry };
    };
    this.route('POST', `${ws}/time-entries`, ({ body }) => create(STAND_IN_ME, body as Entity));
    this.route('POST', `${ws}/user/:uid/time-entries`, ({ params, body }) => create(params.uid!, body as Entity));
    this.route('GET', `${ws}/user/:uid/time-entries`, ({ params, query }) => {
      let list = d.timeEntries.filter((e) => e.userId === params.uid);
      if (query.get('in-progress') === 'true') list = list.filter((e) => (e.timeInterval as { end: unknown }).end === null);
      if (query.get('project')) list = list.filter((e) => e.projectId === query.get('project'));
      // start/end bound when an entry starts, as Clockify filters them.
      const startOf = (e: Entity) => Date.parse((e.timeInterval as { start: string }).start);
      if (query.get('start')) list = list.filter((e) => startOf(e) >= Date.parse(query.get('start')!));
      if (query.get('end')) list = list.filter((e) => startOf(e) <= Date.parse(query.get('end')!));
      const sorted = [...list].sort((a, b) => String((b.timeInterval as { start: string }).start).localeCompare(String((a.timeInterval as { start: string }).start)));
      return this.page(query.get('hydrated') === 'true' ? sorted.map((e) => this.hydrate(e)) : sorted, query);
    });
    this.route('GET', `${ws}/time-entries/status/in-progress`, ({ query }) => this.page(d.timeEntries.filter((e) => (e.timeInterval as { end: unknown }).end === null), query));
    this.route('GET', `${ws}/time-entries/:id`, ({ params, query }) => {
      const e = this.find(d.timeEntries, params.id!);
      if (!e) return { status: 404, body: { message: 'Time entry not found', code: 501 } };
      return { body: query.get('hydrated') === 'true' ? this.hydrate(e) : e };
    });
    this.route('PATCH', `${ws}/user/:uid/time-entries`, ({ params, body }) => {
      const running = d.timeEntries.find((e) => e.userId === params.uid && (e.timeInterval as { end: unknown }).end === null);
      if (!running) return { status: 404, body: { message: "Currently running time entry doesn't exist on workspace", code: 404 } };
      running.timeInterval = this.interval((running.timeInterval as { start: string }).start, (body as { end: string }).end);
      return { body: running };
    });
    // Single-entry PUT: replaces the entry; without `end` it stays (or becomes) running.
    this.route('PUT', `${ws}/time-entries/:id`, ({ params, body }) => {
      const e = this.find(d.timeEntries, params.id!);
      if (!e) return { status: 404, body: { message: 'Time entry not found', code: 501 } };
      const b = body as Entity;
      if (!b.start) return { status: 400, body: { message: "Field 'start' is mandatory", code: 501 } };
      Object.assign(e, { description: b.description ?? '', projectId: b.projectId ?? null, taskId: b.taskId ?? null, tagIds: b.tagIds ?? [], billable: b.billable ?? false });
      e.timeInterval = this.interval(b.start as string, b.end as string | undefined);
      return { body: e };
    });
    // Bulk edit, as the live API behaves (shared/vendors/EVIDENCE.md): id, start and end for every entry, or the whole batch is refused.
    this.route('PUT', `${ws}/user/:uid/time-entries`, ({ params, body }) => {
      const items = Array.isArray(body) ? (body as Entity[]) : [];
      if (!items.length || items.some((b) => !b.id || !b.start || !b.end)) return { status: 400, body: { message: "Field 'end' is mandatory", code: 501 } };
      const found = items.map((b) => this.find(d.timeEntries, b.id));
      if (found.some((e) => !e || e.userId !== params.uid)) return { status: 400, body: { message: "Time entry doesn't belong to User", code: 501 } };
      return {
        body: items.map((b, i) => {
          const e = found[i]!;
          for (const key of ['description', 'projectId', 'taskId', 'billable'] as const) if (b[key] !== undefined) e[key] = b[key];
          e.timeInterval = this.interval(b.start as string, b.end as string);
          return e;
        }),
      };
    });
    // Detailed report (reports host), after DetailedReportFilterV1 and TimeEntryDetailedReportDto: dateRangeStart/End are
    // wall-clock in the body's timeZone (only whole-day bounds, T00:00:00.000 and T23:59:59.999, are read here, as the
    // connector sends); users {ids, contains}; detailedFilter {page (1-based), pageSize}; totals over the whole range on
    // every page; report durations in integer seconds; entries oldest first.
    this.route(
      'POST',
      `${ws}/reports/detailed`,
      ({ body }) => {
        if (this.forbidReports) return { status: 403, body: { message: 'Access Denied', code: 403 } };
        const b = (body ?? {}) as {
          dateRangeStart?: string;
          dateRangeEnd?: string;
          timeZone?: string;
          users?: { ids?: string[]; contains?: string };
          detailedFilter?: { page?: number; pageSize?: number };
        };
        const zone = b.timeZone ?? ((d.user.settings as { timeZone?: string }).timeZone || 'UTC');
        const startDay = /^(\d{4}-\d{2}-\d{2})T00:00:00(\.0+)?$/.exec(b.dateRangeStart ?? '')?.[1];
        const endDay = /^(\d{4}-\d{2}-\d{2})T23:59:59(\.9+)?$/.exec(b.dateRangeEnd ?? '')?.[1];
        if (!startDay || !endDay || !b.detailedFilter) return { status: 400, body: { message: 'dateRangeStart, dateRangeEnd and detailedFilter are required', code: 501 } };
        const from = startOfDay(startDay, zone).getTime();
        const to = startOfDay(new Date(Date.parse(`${endDay}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10), zone).getTime();
        const ids = b.users?.ids?.length ? new Set(b.users.ids) : undefined;
        const excluded = b.users?.contains === 'DOES_NOT_CONTAIN';
        const startOf = (e: Entity) => Date.parse((e.timeInterval as { start: string }).start);
        const list = d.timeEntries
          .filter((e) => startOf(e) >= from && startOf(e) < to && (!ids || ids.has(e.userId as string) !== excluded))
          .sort((x, y) => startOf(x) - startOf(y));
        const seconds = (e: Entity) => {
          const ti = e.timeInterval as { start: string; end: string | null };
          return ti.end ? Math.round((Date.parse(ti.end) - Date.parse(ti.start)) / 1000) : 0;
        };
        const page = b.detailedFilter.page ?? 1;
        const size = b.detailedFilter.pageSize ?? 50;
        const people = [d.user, ...d.members];
        const total = list.reduce((sum, e) => sum + seconds(e), 0);
        return {
          body: {
            totals: list.length
              ? [{ _id: '', totalTime: total, totalBillableTime: list.filter((e) => e.billable).reduce((sum, e) => sum + seconds(e), 0), entriesCount: list.length, amounts: [] }]
              : [],
            timeentries: list.slice((page - 1) * size, page * size).map((e) => {
              const user = people.find((u) => u.id === e.userId);
              const project = this.find(d.projects, e.projectId as string);
              const ti = e.timeInterval as { start: string; end: string | null };
              return {
                _id: e.id,
                description: e.description ?? '',
                userId: e.userId,
                userName: user?.name ?? null,
                userEmail: user?.email ?? null,
                projectId: e.projectId ?? null,
                projectName: project?.name ?? null,
                billable: e.billable === true,
                tags: [],
                timeInterval: { start: ti.start, end: ti.end, duration: seconds(e) },
              };
            }),
          },
        };
      },
      'reports',
    );
    this.route('DELETE', `${ws}/time-entries/:id`, ({ params }) => {
      const e = this.find(d.timeEntries, params.id!);
      if (!e) return { status: 404, body: { message: 'Time entry not found', code: 501 } };
      d.timeEntries.splice(d.timeEntries.indexOf(e), 1);
      return { status: 204 };
    });
  }
}

/** Starts a stand-in on an ephemeral loopback port. */
export function startClockifyStandIn(apiKey: string, now?: () => Date): Promise<ClockifyStandIn> {
  return new ClockifyStandIn(apiKey, now).start();
}
