import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from '../../connectors/onedesk/test-support';

/**
 * A loopback OneDesk Public API for end-to-end tests: a real node:http
 * server (msw would also intercept the MCP clients' own loopback fetches),
 * speaking the `{code, data}` envelope, keeping tickets and timesheets in
 * memory. Anything it does not know is a 404 with code NOT_FOUND, the way a
 * missing route would answer.
 */
export interface OnedeskStandIn {
  baseUrl: string;
  /** Every request: method, path below /rest/public, whether it carried the key; `url` exactly as received. */
  calls: { method: string; path: string; hadKey: boolean; body: unknown; url: string }[];
  timesheets: Record<string, unknown>[];
  /** The organization's users (the fixture's, mutable by tests). */
  users: Record<string, unknown>[];
  /**
   * Filter properties this OneDesk does not apply, as `resource:property`
   * (e.g. `items:lifecycleStatus`): answered with the unfiltered rows and the
   * property in notAppliedPropertyFilters, as OneDesk reports it. Mutable.
   */
  ignoredFilters: Set<string>;
  /** The next request to this path fails with this status, its body echoing the request (key included). */
  failNext(path: string, status: number): void;
  close(): Promise<void>;
}

type Row = Record<string, unknown>;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** A row field as a filter sees it: an object's name, label or external id; an array's elements likewise. */
function filterValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(filterValue);
  if (value !== null && typeof value === 'object') {
    const o = value as Row;
    return o.name ?? o.label ?? o.externalId ?? o.id;
  }
  return value;
}

const comparable = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : value);

/**
 * Whether a row passes the filter properties, each applied as OneDesk is
 * expected to: EQ, CONTAINS (a substring, or an element of a list), and
 * GT/GE/LT/LE on dates and numbers. A row without the property does not
 * pass: a filter applied is never silently skipped here.
 */
function matches(row: Row, properties: { property: string; operation: string; value: unknown }[]): boolean {
  return properties.every((p) => {
    const raw = row[p.property];
    if (raw === undefined || raw === null) return false;
    const v = filterValue(raw);
    switch (p.operation) {
      case 'EQ':
        return v === p.value;
      case 'CONTAINS':
        return Array.isArray(v) ? v.includes(p.value) : String(v).toLowerCase().includes(String(p.value).toLowerCase());
      case 'NOT_EMPTY':
        return v !== '' && !(Array.isArray(v) && !v.length);
      default: {
        const a = comparable(v) as number;
        const b = comparable(p.value) as number;
        return p.operation === 'GT' ? a > b : p.operation === 'GE' ? a >= b : p.operation === 'LT' ? a < b : a <= b;
      }
    }
  });
}

export async function startOnedeskStandIn(apiKey: string): Promise<OnedeskStandIn> {
  const items = fixture<Row[]>('items-tickets');
  const timesheets: Row[] = [];
  const users = fixture<Row[]>('users');
  const calls: OnedeskStandIn['calls'] = [];
  const failures = new Map<string, number>();
  const ignoredFilters = new Set<string>();
  let nextTimesheetId = 900;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.replace(/^\/rest\/public/, '');
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      const hadKey = req.headers['od-public-api-key'] === apiKey;
      calls.push({ method: req.method ?? 'GET', path, hadKey, body, url: req.url ?? '' });
      const answer = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const success = (data: unknown, extra: Row = {}) => answer(200, { code: 'SUCCESS', data, ...extra });
      if (!hadKey) return answer(401, { code: 'UNAUTHORIZED', message: 'Invalid API key' });
      const failure = failures.get(path);
      if (failure !== undefined) {
        failures.delete(path);
        // A careless vendor error: it quotes the request, key included.
        return answer(failure, { code: 'ERROR', message: `failed ${req.method} ${req.url} with key ${String(req.headers['od-public-api-key'])}` });
      }
      const filter = (body ?? {}) as { properties?: Row[]; itemType?: string[]; limit?: number; offset?: number };
      const resource = /^\/([a-z-]+)\/filter\/details$/.exec(path)?.[1];
      const notAppliedPropertyFilters = (filter.properties ?? []).map((p) => String(p.property)).filter((p) => ignoredFilters.has(`${resource}:${p}`));
      const applied = (r: string) => ((filter.properties ?? []) as { property: string; operation: string; value: unknown }[]).filter((p) => !ignoredFilters.has(`${r}:${p.property}`));
      const page = (rows: Row[]) => {
        const offset = filter.offset ?? 0;
        return success(rows.slice(offset, offset + (filter.limit ?? 20)), { totalNum: rows.length, notAppliedPropertyFilters });
      };
      // As strict as the evidence allows (shared/vendors/EVIDENCE.md): every integration seen sends at least one
      // filter and `creationTime` as YYYY-MM-DD; whether OneDesk takes anything else is unknown, so this refuses it.
      if (req.method === 'POST' && path.endsWith('/filter/details')) {
        const properties = Array.isArray(filter.properties) ? filter.properties : [];
        if (!properties.length) return answer(400, { code: 'ERROR', message: 'properties must not be empty' });
        const badTime = properties.find((p) => p.property === 'creationTime' && !/^\d{4}-\d{2}-\d{2}$/.test(String(p.value)));
        if (badTime) return answer(400, { code: 'ERROR', message: 'creationTime: expected yyyy-MM-dd' });
        if ((filter.limit ?? 20) > 20) return answer(400, { code: 'ERROR', message: 'limit too large' });
      }
      const typeOf = (row: Row) => (typeof row.type === 'string' ? row.type : (row.type as { label?: string } | undefined)?.label);
      switch (`${req.method} ${path}`) {
        case 'GET /organization/profileAndPolicy':
          return success(fixture('profile'));
        case 'GET /organization/itemTypes':
          return success(fixture('item-types'));
        case 'GET /organization/lifecycleStatus':
          return success(fixture('lifecycle-statuses'));
        case 'POST /items/filter/details':
          return page(items.filter((row) => (!filter.itemType || filter.itemType.includes(typeOf(row) ?? '')) && matches(row, applied('items'))));
        case 'POST /projects/filter/details':
          return page(fixture('projects'));
        case 'POST /users/filter/details':
          return page(users);
        case 'POST /timesheets/': {
          const id = nextTimesheetId++;
          const input = body as Row;
          timesheets.unshift({ id, externalId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`, authorName: 'API user', ...input });
          return success(id);
        }
        case 'POST /timesheets/filter/details':
          return page(timesheets.filter((row) => matches(row, applied('timesheets'))));
        // The evidence confirms these paths only: no conversations, messages or attachments are kept.
        case 'POST /conversations/filter/details':
        case 'POST /conversation-messages/filter/details':
        case 'POST /attachments/filter/details':
          return page([]);
        default: {
          const byId = /^\/items\/id\/(\d+)$/.exec(path);
          const item = byId && req.method === 'GET' ? items.find((i) => String(i.id) === byId[1]) : undefined;
          if (item) return success(item);
          return answer(404, { code: 'NOT_FOUND', message: 'No such route' });
        }
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/rest/public`,
    calls,
    timesheets,
    users,
    ignoredFilters,
    failNext: (path, status) => failures.set(path, status),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
