import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../contract';
import { clockify, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, TEST_BASE_URL, WS } from '../test-support';

const stub = clockifyStub();
// The template paths are in neither spec ([U]), so these tests answer them with plain msw handlers, outside the contract check.
const TEMPLATES = `${TEST_BASE_URL}/workspaces/${WS}/templates`;

describe('clockify_list_templates', () => {
  it('the assumed template paths are outside both specs (so a spec that adds them shows up here)', () => {
    expect(checkContract({ method: 'GET', path: `/workspaces/${WS}/templates` })).toHaveLength(1);
  });

  it('lists templates with project names', async () => {
    stub.use(...commonRoutes(stub), http.get(TEMPLATES, () => HttpResponse.json(fixture('templates-list'))));
    const result = await runTool(clockify, 'clockify_list_templates', {}, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      items: [
        {
          id: '6a51a2b3c4d5e6f7a8b9f001',
          name: 'Standard week',
          rows: [
            { project_id: '65b1c2d3e4f5a6b7c8d9e001', project: 'Acme website', task_id: '66c1d2e3f4a5b6c7d8e9f001' },
            { project_id: '65b1c2d3e4f5a6b7c8d9e002', project: 'Internal', task_id: null },
          ],
        },
      ],
      next_cursor: null,
    });
  });

  it('turns a 405 (route gone) into unsupported_by_vendor with a hint, not upstream_error', async () => {
    stub.use(...commonRoutes(stub), http.get(TEMPLATES, () => HttpResponse.json({ message: 'not supported', code: 3000 }, { status: 405 })));
    const error = errorOf(await runTool(clockify, 'clockify_list_templates', {}, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'unsupported_by_vendor', vendor_status: 405 });
    expect(error.hint).toMatch(/web app/);
  });

  it('refuses a limit over 200', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_list_templates', { limit: 500 }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('limit');
  });
});
