import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageList, type VendorPage } from './paging';

/** A Clockify list of `total` items that honours page/page-size and sends Last-Page. */
function vendor(total: number, options: { header?: boolean; ignoresPaging?: boolean } = {}) {
  const calls: { page: number; size: number }[] = [];
  const all = Array.from({ length: total }, (_, i) => i);
  const fetch = async (page: number, size: number): Promise<VendorPage<number>> => {
    calls.push({ page, size });
    if (options.ignoresPaging) return { items: all, lastPage: undefined };
    const items = all.slice((page - 1) * size, page * size);
    return { items, lastPage: options.header === false ? undefined : page * size >= total };
  };
  return { calls, fetch };
}

describe('pageList', () => {
  it('walks a list with limit and cursor, never returning more than asked, ending with next_cursor null', async () => {
    const v = vendor(5);
    const first = await pageList({ limit: 2 }, v.fetch);
    expect(first.items).toEqual([0, 1]);
    const second = await pageList({ limit: 2, cursor: first.next_cursor! }, v.fetch);
    expect(second.items).toEqual([2, 3]);
    const third = await pageList({ limit: 2, cursor: second.next_cursor! }, v.fetch);
    expect(third).toEqual({ items: [4], next_cursor: null });
    expect(v.calls).toEqual([
      { page: 1, size: 2 },
      { page: 2, size: 2 },
      { page: 3, size: 2 },
    ]);
  });

  it('ends exactly at a page boundary when Clockify says Last-Page: true', async () => {
    const v = vendor(4);
    const second = await pageList({ limit: 2, cursor: encodeCursor(2) }, v.fetch);
    expect(second).toEqual({ items: [2, 3], next_cursor: null });
  });

  it('defaults to 50 items', async () => {
    const v = vendor(120);
    const page = await pageList({}, v.fetch);
    expect(page.items).toHaveLength(50);
    expect(v.calls[0]).toEqual({ page: 1, size: 50 });
  });

  it('cuts a list that ignores paging (no Last-Page header, everything at once) locally', async () => {
    const v = vendor(7, { ignoresPaging: true });
    const first = await pageList({ limit: 3 }, v.fetch);
    expect(first.items).toEqual([0, 1, 2]);
    const last = await pageList({ limit: 3, cursor: encodeCursor(6) }, v.fetch);
    expect(last).toEqual({ items: [6], next_cursor: null });
  });

  it('reads two vendor pages when a cursor from another limit starts mid-page', async () => {
    const v = vendor(10);
    const page = await pageList({ limit: 4, cursor: encodeCursor(3) }, v.fetch);
    expect(page.items).toEqual([3, 4, 5, 6]);
    expect(decodeCursor(page.next_cursor!)).toBe(7);
    expect(v.calls).toEqual([
      { page: 1, size: 4 },
      { page: 2, size: 4 },
    ]);
  });

  it('without Last-Page, a short page is the end', async () => {
    const v = vendor(3, { header: false });
    expect(await pageList({ limit: 5 }, v.fetch)).toEqual({ items: [0, 1, 2], next_cursor: null });
  });

  it('refuses a cursor it did not hand out', async () => {
    const v = vendor(3);
    await expect(pageList({ cursor: 'bm9wZQ' }, v.fetch)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(v.calls).toEqual([]);
  });
});
