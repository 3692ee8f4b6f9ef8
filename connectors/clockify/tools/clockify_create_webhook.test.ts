import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { capturingLogger, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const CREATE = `/workspaces/${WS}/webhooks`;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.wh-secret-Zq81Kp3Vx.sig2';
const args = { url: 'https://hooks.example.com/clockify/timer', event: 'TIMER_STOPPED', trigger_type: 'USER_ID', trigger_ids: [ME], name: 'Timer stopped' };

describe('clockify_create_webhook', () => {
  it('creates the webhook, returns its token once, and never logs the token', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, HttpCreated()));
    const logger = capturingLogger();
    const result = await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify({ log: logger.log }) });
    expect(stub.received.find((r) => r.path === CREATE)?.body).toEqual({
      name: 'Timer stopped',
      url: 'https://hooks.example.com/clockify/timer',
      webhookEvent: 'TIMER_STOPPED',
      triggerSourceType: 'USER_ID',
      triggerSource: [ME],
    });
    expect(result.structuredContent).toMatchObject({
      webhook: { id: '6c21d2e3f4a5b6c7d8e9a003', event: 'TIMER_STOPPED', trigger_type: 'USER_ID', triggers: [{ id: ME, name: 'Alice Moreau' }], enabled: true, owner: 'Alice Moreau' },
      auth_token: TOKEN,
    });
    expect(logger.text()).not.toContain(TOKEN);
    expect(logger.text()).not.toContain('wh-secret');
  });

  it('reads the live "Webhook already exists" (400, code 501) as a conflict naming the webhook that has the name', async () => {
    const existing = { id: '6c21d2e3f4a5b6c7d8e9a0e1', name: 'Timer stopped', url: 'https://hooks.example.com/old', webhookEvent: 'TIMER_STOPPED', triggerSourceType: 'USER_ID', triggerSource: [ME], userId: ME };
    stub.use(
      ...commonRoutes(stub),
      stub.route('post', CREATE, clockifyError(400, 501, 'Webhook already exists')),
      stub.route('get', CREATE, () => HttpResponse.json({ workspaceWebhookCount: 1, webhooks: [existing] })),
    );
    const error = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Timer stopped" (6c21d2e3f4a5b6c7d8e9a0e1)');
    expect(error.hint).toContain('clockify_update_webhook');
    expect(JSON.stringify(error)).not.toMatch(/quota/i);
    expect(JSON.stringify(error)).not.toContain('Webhook already exists');
  });

  it('reads "Webhook doesn\'t belong to Workspace" as not_found, and speaks of a quota only when Clockify does', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(400, 501, "Webhook doesn't belong to Workspace")));
    const belong = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(belong.code).toBe('not_found');
    expect(belong.hint).toMatch(/trigger_ids/);
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(400, 501, 'Webhook limit reached')));
    const quota = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(quota.code).toBe('precondition_failed');
    expect(quota.hint).toMatch(/FREE 3/);
    expect(quota.alternatives).toContain('clockify_delete_webhook');
    expect(JSON.stringify(quota)).not.toContain('Webhook limit reached');
  });

  it('calls neither a quota nor a conflict what Clockify does not say is one (a name length limit, a bad url)', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(400, 501, 'Webhook name exceeds the limit of 30 characters')));
    const length = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(length.code).toBe('invalid_argument');
    expect(JSON.stringify(length)).not.toMatch(/quota/i);
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, () => HttpResponse.json({ message: 'Invalid url' }, { status: 400 })));
    const url = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(url.code).toBe('invalid_argument');
    expect(JSON.stringify(url)).not.toMatch(/quota|already exists/i);
  });

  it('turns HTTP 403 into permission_denied naming the admin role', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
    expect(error.message).toMatch(/workspace admin/);
  });

  it('turns HTTP 402 into plan_required with the quotas', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', CREATE, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_create_webhook', args, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
    expect(error.hint).toMatch(/ENTERPRISE 100 per user and 300 per workspace/);
  });

  it('refuses http addresses and unknown events before any call', async () => {
    const runtime = await startClockify();
    const http = errorOf(await runTool(clockify, 'clockify_create_webhook', { ...args, url: 'http://hooks.example.com/x' }, { runtime }));
    expect(http.code).toBe('invalid_argument');
    expect(http.fields?.[0]).toMatchObject({ field: 'url' });
    const event = errorOf(await runTool(clockify, 'clockify_create_webhook', { ...args, event: 'TIMER_PAUSED' }, { runtime }));
    expect(event.fields?.[0]?.field).toBe('event');
    expect(stub.received).toEqual([]);
  });

  it('declares admin and lists the spec enums in its schema', () => {
    const tool = clockify.tools.find((t) => t.name === 'clockify_create_webhook')!;
    expect(tool.minRole).toBe('admin');
    const shape = tool.input.shape as Record<string, { options?: string[] }>;
    expect(shape.event?.options).toContain('NEW_TIMER_STARTED');
    expect(shape.event?.options).toHaveLength(51);
    expect(shape.trigger_type?.options).toEqual(['PROJECT_ID', 'USER_ID', 'TAG_ID', 'TASK_ID', 'WORKSPACE_ID', 'ASSIGNMENT_ID', 'EXPENSE_ID']);
  });
});

function HttpCreated() {
  return new Response(JSON.stringify(fixture('webhooks-created')), { status: 201, headers: { 'content-type': 'application/json' } });
}
