import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSpan } from '../../connectors/clockify/reports/range';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS } from '../support/clients';
import { newId, startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn, type Entity } from '../support/clockify-stand-in';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/**
 * Clockify part 2 through the whole gateway: both official MCP clients, the
 * real vendor client over sockets, the loopback stand-in (with its contract
 * check) extended with the reports host and webhooks.
 */
const API_KEY = 'ckf_e2e_Rp5Tq2Wm8Kd4Jx7Vb1Nz';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.e2e-webhook-secret-Hq3.sig';

type Result = { isError?: boolean; structuredContent?: Record<string, unknown> };
const ok = <T = Record<string, unknown>>(r: unknown): T => {
  const result = r as Result;
  expect(result.isError, JSON.stringify(result)).toBeFalsy();
  return result.structuredContent as T;
};

describe('Clockify reports and webhooks end to end through /mcp', () => {
  let gw: TestGateway;
  let clockify: ClockifyStandIn;
  const logLines: string[] = [];
  const webhooks: Entity[] = [];

  beforeAll(async () => {
    clockify = await startClockifyStandIn(API_KEY);
    clockify.data.projects.push(
      { id: '65b1c2d3e4f5a6b7c8d9e001', name: 'Acme website', clientId: '6410a1b2c3d4e5f6a7b8c901', clientName: 'Acme Corp', archived: false },
      { id: '65b1c2d3e4f5a6b7c8d9e002', name: 'Internal', clientId: '', clientName: '', archived: false },
    );
    clockify.route(
      'POST',
      '/workspaces/:ws/reports/summary',
      () => ({
        body: {
          totals: [{ _id: '', totalTime: 45000, totalBillableTime: 36000, entriesCount: 9, amounts: [{ type: 'EARNED', value: 85500.5 }] }],
          groupOne: [
            { _id: '65b1c2d3e4f5a6b7c8d9e001', name: 'Acme website', clientName: 'Acme Corp', duration: 36000, amount: 85500.5 },
            { _id: '65b1c2d3e4f5a6b7c8d9e002', name: 'Internal', clientName: '', duration: 9000, amount: 0 },
          ],
        },
      }),
      'reports',
    );
    clockify.route('POST', '/workspaces/:ws/webhooks', ({ body }) => {
      const webhook: Entity = { ...(body as object), id: newId(), workspaceId: STAND_IN_WS, enabled: true, authToken: TOKEN };
      webhooks.push(webhook);
      return { status: 201, body: webhook };
    });
    clockify.route('DELETE', '/workspaces/:ws/webhooks/:id', ({ params }) => {
      const index = webhooks.findIndex((w) => w.id === params.id);
      if (index < 0) return { status: 404, body: { message: 'Webhook not found', code: 501 } };
      webhooks.splice(index, 1);
      return { status: 204 };
    });
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        CLOCKIFY_API_KEY: API_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TOOLSETS: 'reports,webhooks',
        CLOCKIFY_TIMEOUT_MS: '3000',
      },
      logs: lineCollector(logLines),
    });
  });
  afterAll(async () => {
    await gw?.close();
    await clockify?.close();
  });

  it.each(ERAS)('summary for last week by project; webhook created and deleted; a 6-day weekly report refused before any call (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['clockify_get_summary_report', 'clockify_get_weekly_report', 'clockify_create_webhook', 'clockify_delete_webhook']));

    // "how many hours by project last week", in the user's zone (Europe/Paris in the stand-in).
    const lastWeek = resolveSpan('last_week', 'start', { timeZone: 'Europe/Paris', now: new Date() });
    const summary = ok<{ totals: Record<string, unknown>; range: Record<string, unknown>; rows: Record<string, unknown>[] }>(
      await client.callTool({ name: 'clockify_get_summary_report', arguments: { start: 'last_week', group_by: ['project'] } }),
    );
    const sent = clockify.calls.filter((c) => c.path.endsWith('/reports/summary')).at(-1);
    expect(sent).toMatchObject({ host: 'reports', method: 'POST' });
    expect(sent?.body).toMatchObject({
      dateRangeStart: `${lastWeek.start}T00:00:00.000`,
      dateRangeEnd: `${lastWeek.end}T23:59:59.999`,
      timeZone: 'Europe/Paris',
      summaryFilter: { groups: ['PROJECT'] },
    });
    expect(summary.range).toMatchObject({ start: lastWeek.start, end: lastWeek.end, days: 7 });
    expect(summary.totals).toMatchObject({ duration: '12h 30m', amounts: [{ type: 'earned', amount: 855.005, currency: 'EUR' }] });
    expect(summary.rows.map((r) => [r.name, r.duration])).toEqual([
      ['Acme website', '10h 00m'],
      ['Internal', '2h 30m'],
    ]);

    // "notify our webhook when a timer stops", then remove it.
    const created = ok<{ webhook: { id: string; event: string }; auth_token: string }>(
      await client.callTool({
        name: 'clockify_create_webhook',
        arguments: { url: 'https://hooks.example.com/clockify', event: 'TIMER_STOPPED', trigger_type: 'WORKSPACE_ID', trigger_ids: [STAND_IN_WS] },
      }),
    );
    expect(created).toMatchObject({ webhook: { event: 'TIMER_STOPPED' }, auth_token: TOKEN });
    expect(webhooks.map((w) => w.id)).toContain(created.webhook.id);
    ok(await client.callTool({ name: 'clockify_delete_webhook', arguments: { webhook_id: created.webhook.id } }));
    expect(webhooks.map((w) => w.id)).not.toContain(created.webhook.id);

    // A weekly report needs exactly 7 days: 6 are refused by the gateway, Clockify never asked.
    const before = clockify.calls.length;
    // The 2025-era client validates error results against the output schema and throws (see tests/e2e/clockify.test.ts).
    const refused = await client
      .callTool({ name: 'clockify_get_weekly_report', arguments: { start: '2024-03-04', end: '2024-03-09' } })
      .catch((error: unknown) => ({ isError: true, thrown: String(error) }));
    expect((refused as Result).isError).toBe(true);
    if (era === 'modern') {
      expect(errorOf(refused as Result)).toMatchObject({ code: 'invalid_argument', hint: expect.stringContaining('2024-03-04..2024-03-10') });
    }
    expect(clockify.calls.slice(before).filter((c) => c.path.includes('/reports/'))).toEqual([]);

    await client.close();
  });

  it('kept every request inside the specs, and the key and webhook token out of the logs', () => {
    expect(clockify.violations).toEqual([]);
    expect(clockify.calls.every((c) => c.hadKey)).toBe(true);
    const logs = logLines.join('');
    expect(logs).toContain('clockify_create_webhook');
    expect(logs).not.toContain(API_KEY);
    expect(logs).not.toContain('e2e-webhook-secret');
  });
});
