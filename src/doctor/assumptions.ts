/**
 * What a SaaS connector assumes about its vendor, as data: one entry per
 * fact the tools rely on, with how sure we are, where that comes from, which
 * tools rely on it and the live check that tests it. `deskgate doctor --deep`
 * runs the checks against a real account on the first run; a test keeps the
 * list and the tools in step.
 */
import type { Logger } from '../observability/logger';

/** confirmed: public integrations or a live probe show it; likely: documented but not seen; unknown: our best guess. */
export type Confidence = 'confirmed' | 'likely' | 'unknown';

export type CheckOutcome = 'holds' | 'differs' | 'could_not_check';

export interface CheckResult {
  outcome: CheckOutcome;
  /** Status codes, field names, types and counts: never a value of personal data. */
  evidence: string;
}

export interface Probe {
  log: Logger;
  signal: AbortSignal;
  /**
   * Shared by the checks of one run, so several checks read one vendor
   * answer once (e.g. the first page of items).
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface VendorAssumption<Runtime = unknown> {
  /** Stable id, e.g. "items.filter.lifecycleStatus". */
  id: string;
  /** The fact, in one sentence. */
  fact: string;
  confidence: Confidence;
  /** Where the fact comes from (shared/vendors/EVIDENCE.md, a spec, an integration). */
  evidence: string;
  /** Tools that give wrong or no answers when the fact does not hold. */
  tools: string[];
  /**
   * The vendor calls and filter properties this check exercises, as
   * `METHOD /path/{template}` or `POST /items/filter/details property name`:
   * what lets a test tie each call the tools make to a check.
   */
  covers?: string[];
  /** Creates (and where the vendor allows, removes) a test object: only with --write-check. */
  write?: boolean;
  /** The live check, with the connector's shared key. */
  check(runtime: Runtime, probe: Probe): Promise<CheckResult>;
}

export const holds = (evidence: string): CheckResult => ({ outcome: 'holds', evidence });
export const differs = (evidence: string): CheckResult => ({ outcome: 'differs', evidence });
export const couldNotCheck = (evidence: string): CheckResult => ({ outcome: 'could_not_check', evidence });

export interface AssumptionRow {
  connector: string;
  id: string;
  fact: string;
  confidence: Confidence;
  outcome: CheckOutcome;
  evidence: string;
  tools: string[];
  /** A tool of a default toolset relies on it. */
  affectsDefaults: boolean;
}

/** Runs every check of one connector, one at a time (vendors rate-limit), never throwing. */
export async function runAssumptions<Runtime>(
  connector: string,
  assumptions: VendorAssumption<Runtime>[],
  runtime: Runtime,
  options: { log: Logger; writeCheck: boolean; defaultTools: ReadonlySet<string>; signal?: AbortSignal },
): Promise<AssumptionRow[]> {
  const memo = new Map<string, Promise<unknown>>();
  const probe: Probe = {
    log: options.log,
    signal: options.signal ?? new AbortController().signal,
    once: <T>(key: string, load: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, load());
      return memo.get(key) as Promise<T>;
    },
  };
  const rows: AssumptionRow[] = [];
  for (const a of assumptions) {
    let result: CheckResult;
    if (a.write && !options.writeCheck) {
      result = couldNotCheck('a write check: run with --write-check to create and remove a test object');
    } else {
      try {
        result = await a.check(runtime, probe);
      } catch (error) {
        // A 404 or 405 is the vendor saying the call the tools make does not exist there: the assumption differs.
        const status = error instanceof Error && error.name === 'GatewayError' ? (error as { vendorStatus?: number }).vendorStatus : undefined;
        result = status === 404 || status === 405 ? differs(`the call answered HTTP ${status}: ${describeFailure(error)}`) : couldNotCheck(describeFailure(error));
      }
    }
    rows.push({
      connector,
      id: a.id,
      fact: a.fact,
      confidence: a.confidence,
      outcome: result.outcome,
      evidence: result.evidence,
      tools: a.tools,
      affectsDefaults: a.tools.some((t) => options.defaultTools.has(t)),
    });
  }
  return rows;
}

/** A failed check's reason: the taxonomy code and the gateway's own message, never a vendor body. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'GatewayError') {
    const e = error as Error & { code?: string; vendorStatus?: number };
    return `${e.code ?? 'error'}${e.vendorStatus === undefined ? '' : ` (HTTP ${e.vendorStatus})`}: ${e.message}`;
  }
  return 'the check failed unexpectedly';
}

/** The JSON type of a value, for evidence ("string", "array", "null", "missing"). */
export function typeOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A field the tools read and the JSON types they accept for it, e.g. ["id", ["number", "string"]]. */
export type FieldRule = [field: string, types: string[]];

/** Whether a vendor row has every field the tools read, with an accepted type; evidence names fields and types only. */
export function checkFields(row: Record<string, unknown>, wanted: FieldRule[]): CheckResult {
  const off = wanted.filter(([field, types]) => !types.includes(typeOf(row[field]))).map(([field]) => `${field}: ${typeOf(row[field])}`);
  return off.length ? differs(`fields not as read: ${off.join(', ')}`) : holds(`${wanted.map(([field]) => field).join(', ')} present with the expected types`);
}

/**
 * A field the tools read under any of several names (the first one present
 * wins, as the mapper reads it), and the JSON types they accept.
 */
export type FieldGroup = [label: string, names: readonly string[], types: string[]];

/** Whether a vendor row has each field group under one of its names, with an accepted type; evidence names fields and types only. */
export function checkFieldGroups(row: Record<string, unknown>, groups: FieldGroup[]): CheckResult {
  const off: string[] = [];
  const found: string[] = [];
  for (const [label, names, types] of groups) {
    const name = names.find((n) => row[n] !== undefined && row[n] !== null);
    if (name === undefined) off.push(`${label}: none of ${names.join(', ')}`);
    else if (!types.includes(typeOf(row[name]))) off.push(`${label}: ${name} is ${typeOf(row[name])}`);
    else found.push(name === label ? label : `${label} as ${name}`);
  }
  return off.length ? differs(`fields not as read: ${off.join('; ')}`) : holds(`${found.join(', ')} present with the expected types`);
}
