import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import { MAX_SEGMENT_LENGTH, toVendorPath, vendorPath } from '../../src/vendor-http/path';
import { buildVendorUrl } from '../../src/vendor-http/url';

const BASE = 'https://api.clockify.test/api/v1';

function refusal(build: () => unknown): GatewayError {
  try {
    build();
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(GatewayError);
    return thrown as GatewayError;
  }
  throw new Error('expected the path to be refused');
}

describe('vendorPath: a route template filled with checked, encoded segments', () => {
  it('fills placeholders and keeps the template as the route', () => {
    const path = vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: '64a687e29ae1f428e7ebe303', tag_id: 7 });
    expect(path).toEqual({ route: '/workspaces/{workspace_id}/tags/{tag_id}', path: '/workspaces/64a687e29ae1f428e7ebe303/tags/7' });
    expect(buildVendorUrl(BASE, path, undefined, undefined).href).toBe('https://api.clockify.test/api/v1/workspaces/64a687e29ae1f428e7ebe303/tags/7');
  });

  it('encodes every reserved character inside its segment, so nothing reaches the path, query or fragment', () => {
    const path = vendorPath('/workspaces/{workspace_id}/reports/summary', { workspace_id: 'abc?x=1#/%2F\\ é' });
    const url = buildVendorUrl(BASE, path, { page: 1 }, undefined);
    expect(url.pathname).toBe('/api/v1/workspaces/abc%3Fx%3D1%23%2F%252F%5C%20%C3%A9/reports/summary');
    expect(url.search).toBe('?page=1');
    expect(url.hash).toBe('');
  });

  it.each([
    ['../../x', undefined],
    ['..', 'cannot be ".."'],
    ['.', 'cannot be "."'],
    ['', 'is empty'],
    ['a\u0000b', 'contains a control character'],
    ['a\nb', 'contains a control character'],
    ['\u0085', 'contains a control character'],
    ['\ud800', 'contains an unpaired UTF-16 surrogate'],
    ['x\udc00', 'contains an unpaired UTF-16 surrogate'],
    ['x'.repeat(MAX_SEGMENT_LENGTH + 1), `is longer than ${MAX_SEGMENT_LENGTH} characters`],
    ['x'.repeat(100_000), `is longer than ${MAX_SEGMENT_LENGTH} characters`],
  ])('refuses %j as a segment with invalid_argument naming the placeholder', (value, problem) => {
    if (problem === undefined) {
      // Slashes are encoded, not refused: "../../x" is one odd segment that stays under the base path.
      const url = buildVendorUrl(BASE, vendorPath('/workspaces/{workspace_id}/reports/weekly', { workspace_id: value }), undefined, undefined);
      expect(url.pathname).toBe('/api/v1/workspaces/..%2F..%2Fx/reports/weekly');
      return;
    }
    const error = refusal(() => vendorPath('/workspaces/{workspace_id}/tags', { workspace_id: value }));
    expect(error.code).toBe('invalid_argument');
    expect(error.fields).toEqual([{ field: 'workspace_id', problem }]);
    expect(error.message).toContain('workspace_id');
    expect(error.message.length).toBeLessThan(300);
  });

  it('keeps a well-formed surrogate pair and a value of exactly the cap', () => {
    expect(vendorPath('/x/{id}', { id: '😀' }).path).toBe('/x/%F0%9F%98%80');
    expect(vendorPath('/x/{id}', { id: 'x'.repeat(MAX_SEGMENT_LENGTH) }).path).toHaveLength(3 + MAX_SEGMENT_LENGTH);
  });

  it('refuses numbers that are not whole and non-negative', () => {
    for (const id of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(refusal(() => vendorPath('/items/id/{id}', { id })).code).toBe('invalid_argument');
    }
  });

  it('refuses a missing value', () => {
    const error = refusal(() => vendorPath('/items/id/{id}', {} as { id: number }));
    expect(error.fields).toEqual([{ field: 'id', problem: 'is missing' }]);
  });

  it('keeps a trailing slash only as the last segment (OneDesk creates with POST /items/)', () => {
    expect(vendorPath('/items/').path).toBe('/items/');
    expect(refusal(() => vendorPath('/items//id')).code).toBe('invalid_argument');
  });
});

describe('a plain string path is a route without placeholders', () => {
  it('passes plain names through', () => {
    expect(toVendorPath('/organization/profileAndPolicy')).toEqual({ route: '/organization/profileAndPolicy', path: '/organization/profileAndPolicy' });
  });

  it.each(['/workspaces/../x', '/workspaces/./x', '/items/abc?x=1', '/items/a#b', '/items/%2F', '/items/{id}', '/a\\b', '/a b'])(
    'refuses %j before any request',
    (path) => {
      expect(refusal(() => toVendorPath(path)).code).toBe('invalid_argument');
    },
  );
});

describe('buildVendorUrl keeps every request under the base path', () => {
  it('refuses a path that a hand-made VendorPath would resolve elsewhere', () => {
    for (const path of ['/../../x', '/a/..', '/a?x=1', '/a#f']) {
      const error = refusal(() => buildVendorUrl(BASE, { route: '/forged', path }, undefined, undefined));
      expect(error.code).toBe('invalid_argument');
    }
  });

  it('adds query values after the path and credentials last', () => {
    const url = buildVendorUrl('https://desktime.test/api/v2/json/', vendorPath('/employee'), { id: 5, date: undefined }, { apiKey: 'k' });
    expect(url.href).toBe('https://desktime.test/api/v2/json/employee?id=5&apiKey=k');
  });
});
