import { describe, expect, it } from 'vitest';
import { clockifyStub, commonRoutes, PROJECT_ACME, startClockify, TASK_DESIGN, TEST_PERSONAL_KEY, WS } from './test-support';

const stub = clockifyStub();

describe('names → ids', () => {
  it('resolves case-insensitively, prefers active items, and caches the list per workspace and key', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    expect((await runtime.names.resolve({}, WS, 'project', '  acme WEBSITE ', { field: 'project' })).id).toBe(PROJECT_ACME);
    expect((await runtime.names.resolve({}, WS, 'task', 'design', { field: 'task', projectId: PROJECT_ACME })).id).toBe(TASK_DESIGN);
    expect(await runtime.names.nameOf({}, WS, 'project', PROJECT_ACME)).toBe('Acme website');
    expect(stub.received.filter((r) => r.path === `/workspaces/${WS}/projects`)).toHaveLength(1);
    expect(stub.received.find((r) => r.path === `/workspaces/${WS}/projects`)?.query).toMatchObject({ page: '1', 'page-size': '200' });
    await runtime.names.nameOf({ credential: { id: 'p1', secret: TEST_PERSONAL_KEY } }, WS, 'project', PROJECT_ACME);
    expect(stub.received.filter((r) => r.path === `/workspaces/${WS}/projects`)).toHaveLength(2);
    runtime.names.forget(WS, 'project');
    await runtime.names.nameOf({}, WS, 'project', PROJECT_ACME);
    expect(stub.received.filter((r) => r.path === `/workspaces/${WS}/projects`)).toHaveLength(3);
  });

  it('an unknown name is invalid_argument listing the closest candidates with their ids', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    const error = (await runtime.names.resolve({}, WS, 'project', 'Acme web', { field: 'project' }).catch((e: unknown) => e)) as Record<string, unknown>;
    expect(error).toMatchObject({ code: 'invalid_argument', alternatives: ['clockify_list_projects'] });
    const problem = (error.fields as { problem: string }[])[0]!.problem;
    expect(problem).toMatch(/^closest: "Acme website" \(id 65b1c2d3e4f5a6b7c8d9e001, client Acme Corp\)/);
  });

  it('an ambiguous name lists every match', async () => {
    stub.use(
      stub.route('get', `/workspaces/${WS}/tags`, [
        { id: '67d1e2f3a4b5c6d7e8f9a00a', name: 'Review', archived: false },
        { id: '67d1e2f3a4b5c6d7e8f9a00b', name: 'review', archived: false },
      ]),
    );
    const runtime = await startClockify();
    await expect(runtime.names.resolve({}, WS, 'tag', 'REVIEW', { field: 'tags' })).rejects.toMatchObject({
      code: 'invalid_argument',
      fields: [{ field: 'tags', problem: expect.stringMatching(/67d1e2f3a4b5c6d7e8f9a00a.*67d1e2f3a4b5c6d7e8f9a00b/) }],
      hint: expect.stringContaining('tag_ids'),
    });
  });
});
