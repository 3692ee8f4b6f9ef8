import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import { timeConfigSchema, type TimeConfig } from './config';
import { RecentLogs, type TimeRuntime } from './runtime';
import { SYSTEMS, SYSTEM_NAMES } from './systems';

export type { TimeRuntime } from './runtime';

const tools = await loadTools<TimeRuntime>(new URL('./tools/', import.meta.url));

/**
 * Time across systems: tools that act as the caller in the help desk,
 * Clockify, DeskTime and OneDesk at once (log time on a ticket, a day, a
 * team's week). No vendor of its own; on by default when at least two of
 * those systems are enabled. Each vendor part obeys that connector's own
 * settings and the caller's role and key there (systems.ts).
 */
export const timeManifest: ConnectorManifest<TimeConfig, TimeRuntime> = {
  id: 'time',
  title: 'Time across systems',
  // Everyone logs and reads their own time; naming a colleague needs staff (people.ts).
  minRole: 'user',
  configSchema: timeConfigSchema,
  env: [
    {
      name: 'DESKGATE_TIME_PROJECTS',
      description:
        'The Clockify project for time on a ticket, by name: `;`-separated <system>:<name>=<project> rules, e.g. "helpdesk:Hardware=Support; onedesk:Website=Acme website; helpdesk:*=General support" (help desk category or path, OneDesk project, * for the rest).',
    },
    { name: 'DESKGATE_TIME_ONEDESK_TARGET', description: 'onedesk | clockify: where time_log_for_ticket with target auto logs time on a OneDesk item (default onedesk: a OneDesk worklog). Help desk tickets go to Clockify.' },
    { name: 'TIME_TOOLSETS', description: 'Toolsets of the time tools (default: all).' },
    { name: 'TIME_MIN_ROLE', description: 'Lowest role that sees the time tools (default user; naming a colleague needs staff).' },
  ],
  spans: { connectors: [...SYSTEMS], atLeast: 2 },
  isConfigured: () => false,
  toolsets: [{ id: 'time', description: 'Log time on a ticket; a day and a team across the help desk, Clockify, DeskTime and OneDesk.', default: true }],
  tools,
  start: (config, _common, services) => ({ config, gateway: services.gateway, users: services.users, log: services.log, now: () => new Date(), recent: new RecentLogs(services.recentCreates) }),
  async healthCheck(runtime) {
    const on = SYSTEMS.filter((s) => runtime.gateway().runtimes.has(s)).map((s) => SYSTEM_NAMES[s]);
    return { ok: true, detail: `spans ${on.join(', ')} (no vendor of its own)` };
  },
};

export default timeManifest;
