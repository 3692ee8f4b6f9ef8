import { GatewayError } from '../../src/errors';
import { vendorErrorMapper } from '../../src/vendor-http/status-errors';
import { WEBHOOK_QUOTA_TEXT } from './reports/webhooks';

export const CONNECTOR = 'clockify';

/** Clockify's structured error code: `{"message": "…", "code": 501}` (a JSON number). */
export function clockifyCodeOf(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const code = (body as Record<string, unknown>).code;
  if (typeof code === 'number' && Number.isInteger(code)) return code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  return undefined;
}

const AUTH_REASONS: Record<number, string> = {
  1000: 'Clockify received no usable API key (missing, sent twice, or as a Bearer token).',
  4003: 'Clockify says the API key does not exist: it was revoked, regenerated or mistyped.',
  4017: 'Clockify says the add-on token is not valid.',
};

const AUTH_HINT =
  'Retrying will not help: the gateway operator must set CLOCKIFY_API_KEY to a current key (Clockify > Profile settings > API), or the caller re-links their own key; then run `deskgate doctor`.';

/** What to archive before deleting, by the collection in the path (Clockify refuses to delete active ones). */
function archiveHint(path: string): { what: string; hint: string } | undefined {
  if (/\/projects\/[^/]+\/tasks\/[^/]+$/.test(path))
    return { what: 'an active task', hint: 'Set the task to DONE first with clockify_update_task {"status": "DONE"}, or call the delete tool with "archive_first": true.' };
  if (/\/projects\/[^/]+$/.test(path))
    return { what: 'an active project', hint: 'Archive it first with clockify_update_project {"archived": true}, or call the delete tool with "archive_first": true.' };
  if (/\/clients\/[^/]+$/.test(path))
    return { what: 'an active client', hint: 'Archive it first with clockify_update_client {"archived": true}, or call the delete tool with "archive_first": true.' };
  return undefined;
}

/** Clockify's `message`, lower-cased, to classify a refusal (never quoted to the model). */
function messageOf(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return '';
  const message = (body as Record<string, unknown>).message;
  return typeof message === 'string' ? message.toLowerCase() : '';
}

const WEBHOOK_OPERATION = /^(create|update) webhook$/;

/**
 * A webhook create or update Clockify refused with a 400, classified from
 * what the live API is seen to answer (shared/vendors/EVIDENCE.md):
 * "Webhook already exists" (code 501, also for a duplicate or missing name)
 * is a conflict; "Webhook doesn't belong to Workspace" is not_found; a quota
 * only when Clockify's answer speaks of one. The webhook tools add the
 * existing webhook's name and id to the conflict.
 */
function webhookRefusal(ctx: { body: unknown; request: { operation: string } }): GatewayError | undefined {
  if (!WEBHOOK_OPERATION.test(ctx.request.operation)) return undefined;
  const text = messageOf(ctx.body);
  const base = { connector: CONNECTOR, vendorStatus: 400, retryable: false };
  // A quota only when Clockify's answer speaks of one: "quota", a limit "reached", a maximum number of webhooks (never any other "limit", e.g. a name length).
  if (/\bquota\b|\blimit\b[^.]*\breached\b|\bmaximum number of webhooks\b/.test(text)) {
    return new GatewayError('precondition_failed', `Clockify refused to ${ctx.request.operation}: the workspace's webhook quota is reached.`, {
      ...base,
      hint: `${WEBHOOK_QUOTA_TEXT} Call clockify_list_webhooks to count them (workspace_webhook_count), delete unused ones with clockify_delete_webhook, or upgrade the plan.`,
      alternatives: ['clockify_list_webhooks', 'clockify_delete_webhook'],
    });
  }
  if (/belong/.test(text)) {
    return new GatewayError('not_found', `Clockify refused to ${ctx.request.operation}: the webhook or a trigger id does not belong to this workspace.`, {
      ...base,
      hint: 'Check webhook_id with clockify_list_webhooks and trigger_ids with the list tool of their trigger_type, in the same workspace, then call again.',
    });
  }
  if (/already exists/.test(text)) {
    return new GatewayError('conflict', `Clockify refused to ${ctx.request.operation}: a webhook with this name already exists (Clockify also answers this when the name is missing).`, {
      ...base,
      hint: 'Give the webhook another name, or change the existing one with clockify_update_webhook.',
    });
  }
  // Any other refusal is not known from the evidence: the generic mapping says what it can, without claiming a conflict.
  return undefined;
}

/**
 * Clockify errors by HTTP status and Clockify's numeric `code` (never by its
 * text). Messages are written here; the vendor's own text never reaches the
 * model.
 */
export const mapClockifyError = vendorErrorMapper({
  vendorName: 'Clockify',
  vendorCodeOf: clockifyCodeOf,
  rules: [
    ...[1000, 4003, 4017].map((code) => ({
      status: 401,
      vendorCode: code,
      error: ({ generic }: { generic: GatewayError }) =>
        new GatewayError('unauthenticated', AUTH_REASONS[code]!, { connector: CONNECTOR, vendorStatus: 401, retryable: false, hint: AUTH_HINT, cause: generic }),
    })),
    {
      status: 401,
      error: () =>
        new GatewayError('unauthenticated', 'Clockify did not accept the API key.', { connector: CONNECTOR, vendorStatus: 401, retryable: false, hint: AUTH_HINT }),
    },
    {
      status: 403,
      error: ({ request }) =>
        new GatewayError('permission_denied', `Clockify refused "${request.operation}": the Clockify user behind the API key lacks the role it needs (workspace admin or owner, or manager of that project or team).`, {
          connector: CONNECTOR,
          vendorStatus: 403,
          hint: 'Tell the user which Clockify role this needs; a workspace admin can grant it, or do it in Clockify directly.',
        }),
    },
    {
      // "Cannot delete an active project/client/task", and other rule violations.
      status: 400,
      vendorCode: 501,
      error: ({ request, body, generic }) => {
        const webhook = webhookRefusal({ body, request });
        if (webhook) return webhook;
        const archive = request.method === 'DELETE' ? archiveHint(request.path) : undefined;
        if (archive) {
          return new GatewayError('precondition_failed', `Clockify does not delete ${archive.what}.`, {
            connector: CONNECTOR,
            vendorStatus: 400,
            hint: archive.hint,
          });
        }
        return new GatewayError('invalid_argument', `Clockify refused "${request.operation}": a workspace rule or a value does not fit (for example a name that already exists, an id from another workspace, or a required task or project).`, {
          connector: CONNECTOR,
          vendorStatus: 400,
          hint: 'Check names for duplicates and ids with the matching clockify_list_* tool, then call again.',
          cause: generic,
        });
      },
    },
    {
      // A 400 without Clockify's code: only the webhook refusals are known.
      status: 400,
      error: ({ request, body, generic }) => webhookRefusal({ body, request }) ?? generic,
    },
    {
      // Stopping a timer when none runs.
      status: 404,
      vendorCode: 404,
      error: ({ request, generic }) =>
        request.method === 'PATCH' && /\/user\/[^/]+\/time-entries$/.test(request.path)
          ? new GatewayError('precondition_failed', 'No timer is running for this user, so there is nothing to stop.', {
              connector: CONNECTOR,
              vendorStatus: 404,
              hint: 'Nothing to do; to see who has a timer running, call clockify_list_running_timers.',
              alternatives: ['clockify_list_running_timers'],
            })
          : generic,
    },
    {
      // "No static resource …": the route is not bound at Clockify.
      status: 404,
      vendorCode: 3000,
      error: ({ request }) =>
        new GatewayError('unsupported_by_vendor', `Clockify has no route for "${request.operation}" on this host.`, {
          connector: CONNECTOR,
          vendorStatus: 404,
          retryable: false,
          hint: 'Use another clockify tool for the same goal; if this keeps happening, the operator should check CLOCKIFY_BASE_URL / CLOCKIFY_REGION.',
        }),
    },
  ],
});
