import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyStub, commonRoutes, errorOf, runTool, startClockify, TEST_BASE_URL, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const ID = '6a51a2b3c4d5e6f7a8b9f001';
// Outside both specs ([U]): answered by plain msw handlers.
const TEMPLATE = `${TEST_BASE_URL}/workspaces/${WS}/templates/${ID}`;

describe('clockify_delete_template', () => {
  it('deletes the template', async () => {
    let deleted = false;
    stub.use(
      ...commonRoutes(stub),
      http.delete(TEMPLATE, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const result = await runTool(clockify, 'clockify_delete_template', { template_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, template_id: ID });
    expect(deleted).toBe(true);
  });

  it('turns a 404 into unsupported_by_vendor whose hint also points at checking the id', async () => {
    stub.use(...commonRoutes(stub), http.delete(TEMPLATE, () => HttpResponse.json({ message: 'not found', code: 404 }, { status: 404 })));
    const error = errorOf(await runTool(clockify, 'clockify_delete_template', { template_id: ID }, { runtime: await startClockify() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.hint).toMatch(/clockify_list_templates/);
  });

  it('refuses a malformed id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_delete_template', { template_id: 'std' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('template_id');
  });
});
