import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRouteIndex, checkContract, specRoutes } from './contract';
import { clockifyStub, startClockify, WS } from './test-support';
import { toVendorPath } from '../../src/vendor-http/path';

const stub = clockifyStub();
const SPECS = '/work/shared/vendors';

describe('Clockify contract check', () => {
  it('accepts documented routes, query names and body fields on either host', () => {
    expect(checkContract({ method: 'GET', path: `/workspaces/${WS}/user/abc123/time-entries`, query: { start: 'x', 'page-size': '5', hydrated: 'true' } })).toEqual([]);
    expect(checkContract({ method: 'POST', path: `/workspaces/${WS}/time-entries`, body: { start: 'x', projectId: 'p', tagIds: [] } })).toEqual([]);
    expect(checkContract({ method: 'PATCH', path: `/workspaces/${WS}/user/u1/time-entries`, body: { end: 'x' } })).toEqual([]);
    expect(checkContract({ method: 'POST', path: `/workspaces/${WS}/reports/summary`, body: { dateRangeStart: 'x' } })).toEqual([]);
  });

  it('fails a path neither spec has, a wrong method, an undocumented parameter or body field', () => {
    expect(checkContract({ method: 'POST', path: `/workspaces/${WS}/time-entries/abc/stop` })[0]).toMatch(/no such route/);
    expect(checkContract({ method: 'GET', path: `/workspaces/${WS}/time-entries` })[0]).toMatch(/no such route/);
    expect(checkContract({ method: 'GET', path: `/workspaces/${WS}/users`, query: { pageSize: '5' } })[0]).toMatch(/"pageSize" is not documented/);
    expect(checkContract({ method: 'POST', path: `/workspaces/${WS}/time-entries`, body: { start: 'x', project_id: 'p' } })[0]).toMatch(/"project_id" is not documented/);
  });

  it('fails the test when a request to a path neither spec has reaches the stub', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/projects/:id/archive`, { ok: true }));
    const runtime = await startClockify();
    await expect(runtime.api.call({}, 'GET', toVendorPath(`/workspaces/${WS}/projects/65b1c2d3e4f5a6b7c8d9e001/archive`), (await import('zod')).z.unknown(), { operation: 'archive' })).rejects.toMatchObject({
      code: 'upstream_error',
    });
    const seen = stub.takeViolations();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatch(/GET \/workspaces\/.*\/archive: no such route/);
  });

  it.runIf(existsSync(`${SPECS}/clockify-openapi.official.json`))('spec-routes.json is up to date with both specs', () => {
    const index = buildRouteIndex([
      { name: 'official', spec: JSON.parse(readFileSync(`${SPECS}/clockify-openapi.official.json`, 'utf8')) },
      { name: 'corrected', spec: JSON.parse(readFileSync(`${SPECS}/clockify-openapi.corrected.json`, 'utf8')) },
    ]);
    expect(specRoutes()).toEqual(index);
  });
});
