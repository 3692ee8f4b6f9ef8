/**
 * Rows of a report, paged for a model: at most `limit` rows, and never more
 * than fits in one result of about 25,000 characters of JSON (totals and
 * everything else included). The cursor is opaque to the caller: the row
 * offset plus a fingerprint of the request, so a cursor from another report
 * is refused instead of silently paging the wrong data.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../../../src/errors';

/** Largest result, in characters of JSON, a report tool returns. */
export const MAX_RESULT_CHARS = 25_000;
export const DEFAULT_ROW_LIMIT = 50;
export const MAX_ROW_LIMIT = 200;
/** Longest text kept in one field of a row (a long description would otherwise eat the page). */
export const MAX_TEXT_CHARS = 500;

export function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url').slice(0, 10);
}

export function encodeCursor(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: print })).toString('base64url');
}

/** The row offset a cursor stands for (0 without one). */
export function decodeCursor(cursor: string | undefined, print: string): number {
  if (cursor === undefined || cursor === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const value = parsed as { o?: unknown; f?: unknown } | undefined;
  if (!value || typeof value.o !== 'number' || !Number.isInteger(value.o) || value.o < 0 || typeof value.f !== 'string') {
    throw invalidArgument('cursor is not one this tool returned.', {
      connector: 'clockify',
      fields: [{ field: 'cursor', problem: 'not a cursor from next_cursor' }],
      hint: 'Leave cursor out for the first page, then pass next_cursor from the previous result unchanged.',
    });
  }
  if (value.f !== print) {
    throw invalidArgument('cursor belongs to a different report (other dates, filters or grouping).', {
      connector: 'clockify',
      fields: [{ field: 'cursor', problem: 'was returned for a call with other arguments' }],
      hint: 'Repeat the call with exactly the arguments of the call that returned this cursor, or leave cursor out to start over.',
    });
  }
  return value.o;
}

export function clipText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

export interface RowPage<Row> {
  rows: Row[];
  /** Offset after the last row returned, or null when nothing is left. */
  next_cursor: string | null;
  /** True when fewer than `limit` rows came back because of the size cap. */
  cut_by_size: boolean;
}

/**
 * Takes rows (starting at `offset` in the whole report) until `limit` or the
 * size budget is reached. `frame` is the result without its rows: its size
 * counts against the budget. At least one row is always returned when any
 * is available (rows are clipped to keep one row far below the cap).
 */
export function takeRows<Row>(input: {
  available: Row[];
  offset: number;
  limit: number;
  totalRows: number | null;
  frame: unknown;
  print: string;
  maxChars?: number;
}): RowPage<Row> {
  const maxChars = input.maxChars ?? MAX_RESULT_CHARS;
  // The frame with an empty row list and a cursor-sized placeholder.
  let size = JSON.stringify(input.frame).length + encodeCursor(input.offset + input.limit, input.print).length + 64;
  const rows: Row[] = [];
  let cutBySize = false;
  for (const row of input.available) {
    if (rows.length >= input.limit) break;
    const rowSize = JSON.stringify(row).length + 1;
    if (rows.length > 0 && size + rowSize > maxChars) {
      cutBySize = true;
      break;
    }
    rows.push(row);
    size += rowSize;
  }
  const nextOffset = input.offset + rows.length;
  const more =
    input.totalRows === null ? rows.length < input.available.length || rows.length === input.limit : nextOffset < input.totalRows;
  return {
    rows,
    next_cursor: more && rows.length > 0 ? encodeCursor(nextOffset, input.print) : null,
    cut_by_size: cutBySize,
  };
}
