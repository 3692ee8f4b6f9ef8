import { GatewayError } from '../errors';

/**
 * Never double-book after an unknown outcome (issue #19 item 4). A create
 * whose answer never reached the caller (a timeout or 5xx after sending, a
 * dropped connection: GatewayError.outcomeUnknown; or, for a local store, a
 * caller gone or out of time after the commit) may have been saved. The
 * next identical create within 10 minutes first asks whether it exists and
 * returns it (duplicate_of_recent: true) instead of creating another.
 * Used by Clockify time entries, OneDesk worklogs and help desk tickets.
 */

const TTL_MS = 10 * 60_000;

/** Creates whose outcome is unknown, by fingerprint (per process), for 10 minutes. */
export class UnknownOutcomes {
  private readonly marks = new Map<string, number>();
  constructor(
    private readonly now: () => number,
    private readonly ttlMs = TTL_MS,
  ) {}

  /** The same create, as far as "identical" goes: who, where, and the fields that make it the same record. */
  static fingerprint(...parts: unknown[]): string {
    return JSON.stringify(parts);
  }

  mark(fingerprint: string) {
    this.prune();
    this.marks.delete(fingerprint);
    this.marks.set(fingerprint, this.now());
    if (this.marks.size > 5000) this.marks.delete(this.marks.keys().next().value!);
  }

  /** The caller has now seen the saved record: a later identical create is a new one. */
  clear(fingerprint: string) {
    this.marks.delete(fingerprint);
  }

  has(fingerprint: string): boolean {
    this.prune();
    return this.marks.has(fingerprint);
  }

  private prune() {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, at] of this.marks) if (at < cutoff) this.marks.delete(key);
  }
}

/** The error for a create whose outcome is unknown: retrying the same call is safe, and says why. */
export function unknownOutcomeError(error: GatewayError, what: { vendor: string; thing: string }): GatewayError {
  return new GatewayError(error.code, `${error.message} ${what.vendor} may or may not have saved the ${what.thing}.`, {
    connector: error.connector,
    vendorStatus: error.vendorStatus,
    retryable: true,
    outcomeUnknown: true,
    hint: `Call the same tool again with the same arguments within 10 minutes: it is safe. The gateway first asks ${what.vendor} whether the ${what.thing} was saved and returns it (duplicate_of_recent: true) instead of creating it twice. Do not change the arguments to "make sure".`,
  });
}

export interface CreateOnce<T> {
  outcomes: UnknownOutcomes;
  fingerprint: string;
  /** The record this create would have made, if it exists already (asked only after an unknown outcome). */
  findSaved: () => Promise<T | undefined>;
  create: () => Promise<T>;
  vendor: string;
  thing: string;
  /** Create without asking first (the caller said a duplicate is wanted). */
  skipCheck?: boolean;
  /** For a local store: true when the caller went away or ran out of time, so the answer may never reach it. */
  callerGone?: () => boolean;
}

/** Runs `create` unless an identical one of unknown outcome was saved; see the file comment. */
export async function createOnce<T>(o: CreateOnce<T>): Promise<{ value: T; duplicateOfRecent: boolean }> {
  if (!o.skipCheck && o.outcomes.has(o.fingerprint)) {
    const saved = await o.findSaved();
    if (saved !== undefined) return { value: saved, duplicateOfRecent: true };
  }
  let value: T;
  try {
    value = await o.create();
  } catch (error) {
    if (!(error instanceof GatewayError) || !error.outcomeUnknown) throw error;
    o.outcomes.mark(o.fingerprint);
    throw unknownOutcomeError(error, o);
  }
  if (o.callerGone?.()) o.outcomes.mark(o.fingerprint);
  return { value, duplicateOfRecent: false };
}
