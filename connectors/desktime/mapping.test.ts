import { describe, expect, it } from 'vitest';
import { checkDesktimeBody, toDesktimeError } from './errors';
import { readableDuration, toPercent } from './format';

const context = (status: number, operation = 'list projects', headers: Record<string, string> = {}) => ({
  connector: 'desktime',
  status,
  headers,
  request: { method: 'GET' as const, path: '/x', operation },
});

describe('DeskTime figures', () => {
  it('reads durations the way people say them', () => {
    expect([0, 45, 60, 3600, 8130, 30127].map(readableDuration)).toEqual(['0s', '45s', '1m', '1h', '2h 15m', '8h 22m']);
    expect(toPercent(69.7478)).toBe(69.7);
    expect(toPercent(undefined)).toBeNull();
  });
});

describe('DeskTime error mapping', () => {
  it('maps statuses to the taxonomy', () => {
    // The core parses Retry-After once (src/vendor-http/retry-after.ts) and hands the seconds over.
    expect(toDesktimeError({ ...context(429, 'list projects', { 'retry-after': '7' }), retryAfterSeconds: 7, body: undefined })).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 7,
    });
    expect(toDesktimeError({ ...context(401), body: undefined })?.code).toBe('unauthenticated');
    expect(toDesktimeError({ ...context(403), body: { error: 'Invalid API key' } })?.code).toBe('unauthenticated');
    expect(toDesktimeError({ ...context(403), body: undefined })?.code).toBe('permission_denied');
    expect(toDesktimeError({ ...context(404, 'get employee'), body: undefined })?.code).toBe('not_found');
    // A 404 on a list means the address is wrong, not that the list is missing.
    expect(toDesktimeError({ ...context(404), body: undefined })?.hint).toContain('DESKTIME_BASE_URL');
    expect(toDesktimeError({ ...context(400), body: { error: 'weird' } })?.code).toBe('invalid_argument');
    expect(toDesktimeError({ ...context(503), body: undefined })).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(toDesktimeError({ ...context(500), body: undefined })?.code).toBe('upstream_error');
  });

  it('treats only a real `error` in a 200 as a failure, without quoting it', () => {
    expect(checkDesktimeBody({ pong: '1' }, context(200))).toBeUndefined();
    expect(checkDesktimeBody({ error: false, projects: [] }, context(200))).toBeUndefined();
    expect(checkDesktimeBody({ error: null }, context(200))).toBeUndefined();
    const failure = checkDesktimeBody({ error: 'Something <script>odd</script>' }, context(200));
    expect(failure).toMatchObject({ code: 'upstream_error', vendorStatus: 200 });
    expect(failure?.message).not.toContain('script');
    expect(checkDesktimeBody({ error: { code: 429, message: 'x' } }, context(200))?.code).toBe('rate_limited');
  });

  it('maps a structured status inside a 200 as that status', () => {
    expect(checkDesktimeBody({ error: { code: 403, message: 'x' } }, context(200, 'get employee projects'))?.hint).toContain('Omit employee_id');
    expect(checkDesktimeBody({ error: { code: '401' } }, context(200))?.code).toBe('unauthenticated');
  });

  it('reads only the exact bad-key wording, never keywords', () => {
    expect(checkDesktimeBody({ error: 'Invalid API key' }, context(200))?.code).toBe('unauthenticated');
    // The three the keyword rules got wrong: vendor text picks no code.
    for (const text of ['holiday planning is not available', 'failed to update project', 'unknown error']) {
      expect(checkDesktimeBody({ error: text }, context(200, 'create project'))).toMatchObject({ code: 'upstream_error', vendorStatus: 200 });
    }
    expect(checkDesktimeBody({ error: 'Project does not exist' }, context(200, 'stop project tracking'))?.code).toBe('upstream_error');
    expect(checkDesktimeBody({ error: 'Your API key is invalid, please upgrade your plan' }, context(200))?.code).toBe('upstream_error');
    // Keywords in a non-2xx body do not override its status either.
    expect(toDesktimeError({ ...context(400), body: { error: 'holiday planning needs a higher plan' } })?.code).toBe('invalid_argument');
    expect(toDesktimeError({ ...context(403), body: { error: 'unknown error' } })?.code).toBe('permission_denied');
    expect(toDesktimeError({ ...context(418), body: { error: 'not found' } })?.code).toBe('upstream_error');
  });
});
