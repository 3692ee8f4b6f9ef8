import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_ACME, runTool, startClockify, TEST_BASE_URL, WS } from '../test-support';

const stub = clockifyStub();
// Outside both specs ([U]): answered by plain msw handlers.
const TEMPLATES = `${TEST_BASE_URL}/workspaces/${WS}/templates`;

describe('clockify_create_templates', () => {
  it('sends the templates as an array of name + projectsAndTasks and returns them with names', async () => {
    let sent: unknown;
    stub.use(
      ...commonRoutes(stub),
      http.post(TEMPLATES, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(fixture('templates-list'), { status: 201 });
      }),
    );
    const result = await runTool(
      clockify,
      'clockify_create_templates',
      { templates: [{ name: 'Standard week', rows: [{ project_id: PROJECT_ACME, task_id: '66c1d2e3f4a5b6c7d8e9f001' }, { project_id: '65b1c2d3e4f5a6b7c8d9e002' }] }] },
      { runtime: await startClockify() },
    );
    expect(sent).toEqual([
      {
        name: 'Standard week',
        projectsAndTasks: [
          { projectId: PROJECT_ACME, taskId: '66c1d2e3f4a5b6c7d8e9f001' },
          { projectId: '65b1c2d3e4f5a6b7c8d9e002', taskId: null },
        ],
      },
    ]);
    expect(result.structuredContent).toMatchObject({ created: [{ name: 'Standard week', rows: [{ project: 'Acme website' }, { project: 'Internal' }] }] });
  });

  it('turns a 404 (no such route) into unsupported_by_vendor', async () => {
    stub.use(...commonRoutes(stub), http.post(TEMPLATES, () => HttpResponse.json({ message: 'No static resource', code: 3000 }, { status: 404 })));
    const error = errorOf(await runTool(clockify, 'clockify_create_templates', { templates: [{ name: 'x', rows: [{ project_id: PROJECT_ACME }] }] }, { runtime: await startClockify() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.alternatives).toContain('clockify_create_time_entry');
  });

  it('refuses a template without rows', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_create_templates', { templates: [{ name: 'x', rows: [] }] }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
  });
});
