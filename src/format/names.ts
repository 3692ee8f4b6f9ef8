import { z } from 'zod';
import { segmentProblem } from '../vendor-http/path';
/**
 * Matching what a person typed against names a vendor knows: the same
 * normalisation everywhere (trimmed, lower case, single spaces), and the
 * closest names first when nothing matched, so an error can offer them.
 */
export const normName = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The items whose names are closest to `wanted`: prefix matches, then
 * substring matches, then by edit distance; `penalty` pushes some back
 * (archived ones, for example) without hiding them.
 */
export function closestByName<T extends { name: string }>(items: readonly T[], wanted: string, count = 5, penalty: (item: T) => number = () => 0): T[] {
  const w = normName(wanted);
  const score = (item: T) => {
    const n = normName(item.name);
    const base = n.startsWith(w) || w.startsWith(n) ? 0 : n.includes(w) || w.includes(n) ? 1 : 2;
    return base * 1000 + editDistance(n, w) + penalty(item);
  };
  return [...items].sort((a, b) => score(a) - score(b)).slice(0, count);
}

/** Someone a vendor knows, as the matcher reads them. */
export interface PersonLike {
  id: string | number;
  name: string | null;
  email?: string | null;
  /** Deactivated or archived: matched only when no active person matches. */
  inactive?: boolean;
}

/** How `matchPerson` found someone, for errors and tests. */
export type PersonMatchedBy = 'id' | 'email' | 'name' | 'first name';

export type PersonMatch<T> =
  | { kind: 'one'; person: T; by: PersonMatchedBy }
  | { kind: 'ambiguous'; candidates: T[]; by: PersonMatchedBy }
  | { kind: 'none'; closest: T[] };

const firstName = (name: string | null) => normName(name ?? '').split(' ')[0] ?? '';

/**
 * Why a person reference (what a user argument takes: "me", an id, an email,
 * a full or first name) is not one, or undefined. People's names and emails
 * have no `/ ? # % \`, control characters or unpaired surrogates, and have a
 * letter or digit; refusing those keeps a path- or query-shaped value out of
 * every user argument before anything runs, though a name is only ever
 * matched against a list and never placed in a vendor URL.
 */
export function personRefProblem(value: string): string | undefined {
  if (value.length > 250) return 'is longer than 250 characters';
  if (/[/?#%\\]/.test(value)) return 'contains / ? # % or \\, which no id, name or email has';
  if (!/[\p{L}\p{N}]/u.test(value)) return 'has no letter or digit';
  // Control characters and unpaired surrogates: the same rule as every vendor path segment.
  return segmentProblem(value);
}

/**
 * The input schema of a person argument (one user, employee or assignee as
 * people give one): trimmed, 1 to 250 characters, and nothing
 * personRefProblem refuses, so every connector's person arguments refuse a
 * path-, query- or escape-shaped value before the tool runs.
 */
export function personRefSchema() {
  return z
    .string()
    .trim()
    .min(1)
    .max(250)
    .refine((v) => personRefProblem(v) === undefined, { error: (issue) => `expected an id, "me", a name or an email: this ${personRefProblem(String(issue.input)) ?? 'is not one'}` });
}

/**
 * A user argument as people give it: an id, an email, a full name, or a
 * first name that only one person has ("Mia" when there is one Mia), all
 * case-insensitive. Active people win over inactive ones at each step; two
 * people left at a step is `ambiguous` with them as candidates, nobody is
 * `none` with the closest names. ("me" is the caller, resolved before this.)
 */
export function matchPerson<T extends PersonLike>(people: readonly T[], wanted: string): PersonMatch<T> {
  const w = normName(wanted);
  const steps: [PersonMatchedBy, (p: T) => boolean][] = [
    ['id', (p) => normName(String(p.id)) === w],
    ['email', (p) => typeof p.email === 'string' && normName(p.email) === w],
    ['name', (p) => p.name !== null && normName(p.name) === w],
    ['first name', (p) => !w.includes(' ') && !w.includes('@') && firstName(p.name) === w],
  ];
  for (const [by, test] of steps) {
    const all = people.filter(test);
    if (all.length === 0) continue;
    const active = all.filter((p) => !p.inactive);
    const pick = active.length ? active : all;
    return pick.length === 1 ? { kind: 'one', person: pick[0]!, by } : { kind: 'ambiguous', candidates: pick, by };
  }
  const named = people.filter((p): p is T & { name: string } => p.name !== null);
  return { kind: 'none', closest: closestByName(named, wanted, 5, (p) => (p.inactive ? 0.5 : 0)) };
}

/** `"Mia Schneider" (id 42, mia@example.com)`: a candidate as errors list it. */
export function describePerson(p: PersonLike): string {
  return `"${p.name ?? '(no name)'}" (id ${p.id}${p.email ? `, ${p.email}` : ''}${p.inactive ? ', inactive' : ''})`;
}
