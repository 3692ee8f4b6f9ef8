import { desktimeAssumptions } from './assumptions';
import { z } from 'zod';
import { toGatewayError } from '../../src/errors';
import { withActedAs } from '../../src/identity/identity';
import { withReadReport } from '../../src/vendor-http/tolerant';
import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import { checkDesktimeBody, toDesktimeError } from './errors';
import { createDesktimeRuntime, type DesktimeRuntime } from './runtime';
import { pingDesktime } from './tools/desktime_ping';

export type { DesktimeRuntime } from './runtime';

export const DESKTIME_DEFAULT_BASE_URL = 'https://desktime.com/api/v2/json';

export interface DesktimeConfig {
  /** The shared key; absent only under DESKTIME_CREDENTIALS=personal, where each user links their own. */
  apiKey: string | undefined;
}

const configSchema = z
  .object({
    DESKTIME_API_KEY: z.string().optional(),
    DESKTIME_CREDENTIALS: z.string().optional(),
  })
  .transform((env, ctx): DesktimeConfig => {
    const apiKey = env.DESKTIME_API_KEY?.trim() || undefined;
    if (!apiKey && env.DESKTIME_CREDENTIALS?.trim() !== 'personal') {
      ctx.addIssue({
        code: 'custom',
        path: ['DESKTIME_API_KEY'],
        message: env.DESKTIME_API_KEY === undefined
          ? 'DESKTIME_API_KEY is required to enable DeskTime (copy it from desktime.com/app/api), unless DESKTIME_CREDENTIALS=personal.'
          : 'DESKTIME_API_KEY is empty; copy the key from desktime.com/app/api.',
      });
    }
    return { apiKey };
  });

// Every write says on whose DeskTime account it acted (acted_as), reads of "my" day too.
const tools = withReadReport(withActedAs(await loadTools<DesktimeRuntime>(new URL('./tools/', import.meta.url)), (runtime) => runtime.identity));

export const desktimeManifest: ConnectorManifest<DesktimeConfig, DesktimeRuntime> = {
  id: 'desktime',
  title: 'DeskTime',
  configSchema,
  env: [
    { name: 'DESKTIME_API_KEY', description: 'DeskTime API key, from desktime.com/app/api. Enables the connector (the shared key).', required: true, secret: true },
    { name: 'DESKTIME_BASE_URL', description: `DeskTime API address (default ${DESKTIME_DEFAULT_BASE_URL}).` },
    { name: 'DESKTIME_ACCESS', description: 'read | write | full: write adds creating projects and starting/stopping tracking (default per gateway).' },
    { name: 'DESKTIME_TOOLSETS', description: 'Toolsets to expose: all, or a comma list of account, employees, day_views, projects, tracking (default employees,tracking).' },
    {
      name: 'DESKTIME_SHARED_WRITES',
      description: "refuse | owner: start/stop by a caller who is not the shared key's owner is refused with how to link their own key (default), or tracks the key owner, saying so.",
    },
    { name: 'DESKTIME_TIMEOUT_MS', description: 'Deadline per DeskTime call in ms, retries included.' },
  ],
  isConfigured: (env) => Boolean(env.DESKTIME_API_KEY?.trim()) || env.DESKTIME_CREDENTIALS?.trim() === 'personal',
  defaultBaseUrl: DESKTIME_DEFAULT_BASE_URL,
  toolsets: [
    { id: 'account', description: 'Reachability check and company details (time zone, working hours).' },
    { id: 'employees', description: "Employees' days: who is at work, attendance, tracked and productive time, projects and apps.", default: true },
    { id: 'day_views', description: "Narrower views of one employee's day (projects only; projects and apps): smaller answers than desktime_get_employee." },
    { id: 'projects', description: 'List projects with their tasks, create projects.' },
    { id: 'tracking', description: "Start and stop project tracking for the API key's owner.", default: true },
  ],
  instructions: [
    'Dates are "YYYY-MM-DD", "today", "yesterday" or a weekday ("monday": the latest, today included) in the company time zone (desktime_get_account); one day per call, DeskTime has no ranges.',
    'Employee ids come from desktime_list_employees (or pass employee: a name, email or "me"); without either a tool answers for you (the employee with your email; else the key\'s owner, said in acted_as).',
    'Tracking starts and stops only as the API key\'s owner: for anyone else it is refused unless they link their own DeskTime key.',
    'App productivity is inferred from DeskTime\'s keys: 1 productive, 0 neutral, -1 unproductive.',
    'DeskTime documents few of its answers: parts it does not send come back null or empty, unknown fields under extra.',
  ].join(' '),
  tools,
  assumptions: desktimeAssumptions,
  start(config, common, services) {
    const pool = services.vendorClients({
      vendorName: 'DeskTime',
      baseUrl: common.baseUrl ?? DESKTIME_DEFAULT_BASE_URL,
      timeoutMs: common.timeoutMs,
      sharedSecret: config.apiKey,
      auth: (secret) => ({ query: { apiKey: secret } }),
      mapError: toDesktimeError,
      checkBody: checkDesktimeBody,
    });
    return createDesktimeRuntime(pool, services.log.child({ connector: 'desktime' }), undefined, { sharedWrites: common.sharedWrites });
  },
  async healthCheck(runtime, ctx = {}) {
    if (!ctx.credential && !runtime.pool.hasShared()) {
      return { ok: true, detail: 'No shared key: every user links their own (DESKTIME_CREDENTIALS=personal); `deskgate credentials test desktime --email <user>` checks one.' };
    }
    const whose = ctx.credential ? 'the linked personal key' : "the gateway's API key";
    try {
      const { server_time } = await pingDesktime(runtime.forCaller(ctx));
      return { ok: true, detail: `DeskTime answered the ping${server_time ? ` (its clock: ${server_time})` : ''} with ${whose}.` };
    } catch (thrown) {
      // GatewayError messages are written here and carry no secret or vendor text.
      const error = toGatewayError(thrown, 'desktime');
      const status = error.vendorStatus === undefined ? '' : `, HTTP ${error.vendorStatus}`;
      return { ok: false, detail: `DeskTime ping failed (${error.code}${status}): ${error.message}${error.hint ? ` ${error.hint}` : ''}` };
    }
  },
  async stop(runtime) {
    await runtime.pool.close();
  },
  identity: (runtime) => runtime.identity,
};

export default desktimeManifest;
