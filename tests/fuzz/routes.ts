/**
 * What a vendor may receive: every request a stand-in records is checked
 * against the route templates the connectors build their paths from
 * (src/vendor-http/path.ts), with each placeholder filled by a value of the
 * vendor's id syntax, and only the query parameters that route takes.
 *
 * Clockify: the official and corrected specs (connectors/clockify/spec-routes.json,
 * via checkContract), plus the template routes neither spec has
 * (connectors/clockify/reports/templates.ts); every `{}` must be a 24-hex id.
 * OneDesk and DeskTime: the templates the connectors use, written out here.
 */
import { checkContract, specRoutes } from '../../connectors/clockify/contract';

const HEX24 = /^[0-9a-fA-F]{24}$/;
const NUMERIC = /^[1-9][0-9]{0,14}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex
const NAME = /^[^\u0000-\u001f]{1,255}$/;

/** Common to all: the raw request target must not carry dot segments, encoded slashes or a fragment. */
function rawProblems(url: string): string[] {
  const problems: string[] = [];
  const path = url.split('?')[0]!;
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..' || /^%2e/i.test(s) && /^(%2e|\.){1,2}$/i.test(s))) problems.push('dot segment');
  if (/%2f|%5c|%3f|%23/i.test(path)) problems.push('encoded separator in the path');
  if (url.includes('#')) problems.push('fragment');
  return problems;
}

const CLOCKIFY_EXTRA: { method: string; path: string }[] = [
  // [U] neither spec we hold has the templates routes (reports/templates.ts).
  { method: 'GET', path: '/workspaces/{}/templates' },
  { method: 'POST', path: '/workspaces/{}/templates' },
  { method: 'DELETE', path: '/workspaces/{}/templates/{}' },
];

function templateMatch(template: string, path: string): string[] | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '{}') {
      if (!p[i]) return undefined;
      params.push(p[i]!);
    } else if (t[i] !== p[i]) return undefined;
  }
  return params;
}

/** Problems with one request Clockify received (`url` as received, e.g. "/api/v1/workspaces/…?page=1"). */
export function clockifyProblems(method: string, url: string, body: unknown): string[] {
  const problems = rawProblems(url);
  const [rawPath, rawQuery = ''] = url.split('?') as [string, string?];
  const path = rawPath.replace(/^\/(api|reports)\/v1/, '').replace(/\/$/, '') || '/';
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const extra = CLOCKIFY_EXTRA.find((r) => r.method === method && templateMatch(r.path, path));
  if (!extra) problems.push(...checkContract({ method, path, query, body }));
  // The placeholders of the most literal matching template must be ids.
  const candidates = [...specRoutes(), ...CLOCKIFY_EXTRA]
    .filter((r) => r.method === method)
    .map((r) => ({ r, params: templateMatch(r.path, path) }))
    .filter((c): c is { r: (typeof c)['r']; params: string[] } => c.params !== undefined)
    .sort((a, b) => a.params.length - b.params.length);
  const best = candidates[0];
  if (best && !best.params.every((p) => HEX24.test(p))) problems.push(`${method} ${best.r.path}: a placeholder is not a 24-hex id (${path})`);
  return problems;
}

type Param = 'numeric' | 'uuid';
const ONEDESK_RESOURCES = ['items', 'projects', 'users', 'timesheets', 'conversations', 'conversation-messages', 'attachments'];
const ONEDESK_ROUTES: { method: string; path: string; params?: Param[] }[] = [
  { method: 'GET', path: '/organization/profileAndPolicy' },
  { method: 'GET', path: '/organization/itemTypes' },
  { method: 'GET', path: '/organization/lifecycleStatus' },
  ...ONEDESK_RESOURCES.map((r) => ({ method: 'POST', path: `/${r}/filter/details` })),
  ...['items', 'conversations', 'conversation-messages', 'timesheets'].map((r) => ({ method: 'POST', path: `/${r}/` })),
  { method: 'GET', path: '/items/id/{}', params: ['numeric'] },
  { method: 'POST', path: '/items/id/{}', params: ['numeric'] },
  { method: 'GET', path: '/items/externalId/{}', params: ['uuid'] },
  { method: 'POST', path: '/items/externalId/{}', params: ['uuid'] },
  { method: 'GET', path: '/timesheets/id/{}', params: ['numeric'] },
  { method: 'GET', path: '/timesheets/externalId/{}', params: ['uuid'] },
  { method: 'GET', path: '/conversation-messages/externalId/{}', params: ['uuid'] },
];

/** Problems with one request OneDesk received (`url` as received, e.g. "/rest/public/items/id/7"). */
export function onedeskProblems(method: string, url: string): string[] {
  const problems = rawProblems(url);
  const [rawPath, rawQuery] = url.split('?') as [string, string?];
  if (rawQuery !== undefined) problems.push('OneDesk takes no query string');
  const path = rawPath.replace(/^\/rest\/public/, '');
  const route = ONEDESK_ROUTES.find((r) => r.method === method && (r.path.endsWith('/') ? r.path === path : templateMatch(r.path, path)));
  if (!route) return [...problems, `${method} ${path}: no OneDesk route the connector uses`];
  const params = route.path.endsWith('/') ? [] : templateMatch(route.path, path)!;
  params.forEach((value, i) => {
    const kind = route.params?.[i];
    if (kind === 'numeric' ? !NUMERIC.test(value) : !UUID.test(value)) problems.push(`${method} ${route.path}: "${value.slice(0, 40)}" is not a ${kind} id`);
  });
  return problems;
}

const DESKTIME_ROUTES: Record<string, { method: string; query: Record<string, RegExp> }> = {
  '/ping': { method: 'GET', query: {} },
  '/company': { method: 'GET', query: {} },
  '/employees': { method: 'GET', query: { date: DAY, period: /^(day|month)$/ } },
  '/employee': { method: 'GET', query: { id: NUMERIC, date: DAY } },
  '/employee/projects': { method: 'GET', query: { id: NUMERIC, date: DAY } },
  '/employee/basic': { method: 'GET', query: { id: NUMERIC, date: DAY } },
  '/projects': { method: 'GET', query: {} },
  '/create-project': { method: 'POST', query: { project: NAME, task: NAME } },
  '/start-project': { method: 'GET', query: { project: NAME, task: NAME } },
  '/stop-project': { method: 'GET', query: { project: NAME, task: NAME } },
};

/** Problems with one request DeskTime received (`url` as received, e.g. "/api/v2/json/employee?id=1&apiKey=…"). */
export function desktimeProblems(method: string, url: string): string[] {
  const problems = rawProblems(url);
  const [rawPath, rawQuery = ''] = url.split('?') as [string, string?];
  const path = rawPath.replace(/^\/api\/v2\/json/, '');
  const route = DESKTIME_ROUTES[path];
  if (!route || route.method !== method) return [...problems, `${method} ${path}: no DeskTime route the connector uses`];
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (key === 'apiKey') continue;
    const rule = route.query[key];
    if (!rule) problems.push(`${method} ${path}: query parameter "${key}" is not one the route takes`);
    else if (!rule.test(value)) problems.push(`${method} ${path}: "${key}" value "${value.slice(0, 40)}" does not fit`);
  }
  return problems;
}
