import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { executeTool, type ToolCallResult } from '../../src/mcp/execute';
import { createMetrics } from '../../src/observability/metrics';
import { testPrincipal } from '../../tests/support/tool-harness';
import desktime, { type DesktimeRuntime } from './index';
import {
  capturingLogger,
  desktimeRoute,
  desktimeServer,
  fixture,
  startDesktime,
  TEST_API_KEY,
  TEST_BASE_URL,
  useDesktimeServer,
} from './test-support';

useDesktimeServer();

async function call(runtime: DesktimeRuntime, log: DesktimeRuntime['log'], name: string, args: unknown): Promise<ToolCallResult> {
  const tool = desktime.tools.find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  const { result, error } = await executeTool(tool, 'desktime', args, {
    principal: testPrincipal(),
    runtime,
    log,
    requestId: 'leak-test',
    signal: new AbortController().signal,
  });
  // The error object itself (cause included) is what the core logs and counts.
  return { ...result, thrownError: error ? { message: error.message, hint: error.hint, cause: String(error.cause) } : undefined };
}

describe('the DeskTime API key', () => {
  it('appears in no log line, tool result, error, health detail or metric, whether calls fail or succeed', async () => {
    const { log, text } = capturingLogger();
    const metrics = createMetrics();
    const runtime = await startDesktime({ log, metrics });
    const outputs: unknown[] = [];

    desktimeServer.use(
      // A vendor that echoes the request URL (key included) into its error.
      desktimeRoute('get', '/employee', (query) => ({ error: `Bad id ${query.id} for ${TEST_BASE_URL}/employee?apiKey=${TEST_API_KEY}` })),
      desktimeRoute('get', '/projects', new HttpResponse(`denied apiKey=${TEST_API_KEY}`, { status: 403 })),
      http.get(`${TEST_BASE_URL}/ping`, () => HttpResponse.error()),
      desktimeRoute('get', '/company', fixture('company')),
      desktimeRoute('get', '/employees', fixture('employees-day')),
      desktimeRoute('get', '/start-project', new HttpResponse(null, { status: 500 })),
    );

    outputs.push(await call(runtime, log, 'desktime_get_employee', { employee_id: 5, date: '2024-03-15' }));
    outputs.push(await call(runtime, log, 'desktime_list_projects', {}));
    outputs.push(await call(runtime, log, 'desktime_ping', {}));
    outputs.push(await call(runtime, log, 'desktime_start_project_task', { project: 'Blue Book' }));
    outputs.push(await desktime.healthCheck(runtime));
    outputs.push(await call(runtime, log, 'desktime_get_account', {}));
    outputs.push(await call(runtime, log, 'desktime_list_employees', { date: 'today' }));

    const results = outputs as (ToolCallResult & { thrownError?: unknown })[];
    expect(results.slice(0, 4).every((r) => r.isError)).toBe(true);
    expect(results.slice(5).every((r) => !r.isError)).toBe(true);

    const logs = text();
    // The client logged every request at debug level, so there was something to leak into.
    expect(logs).toContain('list employees');
    expect(logs).toContain('start project tracking');
    const everything = [JSON.stringify(outputs), logs, await metrics.registry.metrics()].join('\n');
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain(encodeURIComponent(TEST_API_KEY));
  });
});
