import { z } from 'zod';
import { invalidArgument } from '../../src/errors';
import { CONNECTOR } from './errors';
import { VENDOR_PAGE_SIZE } from './vendor';

/** OneDesk pages with limit/offset in the filter body; tools show limit and an opaque cursor. */
export const limitArg = (max = 100) =>
  z.number().int().min(1).max(max).default(Math.min(VENDOR_PAGE_SIZE, max)).describe(`Page size, max ${max}.`);

export const cursorArg = z.string().optional().describe('next_cursor of the previous page.');

/** The cursor names the list it belongs to, so one list's cursor is not taken by another. */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

export function decodeCursor(scope: string, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; o?: unknown };
    if (value.s === scope && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 && value.o <= 1_000_000) return value.o;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument(`This cursor does not belong to ${scope}.`, {
    connector: CONNECTOR,
    fields: [{ field: 'cursor', problem: 'not a next_cursor this list returned' }],
    hint: `Pass next_cursor exactly as ${scope} returned it, or omit cursor for the first page.`,
  });
}

/** A next page exists when OneDesk's total says so, or (without a total) when the page came back full. */
export function nextCursor(scope: string, offset: number, limit: number, rowCount: number, total: number | undefined): string | null {
  const more = total === undefined ? rowCount >= limit : offset + rowCount < total && rowCount > 0;
  return more ? encodeCursor(scope, offset + rowCount) : null;
}
