import { z } from 'zod';
import { invalidArgument } from '../../src/errors';
import { CONNECTOR } from './errors';

/**
 * Lists: the model pages with `limit` (default 50, max 200) and an opaque
 * `cursor`; Clockify pages with `page` (1-based) / `page-size` and a
 * `Last-Page: true|false` header, and some lists ignore paging altogether
 * (a full array, no header). `pageList` bridges the two and never returns
 * more than `limit` items.
 */

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const limitArg = z.number().int().min(1).max(MAX_LIMIT).optional().describe(`Default ${DEFAULT_LIMIT}.`);
export const cursorArg = z.string().optional().describe('A next_cursor.');
export const nextCursorOut = z.string().nullable();

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; o?: unknown };
    if (parsed.v === 1 && typeof parsed.o === 'number' && Number.isSafeInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // falls through
  }
  throw invalidArgument('cursor is not one this tool handed out.', {
    connector: CONNECTOR,
    fields: [{ field: 'cursor', problem: 'unknown or damaged cursor' }],
    hint: 'Pass next_cursor exactly as the previous page returned it, or omit cursor to start from the first page.',
  });
}

export interface VendorPage<T> {
  items: T[];
  /** From the `Last-Page` header; undefined when Clockify sent none. */
  lastPage: boolean | undefined;
}

/** `Last-Page` header → boolean (undefined when absent). */
export function lastPageOf(headers: Record<string, string>): boolean | undefined {
  const raw = headers['last-page'] ?? headers['Last-Page'];
  if (raw === undefined) return undefined;
  return raw.trim().toLowerCase() === 'true';
}

export interface Paged<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * One page for the model. `fetchPage(page, pageSize)` asks Clockify for one
 * vendor page (1-based). A cursor made with another limit may start mid-page:
 * then two vendor pages are read and cut.
 */
export async function pageList<T>(
  args: { limit?: number; cursor?: string },
  fetchPage: (page: number, pageSize: number) => Promise<VendorPage<T>>,
): Promise<Paged<T>> {
  const limit = Math.min(Math.max(args.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const offset = decodeCursor(args.cursor);
  const pageSize = limit;
  const page = Math.floor(offset / pageSize) + 1;
  const skip = offset % pageSize;

  const first = await fetchPage(page, pageSize);
  if (first.items.length > pageSize && first.lastPage === undefined) {
    // Clockify ignored paging and sent everything: cut locally.
    const all = first.items;
    const items = all.slice(offset, offset + limit);
    return { items, next_cursor: offset + limit < all.length ? encodeCursor(offset + limit) : null };
  }
  const isLast = (p: VendorPage<T>) => p.lastPage ?? p.items.length < pageSize;
  let collected = first.items.slice(skip);
  let last = isLast(first);
  if (collected.length < limit && !last && skip > 0) {
    const second = await fetchPage(page + 1, pageSize);
    collected = collected.concat(second.items);
    last = isLast(second);
  }
  const items = collected.slice(0, limit);
  const more = collected.length > limit || (!last && items.length === limit);
  return { items, next_cursor: more ? encodeCursor(offset + items.length) : null };
}

/** Every item of a paged Clockify list, up to `max` (for name caches). */
export async function fetchAll<T>(fetchPage: (page: number, pageSize: number) => Promise<VendorPage<T>>, max = 5000, pageSize = 200): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; all.length < max; page++) {
    const p = await fetchPage(page, pageSize);
    if (p.items.length > pageSize && p.lastPage === undefined) return p.items.slice(0, max);
    all.push(...p.items);
    if ((p.lastPage ?? p.items.length < pageSize) || p.items.length === 0) break;
  }
  return all.slice(0, max);
}

/** A page for the model from a list Clockify sends whole (it ignores paging: /workspaces, holidays, custom fields). */
export function sliceList<T>(all: T[], args: { limit?: number; cursor?: string }): Paged<T> {
  const limit = Math.min(Math.max(args.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const offset = decodeCursor(args.cursor);
  const items = all.slice(offset, offset + limit);
  return { items, next_cursor: offset + limit < all.length ? encodeCursor(offset + limit) : null };
}
