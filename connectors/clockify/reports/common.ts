/**
 * Small pieces the shared-report, webhook, holiday, scheduling, template and
 * change-feed tools share: local paging of lists Clockify answers whole,
 * date and date-time arguments in the acting user's zone, and the
 * `plan_required` mapping for features a plan may lack.
 */
import { z } from 'zod';
import { GatewayError } from '../../../src/errors';
import type { ToolContext } from '../../../src/registry/types';
import { decodeCursor, encodeCursor, DEFAULT_LIMIT } from '../paging';
import type { ClockifyRuntime } from '../runtime';
import { addDays, parseWhen, startOfDay } from '../../../src/format/dates';
import { toClockifyInstant } from '../time';
import { resolveSpan, RANGE_KEYWORDS } from './range';

type Ctx = ToolContext<ClockifyRuntime>;

/** One page of a list Clockify sends whole (holidays, webhooks, templates): never more than `limit`. */
export function pageLocally<T>(items: T[], args: { limit?: number; cursor?: string }): { items: T[]; next_cursor: string | null } {
  const limit = args.limit ?? DEFAULT_LIMIT;
  const offset = decodeCursor(args.cursor);
  const page = items.slice(offset, offset + limit);
  return { items: page, next_cursor: offset + page.length < items.length ? encodeCursor(offset + page.length) : null };
}

export const dayArg = (what: string) =>
  z.string().max(40).describe(`${what}: YYYY-MM-DD or ${[...RANGE_KEYWORDS, 'next_week', 'next_month'].join(', ')} (your Clockify time zone)`);

export const instantArg = (what: string) =>
  z
    .string()
    .max(40)
    .describe(`${what}: ISO date-time, local "2024-03-15 14:00", "yesterday 14:00", a day (YYYY-MM-DD, today, yesterday, this_week, …) or "now"`);

/** The acting user's zone (for reading and writing times). */
export async function userZone(ctx: Ctx, ws: string): Promise<string> {
  return (await ctx.runtime.me(ctx, ws)).timeZone;
}

/**
 * A start or end instant: a day or range means the start of its first day
 * (`start`) or the last second of its last day (`end`) in `timeZone`;
 * anything else is the instant it names ("yesterday 14:00", ISO, "now").
 */
export function instantOf(input: string, edge: 'start' | 'end', field: string, timeZone: string, now: Date): Date {
  const when = parseWhen(input, { timeZone, now, field, connector: 'clockify' });
  if (when.kind === 'instant') return when.at;
  return edge === 'start' ? startOfDay(when.span.start, timeZone) : new Date(startOfDay(addDays(when.span.end, 1), timeZone).getTime() - 1000);
}

/** Both ends, checked: end after start. Clockify's wire form (UTC, Z). */
export function instantRange(args: { start: string; end: string }, timeZone: string, now: Date): { start: string; end: string } {
  const start = instantOf(args.start, 'start', 'start', timeZone, now);
  const end = instantOf(args.end, 'end', 'end', timeZone, now);
  if (end.getTime() <= start.getTime()) {
    throw new GatewayError('invalid_argument', 'end must be after start.', {
      connector: 'clockify',
      fields: [{ field: 'end', problem: 'is not after start' }],
      hint: 'Swap start and end, or pass a later end (e.g. "now").',
    });
  }
  return { start: toClockifyInstant(start), end: toClockifyInstant(end) };
}

/** Calendar days for date-only APIs (holidays): start and last day, in the user's zone. */
export function dayRange(args: { start: string; end: string }, timeZone: string, now: Date): { start: string; end: string } {
  const start = resolveSpan(args.start, 'start', { timeZone, now }).start;
  const end = resolveSpan(args.end, 'end', { timeZone, now }).end;
  if (end < start) {
    throw new GatewayError('invalid_argument', `end (${end}) is before start (${start}).`, {
      connector: 'clockify',
      fields: [{ field: 'end', problem: 'must be on or after start' }],
      hint: 'Swap the two dates.',
    });
  }
  return { start, end };
}

/**
 * A feature the workspace's plan may lack (scheduling, holidays, the change
 * feeds, shared reports): Clockify's 402 becomes `plan_required` naming the
 * feature. A 403 stays permission_denied (the key's role) with the plan
 * named as the other possible cause, since Clockify's text is not read.
 */
export function featureError(error: unknown, feature: string): unknown {
  if (!(error instanceof GatewayError)) return error;
  if (error.vendorStatus === 402) {
    return new GatewayError('plan_required', `The Clockify workspace's plan does not include ${feature} (HTTP 402).`, {
      connector: 'clockify',
      vendorStatus: 402,
      retryable: false,
      hint: `Tell the user ${feature} needs a paid Clockify plan; a workspace owner can upgrade it.`,
    });
  }
  if (error.vendorStatus === 403 && error.code === 'permission_denied') {
    return new GatewayError('permission_denied', error.message, {
      connector: 'clockify',
      vendorStatus: 403,
      retryable: false,
      hint: `${error.hint ?? ''} If the key owner is an admin, the workspace's plan may not include ${feature}.`.trim(),
    });
  }
  return error;
}

/** Runs a vendor call and maps plan limits for `feature`. */
export async function withFeature<T>(feature: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw featureError(error, feature);
  }
}
