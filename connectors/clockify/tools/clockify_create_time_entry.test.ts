import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BOB,
  clockify,
  clockifyError,
  clockifyStub,
  commonRoutes,
  errorOf,
  fixture,
  ME,
  PROJECT_ACME,
  runTool,
  startClockify,
  TAG_MEETING,
  TASK_DESIGN,
  testPrincipal,
  WS,
} from '../test-support';

const stub = clockifyStub();

/** Clockify's answer to a create: the entry it stored, echoing the body. */
const echoCreate = ({ body }: { body: unknown }) => {
  const b = body as Record<string, unknown>;
  return HttpResponse.json(
    {
      ...fixture<Record<string, unknown>>('time-entry'),
      id: '6601a2b3c4d5e6f7a8b9c0ff',
      description: b.description,
      projectId: b.projectId ?? null,
      taskId: b.taskId ?? null,
      tagIds: b.tagIds ?? [],
      timeInterval: { start: b.start, end: b.end ?? null, duration: b.end ? 'PT2H' : null },
    },
    { status: 201 },
  );
};

describe('clockify_create_time_entry', () => {
  it('takes "yesterday 14:00" and "1.5h" as people say them, in the user\'s Clockify zone (issue 17)', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, echoCreate));
    const runtime = await startClockify(); // now: Friday 2024-03-15 11:00 in Paris
    await runTool(clockify, 'clockify_create_time_entry', { start: 'yesterday 14:00', duration: '1.5h', project: 'Acme website', task: 'Design', description: 'Wireframes' }, { runtime });
    const post = stub.received.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ start: '2024-03-14T13:00:00Z', end: '2024-03-14T14:30:00Z' });
  });

  it('logs 2 hours by names, local time read in the user zone, and answers with names and Paris times', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, echoCreate));
    const runtime = await startClockify();
    const result = await runTool(
      clockify,
      'clockify_create_time_entry',
      { start: '2024-03-14 14:00', duration: '2h', project: 'acme website', task: 'Design', tags: ['meeting'], description: 'Wireframes' },
      { runtime },
    );
    const post = stub.received.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      start: '2024-03-14T13:00:00Z',
      end: '2024-03-14T15:00:00Z',
      description: 'Wireframes',
      projectId: PROJECT_ACME,
      taskId: TASK_DESIGN,
      tagIds: [TAG_MEETING],
    });
    expect(result.structuredContent).toMatchObject({
      duplicate_of_recent: false,
      time_entry: {
        description: 'Wireframes',
        user: { id: ME, name: 'Alice Moreau' },
        project: { id: PROJECT_ACME, name: 'Acme website' },
        client: { name: 'Acme Corp' },
        task: { id: TASK_DESIGN, name: 'Design' },
        tags: [{ id: TAG_MEETING, name: 'meeting' }],
        start: '2024-03-14T14:00:00+01:00',
        end: '2024-03-14T16:00:00+01:00',
        running: false,
        duration_seconds: 7200,
        duration: '2h',
        hourly_rate: { amount: 90.1, currency: 'EUR' },
      },
    });
  });

  it('without end or duration starts a timer: running, end null', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, echoCreate));
    const result = await runTool(clockify, 'clockify_create_time_entry', { project: 'Internal', description: 'Call' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ start: '2024-03-15T10:00:00Z', description: 'Call', projectId: '65b1c2d3e4f5a6b7c8d9e002' });
    expect(result.structuredContent).toMatchObject({ time_entry: { running: true, end: null, start: '2024-03-15T11:00:00+01:00' } });
  });

  it('"log 45 minutes" with no start is the 45 minutes that just ended', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, echoCreate));
    await runTool(clockify, 'clockify_create_time_entry', { duration: '45m', project: 'Internal' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toMatchObject({ start: '2024-03-15T09:15:00Z', end: '2024-03-15T10:00:00Z' });
  });

  it('returns the recent identical entry instead of a second one, unless allow_duplicate', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, echoCreate));
    const runtime = await startClockify();
    const args = { start: '2024-03-14 14:00', end: '2024-03-14 16:00', project: 'Acme website', description: 'Wireframes' };
    const first = await runTool(clockify, 'clockify_create_time_entry', args, { runtime });
    const second = await runTool(clockify, 'clockify_create_time_entry', { ...args, start: '2024-03-14T13:00:00Z' }, { runtime });
    expect(second.structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id: (first.structuredContent as { time_entry: { id: string } }).time_entry.id } });
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
    const third = await runTool(clockify, 'clockify_create_time_entry', { ...args, allow_duplicate: true }, { runtime });
    expect(third.structuredContent).toMatchObject({ duplicate_of_recent: false });
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('is not re-sent when Clockify fails after the request may have reached it', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, new HttpResponse(null, { status: 503 })));
    const error = errorOf(await runTool(clockify, 'clockify_create_time_entry', { start: '2024-03-14 14:00', duration: 60, project: 'Internal' }, { runtime: await startClockify() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('after a 504 that Clockify had in fact saved, the identical retry finds the saved entry instead of booking the time twice', async () => {
    const saved: Record<string, unknown>[] = [];
    stub.use(
      ...commonRoutes(stub),
      stub.route('post', `/workspaces/${WS}/time-entries`, async (request) => {
        const answer = await echoCreate(request).json();
        saved.push(answer as Record<string, unknown>);
        return new HttpResponse(null, { status: 504 });
      }),
      stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, () => HttpResponse.json(saved)),
    );
    const runtime = await startClockify();
    const args = { start: '2024-03-14 14:00', duration: '45m', project: 'Internal', description: 'Printer ticket' };
    const failed = errorOf(await runTool(clockify, 'clockify_create_time_entry', args, { runtime }));
    expect(failed.hint).toMatch(/same arguments/);
    expect(failed.hint).toMatch(/safe/);
    const retry = await runTool(clockify, 'clockify_create_time_entry', args, { runtime });
    expect(retry.isError).toBeFalsy();
    expect(retry.structuredContent).toMatchObject({ duplicate_of_recent: true, time_entry: { id: '6601a2b3c4d5e6f7a8b9c0ff', description: 'Printer ticket' } });
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(saved).toHaveLength(1);
  });

  it('after a timeout that Clockify had not saved, the identical retry creates the entry once', async () => {
    let posts = 0;
    stub.use(
      ...commonRoutes(stub),
      stub.route('post', `/workspaces/${WS}/time-entries`, (request) => (++posts === 1 ? new HttpResponse(null, { status: 502 }) : echoCreate(request))),
      stub.route('get', `/workspaces/${WS}/user/${ME}/time-entries`, () => HttpResponse.json([])),
    );
    const runtime = await startClockify();
    const args = { start: '2024-03-14 14:00', duration: '45m', project: 'Internal' };
    expect(errorOf(await runTool(clockify, 'clockify_create_time_entry', args, { runtime })).hint).toMatch(/same arguments/);
    const retry = await runTool(clockify, 'clockify_create_time_entry', args, { runtime });
    expect(retry.structuredContent).toMatchObject({ duplicate_of_recent: false });
    expect(stub.received.filter((r) => r.method === 'GET' && r.path === `/workspaces/${WS}/user/${ME}/time-entries`)).toHaveLength(1);
    expect(posts).toBe(2);
  });

  it('refuses an entry without a task before calling Clockify when the workspace forces tasks', async () => {
    const workspace = fixture<Record<string, Record<string, unknown>>>('workspace');
    workspace.workspaceSettings!.forceTasks = true;
    stub.use(...commonRoutes(stub, { workspace }));
    const error = errorOf(await runTool(clockify, 'clockify_create_time_entry', { start: '2024-03-14 14:00', duration: '1h', project: 'Acme website' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', alternatives: ['clockify_list_tasks'] });
    expect(stub.received.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('an unknown project name lists the closest with ids; bad times and duration+end are refused before any write', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    const unknown = errorOf(await runTool(clockify, 'clockify_create_time_entry', { project: 'Acme web site', duration: '1h' }, { runtime }));
    expect(unknown.fields?.[0]?.problem).toContain(`"Acme website" (id ${PROJECT_ACME}`);
    const badTime = errorOf(await runTool(clockify, 'clockify_create_time_entry', { start: 'tomorrow-ish' }, { runtime }));
    expect(badTime.fields?.[0]?.field).toBe('start');
    const both = errorOf(await runTool(clockify, 'clockify_create_time_entry', { start: 'now', end: '2024-03-15 18:00', duration: '1h' }, { runtime }));
    expect(both.code).toBe('invalid_argument');
    const strict = errorOf(await runTool(clockify, 'clockify_create_time_entry', { projectId: PROJECT_ACME }, { runtime }));
    expect(strict.code).toBe('invalid_argument');
    expect(stub.received.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('a Clockify rule violation (400, code 501) is invalid_argument without the vendor text', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/time-entries`, clockifyError(400, 501, "Project doesn't belong to Workspace")));
    const error = errorOf(await runTool(clockify, 'clockify_create_time_entry', { duration: '1h', start: '2024-03-14 09:00' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).not.toContain('belong');
  });

  it('under CLOCKIFY_ACT_AS=caller_email, logs for the member with the caller\'s email through the for-user endpoint', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => !query.email || u.email === query.email)),
      stub.route('post', `/workspaces/${WS}/user/:userId/time-entries`, (req) => echoCreate(req)),
    );
    const runtime = await startClockify({ env: { CLOCKIFY_ACT_AS: 'caller_email', CLOCKIFY_WORKSPACE_ID: WS } });
    const result = await runTool(clockify, 'clockify_create_time_entry', { start: '2024-03-14 09:00', duration: '1h' }, { runtime, principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    const post = stub.received.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/workspaces/${WS}/user/${BOB}/time-entries`);
    // 09:00 in Bob's New York zone.
    expect((post?.body as { start: string }).start).toBe('2024-03-14T13:00:00Z');
    expect(result.isError).toBeFalsy();
  });
});
