import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS, type ConnectedClient } from '../support/clients';
import { startClockifyStandIn, STAND_IN_ME, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/**
 * Clockify through the whole gateway: real server, both official MCP
 * clients, the real vendor HTTP client over real sockets, against a
 * loopback Clockify stand-in (tests/support/clockify-stand-in.ts) that also
 * checks every request against the two Clockify specs.
 */
const API_KEY = 'ckf_e2e_Zt4Wq8Nv2Lr6Hs9Pb3Xy';
const TOOLSETS = 'time_entries,bulk,reports,setup,workspace,users,groups,clients,projects,tasks,tags';

type Result = { isError?: boolean; structuredContent?: Record<string, unknown> };
const ok = <T = Record<string, unknown>>(r: Record<string, unknown>): T => {
  const result = r as Result;
  expect(result.isError, JSON.stringify(result)).toBeFalsy();
  return result.structuredContent as T;
};

describe('Clockify end to end through /mcp', () => {
  let gw: TestGateway;
  let clockify: ClockifyStandIn;
  const logLines: string[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    clockify = await startClockifyStandIn(API_KEY);
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        CLOCKIFY_API_KEY: API_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TOOLSETS: TOOLSETS,
        CLOCKIFY_TIMEOUT_MS: '3000',
      },
      logs: lineCollector(logLines),
    });
  });
  afterAll(async () => {
    await gw?.close();
    await clockify?.close();
  });

  const call = async (client: ConnectedClient, name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    seen.push(JSON.stringify(result));
    return result;
  };

  it.each(ERAS)('client → project → tasks → time entry by names, listed with names; timer started and stopped; project archived and deleted (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    const names = (await client.listTools()).tools.map((t) => t.name);
    for (const tool of ['clockify_create_time_entry', 'clockify_stop_timer', 'clockify_create_client', 'clockify_create_project', 'clockify_create_task', 'clockify_delete_project']) {
      expect(names).toContain(tool);
    }
    const suffix = era === 'modern' ? 'A' : 'B';
    const clientName = `Globex ${suffix}`;
    const projectName = `Q1 audit ${suffix}`;

    ok(await call(client, 'clockify_create_client', { name: clientName }));
    const project = ok<{ project: { id: string } }>(await call(client, 'clockify_create_project', { name: projectName, client: clientName, billable: true }));
    ok(await call(client, 'clockify_create_task', { project: projectName, name: 'Kickoff' }));
    ok(await call(client, 'clockify_create_task', { project: projectName, name: 'Fieldwork' }));

    // "log 2 hours on Q1 audit / Fieldwork yesterday afternoon", all by names.
    const logged = ok(
      await call(client, 'clockify_create_time_entry', { start: '2024-03-14 14:00', duration: '2h', project: projectName, task: 'Fieldwork', description: 'Audit fieldwork' }),
    ) as { time_entry: Record<string, unknown>; duplicate_of_recent: boolean };
    expect(logged.duplicate_of_recent).toBe(false);
    expect(logged.time_entry).toMatchObject({
      project: { name: projectName },
      client: { name: clientName },
      task: { name: 'Fieldwork' },
      user: { id: STAND_IN_ME, name: 'Alice Moreau' },
      start: '2024-03-14T14:00:00+01:00',
      end: '2024-03-14T16:00:00+01:00',
      duration_seconds: 7200,
    });

    const listed = ok<{ time_entries: Record<string, unknown>[] }>(await call(client, 'clockify_list_time_entries', { project: projectName }));
    expect(listed.time_entries).toEqual([expect.objectContaining({ description: 'Audit fieldwork', project: expect.objectContaining({ name: projectName }), task: expect.objectContaining({ name: 'Fieldwork' }) })]);

    // "what is running right now, and stop it"
    ok(await call(client, 'clockify_create_time_entry', { project: projectName, task: 'Kickoff', description: 'Kickoff call' }));
    const running = ok(await call(client, 'clockify_list_running_timers', {})) as { time_entries: { running: boolean; end: null; description: string }[] };
    expect(running.time_entries).toEqual([expect.objectContaining({ running: true, end: null, description: 'Kickoff call' })]);
    const stopped = ok(await call(client, 'clockify_stop_timer', {})) as { time_entry: { running: boolean; end: string | null } };
    expect(stopped.time_entry.running).toBe(false);
    expect(stopped.time_entry.end).toMatch(/[+-]\d{2}:\d{2}$/);
    // Errors reach the model in both eras (text, and the payload in _meta).
    const idle = (await call(client, 'clockify_stop_timer', {})) as Result;
    expect(errorOf(idle).code).toBe('precondition_failed');
    // Deleting the active project is refused with the archive hint.
    const refused = (await call(client, 'clockify_delete_project', { project_id: project.project.id })) as Result;
    expect(errorOf(refused)).toMatchObject({ code: 'precondition_failed', hint: expect.stringContaining('archive') });
    ok(await call(client, 'clockify_update_project', { project_id: project.project.id, archived: true }));
    ok(await call(client, 'clockify_delete_project', { project_id: project.project.id }));
    expect(clockify.data.projects.find((p) => p.id === project.project.id)).toBeUndefined();

    await client.close();
  });

  it('moves a stopped and a running entry to a project: the stand-in, like live Clockify, refuses a bulk edit without end, and nothing is lost', async () => {
    // The evidence (shared/vendors/EVIDENCE.md): the live bulk edit needs id, start and end for every entry.
    const raw = await fetch(`${clockify.baseUrl}/workspaces/${STAND_IN_WS}/user/${STAND_IN_ME}/time-entries`, {
      method: 'PUT',
      headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify([{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', start: '2024-03-14T08:00:00Z' }]),
    });
    expect(raw.status).toBe(400);

    const client = await connectClient('modern', gw.url, gw.adminKey);
    ok(await call(client, 'clockify_create_project', { name: 'Bulk target' }));
    const done = ok<{ time_entry: { id: string } }>(await call(client, 'clockify_create_time_entry', { start: '2024-03-13 09:00', duration: '1h', description: 'Done one' }));
    const running = ok<{ time_entry: { id: string } }>(await call(client, 'clockify_create_time_entry', { description: 'Running one' }));
    const before = clockify.calls.length;
    const moved = ok<{ time_entries: { id: string; project: { name: string } | null; running: boolean }[]; not_updated?: unknown }>(
      await call(client, 'clockify_update_time_entries', { time_entry_ids: [done.time_entry.id, running.time_entry.id], project: 'Bulk target' }),
    );
    expect(moved.not_updated).toBeUndefined();
    expect(moved.time_entries.map((e) => [e.id, e.project?.name, e.running]).sort()).toEqual(
      [
        [done.time_entry.id, 'Bulk target', false],
        [running.time_entry.id, 'Bulk target', true],
      ].sort(),
    );
    const bulk = clockify.calls.slice(before).filter((c) => c.method === 'PUT' && c.path.endsWith(`/user/${STAND_IN_ME}/time-entries`));
    expect(bulk.map((c) => (c.body as { id: string }[]).map((b) => b.id))).toEqual([[done.time_entry.id]]);
    ok(await call(client, 'clockify_stop_timer', {}));
    await client.close();
  });

  it('never lets the Clockify key reach a result, an error, a log line or a metric', async () => {
    const client = await connectClient('modern', gw.url, gw.adminKey);
    clockify.failNextContaining = '/status/in-progress';
    const failed = (await call(client, 'clockify_list_running_timers', { all_users: true })) as Result;
    expect(failed.isError).toBe(true);
    const bad = (await call(client, 'clockify_get_time_entry', { time_entry_id: 'ffffffffffffffffffffffff' })) as Result;
    expect(bad.isError).toBe(true);
    await client.close();
    seen.push(await (await fetch(`${gw.baseUrl}/metrics`)).text());
    seen.push(...logLines);

    // Clockify did get the key on every call (so the check below means something)...
    expect(clockify.calls.length).toBeGreaterThan(10);
    expect(clockify.calls.every((c) => c.hadKey)).toBe(true);
    // ...tool calls were logged...
    expect(logLines.some((l) => l.includes('clockify_create_time_entry'))).toBe(true);
    // ...and the key is nowhere a model, an operator or Prometheus can read.
    for (const text of seen) expect(text).not.toContain(API_KEY);
    for (const text of seen) expect(text).not.toContain(gw.adminKey);
    // Every request the connector sent is in one of the two Clockify specs.
    expect(clockify.violations).toEqual([]);
  });

  it('checks the key for `deskgate doctor` with GET /user', async () => {
    const manifest = connectorCatalog.find((m) => m.id === 'clockify')!;
    const before = clockify.calls.length;
    const health = await manifest.healthCheck(gw.core.runtimes.get('clockify'));
    expect(health).toMatchObject({ ok: true, detail: expect.stringContaining('Alice Moreau') });
    expect(health.detail).not.toContain(API_KEY);
    expect(clockify.calls.slice(before)).toEqual([expect.objectContaining({ method: 'GET', path: '/user' })]);
  });
});
