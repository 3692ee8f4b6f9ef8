import type { Logger } from '../../../src/observability/logger';
import { readList, unreadableExtra, unreadableOut } from '../../../src/vendor-http/tolerant';
/**
 * Webhooks: the event and trigger enums from Clockify's spec
 * (CreateWebhookRequestV1), the https rule, the plan quotas, and the one
 * place that decides whether a webhook's `authToken` is shown (only right
 * after create and token regeneration, never in lists or logs).
 */
import { z } from 'zod';
import { GatewayError, invalidArgument } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import { vendorPath } from '../../../src/vendor-http/path';
import type { ClockifyRuntime } from '../runtime';
import { clockifyId, idArg } from '../schemas';

export const WEBHOOK_EVENTS = [
  'NEW_PROJECT',
  'NEW_TASK',
  'NEW_CLIENT',
  'NEW_TIMER_STARTED',
  'TIMER_STOPPED',
  'TIME_ENTRY_UPDATED',
  'TIME_ENTRY_DELETED',
  'TIME_ENTRY_SPLIT',
  'NEW_TIME_ENTRY',
  'TIME_ENTRY_RESTORED',
  'NEW_TAG',
  'USER_DELETED_FROM_WORKSPACE',
  'USER_JOINED_WORKSPACE',
  'USER_DEACTIVATED_ON_WORKSPACE',
  'USER_ACTIVATED_ON_WORKSPACE',
  'USER_EMAIL_CHANGED',
  'USER_UPDATED',
  'NEW_INVOICE',
  'INVOICE_UPDATED',
  'NEW_APPROVAL_REQUEST',
  'APPROVAL_REQUEST_STATUS_UPDATED',
  'TIME_OFF_REQUESTED',
  'TIME_OFF_REQUEST_UPDATED',
  'TIME_OFF_REQUEST_APPROVED',
  'TIME_OFF_REQUEST_REJECTED',
  'TIME_OFF_REQUEST_STARTED',
  'TIME_OFF_REQUEST_WITHDRAWN',
  'BALANCE_UPDATED',
  'TAG_UPDATED',
  'TAG_DELETED',
  'TASK_UPDATED',
  'CLIENT_UPDATED',
  'TASK_DELETED',
  'CLIENT_DELETED',
  'EXPENSE_RESTORED',
  'ASSIGNMENT_CREATED',
  'ASSIGNMENT_DELETED',
  'ASSIGNMENT_PUBLISHED',
  'ASSIGNMENT_UPDATED',
  'EXPENSE_CREATED',
  'EXPENSE_DELETED',
  'EXPENSE_UPDATED',
  'PROJECT_UPDATED',
  'PROJECT_DELETED',
  'USER_GROUP_CREATED',
  'USER_GROUP_UPDATED',
  'USER_GROUP_DELETED',
  'USERS_INVITED_TO_WORKSPACE',
  'LIMITED_USERS_ADDED_TO_WORKSPACE',
  'COST_RATE_UPDATED',
  'BILLABLE_RATE_UPDATED',
] as const;

export const WEBHOOK_TRIGGERS = ['PROJECT_ID', 'USER_ID', 'TAG_ID', 'TASK_ID', 'WORKSPACE_ID', 'ASSIGNMENT_ID', 'EXPENSE_ID'] as const;

export const WEBHOOK_QUOTA_TEXT =
  "Clockify's webhook quotas: FREE 3 per workspace; BASIC, STANDARD and PRO 10 per user and 100 per workspace; ENTERPRISE 100 per user and 300 per workspace.";

export const webhookEventArg = z.enum(WEBHOOK_EVENTS).describe('Event that fires the webhook, e.g. TIMER_STOPPED, NEW_TIME_ENTRY.');
export const webhookTriggerArg = z
  .enum(WEBHOOK_TRIGGERS)
  .describe('What trigger_ids are: PROJECT_ID, USER_ID, TAG_ID, TASK_ID, WORKSPACE_ID (the workspace id itself: every change), ASSIGNMENT_ID, EXPENSE_ID.');
export const webhookUrlArg = z.string().trim().min(1).max(2000).describe('https:// address Clockify POSTs the event to.');
export const webhookNameArg = z.string().trim().min(2).max(30).describe('Webhook name, 2-30 characters.');
export const triggerIdsArg = z
  .array(clockifyId)
  .min(1)
  .max(50)
  .describe('Ids of the trigger_type objects that fire it (projects from clockify_list_projects, users from clockify_list_users, …).');

/** Refuses anything but an absolute https URL, before any call. */
export function requireHttps(url: string, field = 'url'): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) {
    throw invalidArgument(`${field} must be an https:// address; Clockify only delivers webhooks over https.`, {
      connector: 'clockify',
      fields: [{ field, problem: parsed ? `scheme ${parsed.protocol.replace(':', '')} is not https` : 'not an absolute URL' }],
      hint: `Pass a full https URL, e.g. {"${field}": "https://hooks.example.com/clockify"}.`,
    });
  }
  return parsed.toString();
}

export const vendorWebhook = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  url: z.string().nullish(),
  userId: z.string().nullish(),
  workspaceId: z.string().nullish(),
  webhookEvent: z.string().nullish(),
  triggerSourceType: z.string().nullish(),
  triggerSource: z.array(z.string()).nullish(),
  enabled: z.boolean().nullish(),
  deliveryEnabled: z.boolean().nullish(),
  planEnabled: z.boolean().nullish(),
  authToken: z.string().nullish(),
});
export type VendorWebhook = z.infer<typeof vendorWebhook>;

export const webhookOut = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  url: z.string().nullable(),
  event: z.string().nullable(),
  trigger_type: z.string().nullable(),
  triggers: z.array(z.object({ id: z.string(), name: z.string().nullable() })).describe('The trigger_type objects that fire it, with names where known.'),
  enabled: z.boolean().nullable().describe('Whether Clockify delivers it (false when disabled or the plan no longer allows it).'),
  owner_user_id: z.string().nullable(),
  owner: z.string().nullable().describe('Name of the member who made it.'),
  extra: unreadableOut,
});
export type WebhookOut = z.infer<typeof webhookOut>;

/** A webhook for the model, without its token. */
export function toWebhookOut(w: VendorWebhook): WebhookOut {
  const enabled = w.enabled === undefined || w.enabled === null ? null : w.enabled && w.deliveryEnabled !== false && w.planEnabled !== false;
  return {
    id: w.id,
    name: w.name ?? null,
    url: w.url ?? null,
    event: w.webhookEvent ?? null,
    trigger_type: w.triggerSourceType ?? null,
    triggers: (w.triggerSource ?? []).map((id) => ({ id, name: null })),
    enabled,
    owner_user_id: w.userId ?? null,
    owner: null,
    // Never the token, even one sent in an unexpected shape.
    ...unreadableExtra(w, ['authToken']),
  };
}

export const webhookTokenOut = z
  .string()
  .nullable()
  .describe('Secret Clockify signs each delivery with (header Clockify-Signature). Shown only now: store it; it is never shown again.');

/**
 * A webhook create or update Clockify refused, beyond what the connector's
 * error mapper already says (connectors/clockify/errors.ts classifies the
 * 400s): 402 is a plan limit; 403 is the key's role; a conflict names the
 * webhook that already has the name, when one can be found.
 */
export async function webhookRefusalError(error: unknown, ctx: ToolContext<ClockifyRuntime>, ws: string, name: string | undefined): Promise<unknown> {
  if (!(error instanceof GatewayError) || error.vendorStatus === undefined) return error;
  if (error.vendorStatus === 402) {
    return new GatewayError('plan_required', 'Clockify refused the webhook: the workspace plan does not allow (more) webhooks (HTTP 402).', {
      connector: 'clockify',
      vendorStatus: 402,
      retryable: false,
      hint: `${WEBHOOK_QUOTA_TEXT} Call clockify_list_webhooks to count them, delete unused ones with clockify_delete_webhook, or upgrade the plan.`,
      alternatives: ['clockify_list_webhooks', 'clockify_delete_webhook'],
    });
  }
  if (error.vendorStatus === 403) {
    return new GatewayError('permission_denied', 'Clockify refused the webhook: managing webhooks needs a workspace admin or owner, and the Clockify user behind the API key is neither.', {
      connector: 'clockify',
      vendorStatus: 403,
      retryable: false,
      hint: 'A Clockify workspace admin can grant the role, or create the webhook in Clockify directly.',
    });
  }
  if (error.code === 'conflict' && name) {
    const existing = await findWebhookNamed(ctx, ws, name);
    if (existing) {
      return new GatewayError('conflict', `Clockify refused the webhook: webhook "${existing.name}" (${existing.id}) already has this name.`, {
        connector: 'clockify',
        vendorStatus: error.vendorStatus,
        retryable: false,
        hint: `Give the webhook another name, or change the existing one with clockify_update_webhook {"webhook_id": "${existing.id}"}.`,
        alternatives: ['clockify_update_webhook'],
      });
    }
  }
  return error;
}

/** The workspace's webhook with this name (case-insensitive), if the list can be read; a failed read leaves the error as it was. */
async function findWebhookNamed(ctx: ToolContext<ClockifyRuntime>, ws: string, name: string): Promise<{ id: string; name: string } | undefined> {
  try {
    const answer = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces/{workspace_id}/webhooks', { workspace_id: ws }), webhooksAnswer, { operation: 'list webhooks' });
    const wanted = name.trim().toLowerCase();
    const hit = webhooksOf(answer).find((w) => w.id !== null && w.name?.trim().toLowerCase() === wanted);
    return hit?.id ? { id: hit.id, name: hit.name ?? name } : undefined;
  } catch {
    return undefined;
  }
}

/** GET …/webhooks and …/addons/{id}/webhooks: the count and the list. */
export const webhooksAnswer = z.looseObject({ workspaceWebhookCount: z.number().nullish(), webhooks: z.array(z.unknown()) });

/** Webhooks of an answer, without their tokens. */
export function webhooksOf(answer: z.infer<typeof webhooksAnswer>, log?: Logger) {
  return readList(vendorWebhook, answer.webhooks, { vendor: 'clockify', what: 'webhook', log }).map(toWebhookOut);
}


export const webhookIdArg = idArg('Webhook', 'clockify_list_webhooks');

/**
 * Names beside the ids of webhooks (owner, and triggers that are projects,
 * users, tags or the workspace), from the connector's short-lived name
 * cache. A failed lookup leaves names null rather than failing the tool.
 */
export async function withWebhookNames(ctx: ToolContext<ClockifyRuntime>, ws: string, webhooks: WebhookOut[]): Promise<WebhookOut[]> {
  const lists = new Map<string, Promise<{ id: string; name: string }[]>>();
  const list = (kind: 'project' | 'user' | 'tag') => {
    if (!lists.has(kind)) lists.set(kind, ctx.runtime.names.list(ctx, ws, kind).catch(() => []));
    return lists.get(kind)!;
  };
  const nameIn = async (kind: 'project' | 'user' | 'tag', id: string) => (await list(kind)).find((i) => i.id === id)?.name ?? null;
  const KIND: Record<string, 'project' | 'user' | 'tag' | undefined> = { PROJECT_ID: 'project', USER_ID: 'user', TAG_ID: 'tag' };
  const out: WebhookOut[] = [];
  for (const w of webhooks) {
    const kind = w.trigger_type ? KIND[w.trigger_type] : undefined;
    const triggers = [];
    for (const t of w.triggers) {
      let name: string | null = null;
      if (kind) name = await nameIn(kind, t.id);
      else if (w.trigger_type === 'WORKSPACE_ID' && t.id === ws) name = await ctx.runtime.workspace(ctx, ws).then((i) => i.name, () => null);
      triggers.push({ id: t.id, name });
    }
    out.push({ ...w, triggers, owner: w.owner_user_id ? await nameIn('user', w.owner_user_id) : null });
  }
  return out;
}
