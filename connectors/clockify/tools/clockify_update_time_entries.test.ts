import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_INTERNAL, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const [RUNNING, DONE] = ['6601a2b3c4d5e6f7a8b9c0d2', '6601a2b3c4d5e6f7a8b9c0d1'];
const BULK = `/workspaces/${WS}/user/${ME}/time-entries`;
const entries = () => Object.fromEntries(fixture<{ id: string }[]>('time-entries-list').map((e) => [e.id, { ...e, project: undefined, task: undefined, tags: undefined }]));

describe('clockify_update_time_entries', () => {
  it('moves several entries to a project by name, keeping times: stopped ones in one bulk PUT with start and end, the running one by its own PUT', async () => {
    const byId = entries();
    stub.use(...commonRoutes(stub), ...entryRoutes(byId));
    const result = await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE, RUNNING], project: 'Internal' }, { runtime: await startClockify() });
    const bulk = stub.received.filter((r) => r.method === 'PUT' && r.path === BULK);
    expect(bulk.map((r) => r.body)).toEqual([[{ id: DONE, projectId: PROJECT_INTERNAL, start: '2024-03-14T13:00:00Z', end: '2024-03-14T15:00:00Z', description: 'Homepage wireframes', billable: true }]]);
    const single = stub.received.filter((r) => r.method === 'PUT' && r.path !== BULK);
    expect(single.map((r) => r.path)).toEqual([`/workspaces/${WS}/time-entries/${RUNNING}`]);
    expect(single[0]!.body).toMatchObject({ projectId: PROJECT_INTERNAL, start: '2024-03-15T08:30:00Z' });
    expect(single[0]!.body).not.toHaveProperty('end');
    const out = result.structuredContent as { time_entries: { id: string; project: { name: string } }[]; not_updated?: unknown };
    expect(out.time_entries.map((e) => [e.id, e.project.name])).toEqual([[DONE, 'Internal'], [RUNNING, 'Internal']]);
    expect(out.not_updated).toBeUndefined();
  });

  it('changes tags entry by entry (the bulk edit takes no tagIds), and lists an entry Clockify refuses without losing the others', async () => {
    const byId = entries();
    stub.use(
      ...commonRoutes(stub),
      stub.route('put', `/workspaces/${WS}/time-entries/${DONE}`, clockifyError(400, 501, 'nope')),
      ...entryRoutes(byId),
    );
    const result = await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE, RUNNING], tag_ids: [] }, { runtime: await startClockify() });
    expect(stub.received.filter((r) => r.path === BULK)).toEqual([]);
    const out = result.structuredContent as { time_entries: { id: string }[]; not_updated: { time_entry_id: string; code: string }[] };
    expect(result.isError).toBeFalsy();
    expect(out.time_entries.map((e) => e.id)).toEqual([RUNNING]);
    expect(out.not_updated).toEqual([expect.objectContaining({ time_entry_id: DONE, code: 'invalid_argument' })]);
  });

  it("refuses entries of another user before writing", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/:id`, { ...fixture<Record<string, unknown>>('time-entry'), userId: BOB }));
    const error = errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE], billable: false }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'time_entry_ids' }] });
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('a Clockify 400 is invalid_argument', async () => {
    const byId = entries();
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/:id`, ({ params }) => byId[params.id as string]!), stub.route('put', BULK, clockifyError(400, 501, 'nope')));
    expect(errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE], billable: false }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });

  it('takes at most 50 ids', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: Array(51).fill(DONE), billable: true }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('time_entry_ids');
  });
});

type Entries = Record<string, Record<string, unknown>>;

/**
 * The entries' GET, the single PUT and the bulk PUT as the live API behaves
 * (shared/vendors/EVIDENCE.md): the bulk edit refuses an entry without `end`
 * and knows no `tagIds` or `type`.
 */
function entryRoutes(byId: Entries) {
  return [
    stub.route('get', `/workspaces/${WS}/time-entries/:id`, ({ params }) => byId[params.id as string]!),
    stub.route('put', `/workspaces/${WS}/time-entries/:id`, ({ params, body }) => ({ ...byId[params.id as string], ...(body as object), id: params.id })),
    stub.route('put', BULK, ({ body }) => {
      const items = body as Record<string, unknown>[];
      if (items.some((b) => !b.id || !b.start || !b.end || 'tagIds' in b || 'type' in b)) return clockifyError(400, 501, "Field 'end' is mandatory");
      return items.map((b) => ({ ...byId[b.id as string], ...b }));
    }),
  ];
}
