import { GatewayError } from '../errors';

/** What became of one vendor request of a tool call, for the message when the call runs out of time. */
export interface CallRequestRecord {
  readonly operation: string;
  readonly idempotent: boolean;
  /** An attempt is on the wire right now. */
  inFlight: boolean;
  /** Some attempt may have reached the vendor (sent, or cut off after connecting) without an answer. */
  mayHaveReached: boolean;
  /** The vendor answered (any status). */
  answered: boolean;
  /** The answer was a 2xx: a write was applied. */
  applied: boolean;
}

/**
 * The deadline of one whole tool call (`DESKGATE_CALL_TIMEOUT_MS`), handed
 * to the handler in `ToolContext.deadline` and on to every vendor request
 * of the call (`VendorRequest.deadline`). It bounds queueing, retries and
 * every attempt: the vendor client never starts a request, a wait or an
 * attempt past `at`, and gives each attempt at most what is left. It also
 * keeps the call's record of what was sent, so that running out of time
 * says what happened (`expired`).
 */
export class CallDeadline {
  /** When the call's time is up (ms since the epoch). */
  readonly at: number;
  private readonly records: CallRequestRecord[] = [];

  constructor(
    /** The whole call's budget in ms. */
    readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.at = now() + budgetMs;
  }

  remainingMs(): number {
    return this.at - this.now();
  }

  passed(): boolean {
    return this.now() >= this.at;
  }

  /** Records one vendor request before its first attempt; the client updates the record as attempts go. */
  track(operation: string, idempotent: boolean): CallRequestRecord {
    const record: CallRequestRecord = { operation, idempotent, inFlight: false, mayHaveReached: false, answered: false, applied: false };
    // A call makes a handful of requests; a runaway loop must not grow this without bound.
    if (this.records.length < 1_000) this.records.push(record);
    return record;
  }

  /**
   * The call's `upstream_timeout`: how many requests were answered, which
   * write may or may not have been applied, and what was never sent.
   * `notSent` names a request refused because the time was up.
   */
  expired(options: { connector: string; vendorName: string; notSent?: string }): GatewayError {
    const { connector, vendorName, notSent } = options;
    const seconds = Math.round(this.budgetMs / 100) / 10 || 0.1;
    const sent = this.records.filter((r) => r.answered || r.mayHaveReached || r.inFlight);
    const answered = sent.filter((r) => r.answered).length;
    const unknownWrites = sent.filter((r) => !r.idempotent && !r.answered).map((r) => `"${r.operation}"`);
    const appliedWrites = sent.filter((r) => !r.idempotent && r.answered && r.applied).map((r) => `"${r.operation}"`);

    const parts: string[] = [];
    if (sent.length === 0) {
      parts.push(`nothing was sent to ${vendorName}`);
    } else {
      parts.push(
        sent.length === 1
          ? `the one request to ${vendorName} was ${answered ? 'answered' : 'sent and not answered'}`
          : `${answered} of ${sent.length} requests to ${vendorName} were answered`,
      );
      if (appliedWrites.length) parts.push(`${list(appliedWrites)} ${appliedWrites.length === 1 ? 'was' : 'were'} applied`);
      if (unknownWrites.length) parts.push(`${list(unknownWrites)} ${unknownWrites.length === 1 ? 'was' : 'were'} sent and ${unknownWrites.length === 1 ? 'its' : 'their'} outcome is unknown`);
      if (notSent) parts.push(`the next ("${notSent}") was not sent`);
    }
    const wroteSomething = unknownWrites.length > 0 || appliedWrites.length > 0;
    let hint: string;
    if (unknownWrites.length) {
      hint = `${list(unknownWrites)} may have been applied: check with a read tool before repeating the call, or it may be done twice.`;
    } else if (appliedWrites.length) {
      hint = `Do not repeat the call as it was: ${list(appliedWrites)} already happened. Check the result with a read tool and finish what is missing.`;
    } else {
      hint = `Nothing was changed. Call again with a narrower request (shorter date range, smaller page, fewer items), or later when ${vendorName} answers faster.`;
    }
    return new GatewayError('upstream_timeout', `The call ran out of its ${seconds} s deadline: ${parts.join('; ')}.`, {
      connector,
      // Repeating is safe only when nothing the call sent could have changed anything.
      retryable: !wroteSomething,
      // Lets a create check whether its write was saved before making it again (see GatewayError.outcomeUnknown).
      outcomeUnknown: unknownWrites.length > 0,
      hint,
    });
  }
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
