import { clockifyAssumptions } from './assumptions';
import { withActedAs } from '../../src/identity/identity';
import { withReadReport } from '../../src/vendor-http/tolerant';
import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import { CLOCKIFY_DEFAULT_BASE_URL, CLOCKIFY_DEFAULT_REPORTS_BASE_URL, clockifyConfigSchema, type ClockifyConfig } from './config';
import { vendorUser } from './schemas';
import { createClockifyRuntime, type ClockifyRuntime } from './runtime';
import { vendorPath } from '../../src/vendor-http/path';

export type { ClockifyRuntime } from './runtime';
export type { ClockifyConfig } from './config';

// Every write says on whose Clockify account it acted (acted_as), reads of "my" data too.
const tools = withReadReport(withActedAs(await loadTools<ClockifyRuntime>(new URL('./tools/', import.meta.url)), (runtime) => runtime.identity));

export const clockifyManifest: ConnectorManifest<ClockifyConfig, ClockifyRuntime> = {
  id: 'clockify',
  title: 'Clockify',
  minRole: 'staff',
  configSchema: clockifyConfigSchema,
  env: [
    { name: 'CLOCKIFY_API_KEY', description: 'Clockify API key (Profile settings > API), sent as X-Api-Key. Enables the connector.', required: true, secret: true },
    { name: 'CLOCKIFY_BASE_URL', description: `Clockify API address (default ${CLOCKIFY_DEFAULT_BASE_URL}; wins over CLOCKIFY_REGION).` },
    { name: 'CLOCKIFY_REPORTS_BASE_URL', description: `Clockify reports API address (default ${CLOCKIFY_DEFAULT_REPORTS_BASE_URL}; wins over CLOCKIFY_REGION).` },
    { name: 'CLOCKIFY_REGION', description: 'euc1 | use2 | euw2 | apse2: use the regional Clockify hosts (EU, US, UK, AU) for both APIs.' },
    { name: 'CLOCKIFY_WORKSPACE_ID', description: "Default workspace id; default: the key owner's active workspace." },
    {
      name: 'CLOCKIFY_ACT_AS',
      description:
        'caller | caller_email | key_owner: who "me" is with the shared key (default caller: the workspace member with the caller\'s email, through the for-user endpoints, else the key owner, saying so; caller_email refuses a caller who is no member; key_owner: always the key owner).',
    },
    { name: 'CLOCKIFY_MAX_RPS', description: 'Client-side limit of Clockify calls per second per workspace, for all replicas together on PostgreSQL; bursts queue (default 10).' },
    { name: 'CLOCKIFY_ACCESS', description: 'read | write | full: the most a Clockify tool may do (default per gateway).' },
    {
      name: 'CLOCKIFY_TOOLSETS',
      description:
        'Comma-separated toolsets, or all (default time_entries,reports,setup): time_entries, reports, setup, bulk, expenses, workspace, users, groups, clients, projects, tasks, tags, shared_reports, webhooks, holidays, templates, scheduling, changes.',
    },
    { name: 'CLOCKIFY_TIMEOUT_MS', description: 'Deadline per Clockify call in ms, retries and limiter wait included.' },
  ],
  isConfigured: (env) => Boolean(env.CLOCKIFY_API_KEY?.trim()),
  defaultBaseUrl: CLOCKIFY_DEFAULT_BASE_URL,
  toolsets: [
    { id: 'time_entries', description: 'Log, list, edit, stop and delete time entries and timers, one entry at a time.', default: true },
    { id: 'reports', description: 'Detailed, summary and weekly reports.', default: true },
    { id: 'setup', description: 'Everyday upkeep: create a client; create, rename or archive a project (billable, hourly rate); rename, archive or delete a tag.', default: true },
    { id: 'bulk', description: 'Edit or delete many time entries in one call; duplicate an entry.' },
    { id: 'expenses', description: 'The expense report.' },
    { id: 'workspace', description: 'Workspaces, the current user, workspace rates.' },
    { id: 'users', description: 'Workspace members, profiles, managers, user rates.' },
    { id: 'groups', description: 'User groups and their members.' },
    { id: 'clients', description: 'Clients: list, read, update, delete (creating one is in setup).' },
    { id: 'projects', description: 'Projects: list, read, delete, memberships and project rates (create and update are in setup).' },
    { id: 'tasks', description: 'Tasks of projects.' },
    { id: 'tags', description: 'Tags: list, read, create (update and delete are in setup).' },
    { id: 'shared_reports', description: 'Shared reports and their data.' },
    { id: 'webhooks', description: 'Webhooks, their logs and tokens.' },
    { id: 'holidays', description: 'Holidays.' },
    { id: 'templates', description: 'Timesheet templates (deprecated by Clockify).' },
    { id: 'scheduling', description: 'Scheduled assignments.' },
    { id: 'changes', description: 'Feeds of created, updated and deleted entities.' },
  ],
  instructions: [
    'Calls act as you: your own linked key, or the shared key acting for the workspace member with your email; where that cannot be, as the key\'s owner, and acted_as says so. "me", and a tool given no user, mean that acting user; a user is also taken by name, first name or email.',
    'Times without an offset are read in that user\'s Clockify time zone and a date alone is the whole day; durations take "1h30m" or minutes.',
    'Tools take names (project, task, client, tag) beside ids; an unknown or ambiguous name is refused with the closest matches and their ids.',
    'Money is {amount, currency}, in the workspace currency unless one is given.',
    'Clockify deletes only archived projects and clients and DONE tasks: archive first (archive_first: true).',
  ].join(' '),
  tools,
  assumptions: clockifyAssumptions,
  start: (config, common, services) => createClockifyRuntime(config, common, services),
  async healthCheck(runtime) {
    if (!runtime.api.pool.hasShared()) return { ok: true, detail: 'no shared CLOCKIFY_API_KEY; callers use their own linked keys' };
    try {
      // Uncached on purpose: a revoked key must show at once.
      const owner = await runtime.api.call({}, 'GET', vendorPath('/user'), vendorUser, { operation: 'get current user' });
      const ws = runtime.config.workspaceId ?? owner.activeWorkspace ?? owner.defaultWorkspace ?? 'none';
      return { ok: true, detail: `key works (user ${owner.name ?? owner.id}, workspace ${ws})` };
    } catch (error) {
      const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : 'error';
      const message = error instanceof Error ? error.message : 'unknown error';
      return { ok: false, detail: `${code}: ${message}` };
    }
  },
  stop: (runtime) => runtime.close(),
  identity: (runtime) => runtime.identity,
};

export default clockifyManifest;
