import { z } from 'zod';
import { toGatewayError } from '../../src/errors';
import { withActedAs } from '../../src/identity/identity';
import { withReadReport } from '../../src/vendor-http/tolerant';
import { loadTools } from '../../src/registry/load-tools';
import type { ConnectorManifest } from '../../src/registry/types';
import { onedeskAssumptions } from './assumptions';
import { checkOnedeskBody, toOnedeskError, VENDOR } from './errors';
import { createOnedeskRuntime, type OnedeskRuntime } from './runtime';
import { str } from './shapes';
import { isRecord, VENDOR_PAGE_SIZE } from './vendor';
import { vendorPath } from '../../src/vendor-http/path';

export type { OnedeskRuntime } from './runtime';

export const ONEDESK_DEFAULT_BASE_URL = 'https://app.onedesk.com/rest/public';
export const ONEDESK_KEY_HEADER = 'OD-Public-API-Key';

export interface OnedeskConfig {
  /** The shared key; absent when every caller links their own (ONEDESK_CREDENTIALS=personal). */
  apiKey: string | undefined;
  /** Rows asked of OneDesk per filter request (ONEDESK_PAGE_SIZE). */
  pageSize: number;
}

const configSchema = z
  .object({
    ONEDESK_API_KEY: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined)),
    ONEDESK_PAGE_SIZE: z.coerce.number().int().min(1).max(200).default(VENDOR_PAGE_SIZE),
  })
  .transform((env): OnedeskConfig => ({ apiKey: env.ONEDESK_API_KEY, pageSize: env.ONEDESK_PAGE_SIZE }));

// Every write says on whose OneDesk account it acted (acted_as).
const tools = withReadReport(withActedAs(await loadTools<OnedeskRuntime>(new URL('./tools/', import.meta.url)), (runtime) => runtime.identity));

export const onedeskManifest: ConnectorManifest<OnedeskConfig, OnedeskRuntime> = {
  id: 'onedesk',
  title: 'OneDesk',
  minRole: 'staff',
  configSchema,
  env: [
    {
      name: 'ONEDESK_API_KEY',
      description: 'OneDesk Public API key (account owner: Admin → Integrations → API; Enterprise plan). Sent as the OD-Public-API-Key header; never logged. Enables the connector.',
      required: true,
      secret: true,
    },
    { name: 'ONEDESK_BASE_URL', description: `OneDesk Public API address (default ${ONEDESK_DEFAULT_BASE_URL}).` },
    { name: 'ONEDESK_ACCESS', description: 'read | write | full: write adds creating items, worklogs and comments; full adds the delete tools (which always refuse: OneDesk has no delete).' },
    { name: 'ONEDESK_TOOLSETS', description: 'Comma-separated toolsets: items, worklogs, conversations, delete.' },
    {
      name: 'ONEDESK_PAGE_SIZE',
      description: `Rows per OneDesk filter request (default ${VENDOR_PAGE_SIZE}, the most public integrations are seen asking for; raise it only after \`deskgate doctor --deep onedesk\` shows OneDesk honours more). A tool's larger limit is fetched in several requests.`,
    },
    {
      name: 'ONEDESK_SHARED_WRITES',
      description: "refuse | owner: a caller matched to a OneDesk user logging work with the shared key is refused with how to link their own key (default; OneDesk cannot log as them), or logs as the key's user, saying so.",
    },
    { name: 'ONEDESK_TIMEOUT_MS', description: 'Deadline per OneDesk call in ms, retries included.' },
  ],
  isConfigured: (env) => Boolean(env.ONEDESK_API_KEY?.trim()),
  defaultBaseUrl: ONEDESK_DEFAULT_BASE_URL,
  toolsets: [
    { id: 'items', description: 'Tickets, tasks, issues, requirements and feedback: list, read, create, update, log work on; projects; organization.', default: true },
    { id: 'worklogs', description: 'Read worklogs (OneDesk timesheets) back.' },
    { id: 'conversations', description: "An item's comments, conversation messages and attachments; add a comment." },
    { id: 'delete', description: 'Delete requests, each answered with why OneDesk cannot and what to do instead (no vendor call).' },
  ],
  instructions: [
    'You act as the OneDesk user who owns the key in use (your own linked key, or the shared one).',
    'Tickets, tasks, issues, requirements and feedback are item types of one collection; reads and updates take the numeric id or the UUID external_id, and statuses and types are the organization\'s own names (onedesk_get_organization lists them).',
    'Times come as OneDesk sends them, with their offset.',
    'OneDesk\'s API cannot delete anything: close or cancel an item with onedesk_update_item (status); anything else is removed in the OneDesk web app.',
  ].join(' '),
  tools,
  // The per-type lists and gets, merged into one list and one get in December 2026.
  replacedTools: {
    onedesk_list_tickets: { tool: 'onedesk_list_items', with: { type: 'ticket' } },
    onedesk_list_issues: { tool: 'onedesk_list_items', with: { type: 'issue' } },
    onedesk_list_requirements: { tool: 'onedesk_list_items', with: { type: 'requirement' } },
    onedesk_list_feedback: { tool: 'onedesk_list_items', with: { type: 'feedback' } },
    onedesk_get_task: { tool: 'onedesk_get_item' },
    onedesk_get_issue: { tool: 'onedesk_get_item' },
    onedesk_get_feedback: { tool: 'onedesk_get_item' },
  },
  assumptions: onedeskAssumptions,
  start(config, common, services) {
    const pool = services.vendorClients({
      vendorName: VENDOR,
      baseUrl: common.baseUrl ?? ONEDESK_DEFAULT_BASE_URL,
      timeoutMs: common.timeoutMs,
      sharedSecret: config.apiKey,
      auth: (secret) => ({ headers: { [ONEDESK_KEY_HEADER]: secret } }),
      mapError: toOnedeskError,
      checkBody: checkOnedeskBody,
    });
    return createOnedeskRuntime(pool, services.log.child({ connector: 'onedesk' }), { pageSize: config.pageSize, sharedWrites: common.sharedWrites, recentCreates: services.recentCreates });
  },
  async healthCheck(runtime) {
    if (!runtime.pool.hasShared()) {
      return { ok: false, detail: 'No shared ONEDESK_API_KEY is set: only callers who linked their own OneDesk key can use the tools.' };
    }
    try {
      const response = await runtime.pool.shared().request({ method: 'GET', path: vendorPath('/organization/profileAndPolicy'), operation: 'get organization profile' });
      const body = response.body;
      if (!isRecord(body) || body.code !== 'SUCCESS' || !isRecord(body.data)) {
        return { ok: false, detail: 'OneDesk answered, but not with the {"code": "SUCCESS", "data": …} envelope: check ONEDESK_BASE_URL.' };
      }
      const name = str(body.data.organizationName);
      return { ok: true, detail: `OneDesk accepted the key for organization ${name ? `"${name}"` : '(unnamed)'}.` };
    } catch (thrown) {
      // GatewayError messages are written here and carry no secret or vendor text.
      const error = toGatewayError(thrown, 'onedesk');
      const status = error.vendorStatus === undefined ? '' : `, HTTP ${error.vendorStatus}`;
      return { ok: false, detail: `OneDesk check failed (${error.code}${status}): ${error.message}${error.hint ? ` ${error.hint}` : ''}` };
    }
  },
  async stop(runtime) {
    await runtime.pool.close();
  },
  identity: (runtime) => runtime.identity,
};

export default onedeskManifest;
