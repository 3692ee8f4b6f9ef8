import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import desktime from '../../connectors/desktime/index';
import {
  companyRoute,
  desktimeRoute,
  desktimeServer,
  fixture,
  received,
  TEST_API_KEY,
  TEST_BASE_URL,
} from '../../connectors/desktime/test-support';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient, type Era } from '../support/clients';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

describe('DeskTime through /mcp with the official clients', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // msw sees every fetch in this process, the MCP client's calls to the local gateway included.
    desktimeServer.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    });
    gw = await startTestGateway({
      catalog: [desktime] as unknown as ConnectorManifest<unknown, unknown>[],
      env: { DESKTIME_API_KEY: TEST_API_KEY, DESKTIME_BASE_URL: TEST_BASE_URL, DESKTIME_ACCESS: 'write', DESKTIME_TOOLSETS: 'all' },
      // DeskTime is faked with msw here, which sees global fetch only.
      vendorTransport: 'fetch',
    });
  });
  afterEach(() => {
    desktimeServer.resetHandlers();
    received.length = 0;
  });
  afterAll(async () => {
    await gw?.close();
    desktimeServer.close();
  });

  // The 2025-era client hangs when msw is listening in the same process (its
  // streaming response through msw's passthrough, not investigated); the
  // gateway's own e2e suite covers that client without msw.
  const eras: Era[] = ['modern'];
  describe.each(eras)('%s-era client', (era) => {
    it('lists the ten DeskTime tools with their annotations', async () => {
      const client = await connectClient(era, gw.url, gw.adminKey);
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name).filter((n) => n.startsWith('desktime_'));
      expect(names).toHaveLength(10);
      expect(tools.find((t) => t.name === 'desktime_start_project_task')?.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
      });
      await client.close();
    });

    it("returns an employee's day that the client accepts against the output schema", async () => {
      desktimeServer.use(companyRoute(), desktimeRoute('get', '/employee', fixture('employee')));
      const client = await connectClient(era, gw.url, gw.adminKey);
      const result = await client.callTool({ name: 'desktime_get_employee', arguments: { employee_id: 2, date: 'today' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ employee: { id: 2, name: 'Andy Bernard' } });
      expect(received.find((r) => r.path === '/employee')).toMatchObject({ hadApiKey: true });
      expect(JSON.stringify(result)).not.toContain(TEST_API_KEY);
      await client.close();
    });

    it('refuses to start tracking for another employee, as a structured error', async () => {
      desktimeServer.use(desktimeRoute('get', '/employee', fixture('employee')));
      const client = await connectClient(era, gw.url, gw.adminKey);
      const result = await client.callTool({
        name: 'desktime_start_project_task',
        arguments: { project: 'Blue Book', employee_id: 9 },
      });
      expect(result.isError).toBe(true);
      expect(errorOf(result)).toMatchObject({ code: 'unsupported_by_vendor', connector: 'desktime' });
      expect(received.map((r) => r.path)).not.toContain('/start-project');
      await client.close();
    });
  });
});
