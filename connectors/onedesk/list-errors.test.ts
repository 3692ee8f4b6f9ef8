import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf, itemTypesRoute, ok, onedesk, runTool, startOnedesk, useOnedesk, vendorError } from './test-support';

/**
 * The promise of this connector: a list tool never answers an empty list
 * when it could not look. Every list tool × every way OneDesk can fail.
 * The table is checked against the manifest, so a new list tool must be
 * added here.
 */
const stub = useOnedesk();

interface ListCase {
  args: Record<string, unknown>;
  endpoint: string;
  /** Calls the tool makes before its list call, answered successfully. */
  before?: () => void;
}

const withItemTypes = () => stub.use(itemTypesRoute(stub));

const LISTS: Record<string, ListCase> = {
  onedesk_list_items: { args: { type: 'ticket' }, endpoint: '/items/filter/details', before: withItemTypes },
  onedesk_list_worklogs: { args: { item_id: 1042 }, endpoint: '/timesheets/filter/details' },
  onedesk_list_comments: { args: { item_id: 1042 }, endpoint: '/conversation-messages/filter/details' },
  onedesk_list_messages: { args: { item_id: 1042 }, endpoint: '/conversation-messages/filter/details' },
  onedesk_list_attachments: { args: { item_id: 1042 }, endpoint: '/attachments/filter/details' },
  onedesk_list_projects: { args: {}, endpoint: '/projects/filter/details' },
};

const STATUSES = [400, 401, 402, 403, 404, 405, 409, 410, 422, 429, 500, 502, 503, 504];

/** Failures inside a 200: a non-SUCCESS envelope, no envelope, rows that are not a list. */
const IN_BODY: [string, () => Response][] = [
  ['a 200 with code ERROR', () => HttpResponse.json({ code: 'ERROR', data: [] })],
  ['a 200 with code NOT_FOUND', () => HttpResponse.json({ code: 'NOT_FOUND', data: [] })],
  ['a 200 without the envelope', () => HttpResponse.json([])],
  ['a 200 whose data is not a list', () => HttpResponse.json({ code: 'SUCCESS', data: null })],
  ['a 200 that is not JSON', () => new HttpResponse('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
];

describe('no OneDesk list tool returns an empty list after a vendor error', () => {
  it('covers every list tool of the manifest', () => {
    expect(Object.keys(LISTS).sort()).toEqual(onedesk.tools.map((t) => t.name).filter((n) => n.startsWith('onedesk_list_')).sort());
  });

  describe.each(Object.entries(LISTS))('%s', (name, { args, endpoint, before }) => {
    it.each(STATUSES)(`HTTP %i on ${endpoint} is an error`, async (status) => {
      before?.();
      stub.use(stub.route('post', endpoint, vendorError(status)));
      const result = await runTool(onedesk, name, args, { runtime: await startOnedesk() });
      const error = errorOf(result);
      expect(error.vendor_status).toBe(status);
      if (status === 404 || status === 405) {
        expect(error.code).toBe('unsupported_by_vendor');
        expect(error.message).toContain(endpoint);
        expect(error.retryable).toBe(false);
      }
    });

    it.each(IN_BODY)(`%s on ${endpoint} is an error`, async (_label, answer) => {
      before?.();
      stub.use(stub.route('post', endpoint, answer()));
      const result = await runTool(onedesk, name, args, { runtime: await startOnedesk() });
      expect(errorOf(result).code).toMatch(/^(upstream_error|not_found)$/);
    });

    it('a failed connection is an error (msw cannot say which kind; the e2e test uses a real socket)', async () => {
      before?.();
      stub.use(stub.route('post', endpoint, HttpResponse.error()));
      expect(errorOf(await runTool(onedesk, name, args, { runtime: await startOnedesk() })).code).toBeTruthy();
    });

    it('an empty list only comes from a successful filter, without echoing the filter back', async () => {
      before?.();
      stub.use(stub.route('post', endpoint, ok([], { totalNum: 0 })));
      const result = await runTool(onedesk, name, args, { runtime: await startOnedesk() });
      expect(result.isError).toBeFalsy();
      expect(stub.received.some((r) => r.path === endpoint)).toBe(true);
      expect(Object.values(result.structuredContent as Record<string, unknown>)).toContainEqual([]);
      expect(JSON.stringify(result.structuredContent)).not.toContain('filter/details');
    });
  });

  it('an item-type lookup that fails makes the item lists fail too', async () => {
    stub.use(stub.route('get', '/organization/itemTypes', vendorError(500)), stub.route('post', '/items/filter/details', ok([])));
    for (const type of ['ticket', 'issue', 'requirement', 'feedback']) {
      expect(errorOf(await runTool(onedesk, 'onedesk_list_items', { type }, { runtime: await startOnedesk() })).code).toBe('upstream_error');
    }
  });

  it('a user lookup that fails (assignee given by email) fails the list', async () => {
    stub.use(itemTypesRoute(stub), stub.route('post', '/users/filter/details', vendorError(405)), stub.route('post', '/items/filter/details', ok([])));
    const error = errorOf(await runTool(onedesk, 'onedesk_list_items', { assignee: 'pam@dundermifflin.test' }, { runtime: await startOnedesk() }));
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('/users/filter/details');
  });
});

