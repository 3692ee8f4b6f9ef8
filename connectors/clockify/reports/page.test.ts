import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors';
import { decodeCursor, fingerprint, MAX_RESULT_CHARS, takeRows } from './page';

const rows = (n: number, width = 10) => Array.from({ length: n }, (_, i) => ({ i, text: 'x'.repeat(width) }));

describe('report row paging', () => {
  it('pages by limit and returns a cursor to the next row, null at the end', () => {
    const print = fingerprint({ a: 1 });
    const first = takeRows({ available: rows(120), offset: 0, limit: 50, totalRows: 120, frame: {}, print });
    expect(first.rows).toHaveLength(50);
    expect(decodeCursor(first.next_cursor!, print)).toBe(50);
    const last = takeRows({ available: rows(120).slice(100), offset: 100, limit: 50, totalRows: 120, frame: {}, print });
    expect(last.rows).toHaveLength(20);
    expect(last.next_cursor).toBeNull();
  });

  it('stops before the size cap, counting the frame, and says so', () => {
    const print = fingerprint({});
    const frame = { totals: 'y'.repeat(5000), rows: [] };
    const page = takeRows({ available: rows(200, 400), offset: 0, limit: 200, totalRows: 200, frame, print });
    expect(page.cut_by_size).toBe(true);
    expect(page.rows.length).toBeLessThan(200);
    expect(JSON.stringify({ ...frame, rows: page.rows, next_cursor: page.next_cursor }).length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    expect(decodeCursor(page.next_cursor!, print)).toBe(page.rows.length);
  });

  it('refuses a cursor from another request or not from us', () => {
    const cursor = takeRows({ available: rows(3), offset: 0, limit: 1, totalRows: 3, frame: {}, print: fingerprint({ a: 1 }) }).next_cursor!;
    expect(() => decodeCursor(cursor, fingerprint({ a: 2 }))).toThrow(GatewayError);
    expect(() => decodeCursor('not-a-cursor', 'x')).toThrow(/cursor/);
    expect(decodeCursor(undefined, 'x')).toBe(0);
  });
});
