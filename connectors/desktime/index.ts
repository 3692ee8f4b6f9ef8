import { z } from 'zod';
import { toGatewayError } from '../../src/errors';
import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import { DesktimeClient } from './client';
import { checkDesktimeBody, toDesktimeError } from './errors';
import { createDesktimeRuntime, type DesktimeRuntime } from './runtime';
import { pingDesktime } from './tools/desktime_ping';

export type { DesktimeRuntime } from './runtime';

export const DESKTIME_DEFAULT_BASE_URL = 'https://desktime.com/api/v2/json';

export interface DesktimeConfig {
  apiKey: string;
}

const configSchema = z
  .object({
    DESKTIME_API_KEY: z
      .string({ error: 'DESKTIME_API_KEY is required to enable DeskTime (copy it from desktime.com/app/api).' })
      .trim()
      .min(1, 'DESKTIME_API_KEY is empty; copy the key from desktime.com/app/api.'),
  })
  .transform((env): DesktimeConfig => ({ apiKey: env.DESKTIME_API_KEY }));

const tools = await loadTools<DesktimeRuntime>(new URL('./tools/', import.meta.url));

export const desktimeManifest: ConnectorManifest<DesktimeConfig, DesktimeRuntime> = {
  id: 'desktime',
  title: 'DeskTime',
  configSchema,
  env: [
    { name: 'DESKTIME_API_KEY', description: 'DeskTime API key, from desktime.com/app/api. Enables the connector.', required: true, secret: true },
    { name: 'DESKTIME_BASE_URL', description: `DeskTime API address (default ${DESKTIME_DEFAULT_BASE_URL}).` },
    { name: 'DESKTIME_ACCESS', description: 'read | write | full: write adds creating projects and starting/stopping tracking (default per gateway).' },
    { name: 'DESKTIME_TOOLSETS', description: 'Toolsets to expose: all, or a comma list of account, employees, projects, tracking (default employees,tracking).' },
    { name: 'DESKTIME_TIMEOUT_MS', description: 'Deadline per DeskTime call in ms, retries included.' },
  ],
  isConfigured: (env) => Boolean(env.DESKTIME_API_KEY?.trim()),
  defaultBaseUrl: DESKTIME_DEFAULT_BASE_URL,
  toolsets: [
    { id: 'account', description: 'Reachability check and company details (time zone, working hours).' },
    { id: 'employees', description: "Employees' days: attendance, tracked and productive time, projects and apps.", default: true },
    { id: 'projects', description: 'List projects with their tasks, create projects.' },
    { id: 'tracking', description: "Start and stop project tracking for the API key's owner.", default: true },
  ],
  instructions: [
    'Dates are "YYYY-MM-DD", "today" or "yesterday" in the company time zone (desktime_get_account); one day per call, DeskTime has no ranges.',
    'Employee ids come from desktime_list_employees; without employee_id a tool answers for the owner of the gateway\'s DeskTime API key.',
    'Tracking starts and stops only for that owner: another employee_id is refused.',
    'App productivity is inferred from DeskTime\'s keys: 1 productive, 0 neutral, -1 unproductive.',
    'DeskTime documents few of its answers: parts it does not send come back null or empty, unknown fields under extra.',
  ].join(' '),
  tools,
  start(config, common, services) {
    const http = services.createHttpClient({
      vendorName: 'DeskTime',
      baseUrl: common.baseUrl ?? DESKTIME_DEFAULT_BASE_URL,
      timeoutMs: common.timeoutMs,
      auth: { query: { apiKey: config.apiKey } },
      mapError: toDesktimeError,
      checkBody: checkDesktimeBody,
    });
    const log = services.log.child({ connector: 'desktime' });
    return createDesktimeRuntime(new DesktimeClient(http, log), log);
  },
  async healthCheck(runtime) {
    try {
      const { server_time } = await pingDesktime(runtime);
      return { ok: true, detail: `DeskTime answered the ping${server_time ? ` (its clock: ${server_time})` : ''} with the gateway's API key.` };
    } catch (thrown) {
      // GatewayError messages are written here and carry no secret or vendor text.
      const error = toGatewayError(thrown, 'desktime');
      const status = error.vendorStatus === undefined ? '' : `, HTTP ${error.vendorStatus}`;
      return { ok: false, detail: `DeskTime ping failed (${error.code}${status}): ${error.message}${error.hint ? ` ${error.hint}` : ''}` };
    }
  },
  async stop(runtime) {
    await runtime.client.close();
  },
};

export default desktimeManifest;
