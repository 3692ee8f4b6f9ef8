import { z } from 'zod';
import { normName } from '../../src/format/names';

/**
 * The time toolset's own settings, read at start:
 *
 * - `DESKGATE_TIME_PROJECTS`: which Clockify project time on a ticket goes
 *   to, by name. Rules separated by `;`, each `<system>:<name>=<Clockify
 *   project>`: `helpdesk:Hardware=Support` (a help desk category, or a path
 *   below it, `helpdesk:Hardware > Laptop=Laptop repairs`; the most specific
 *   rule wins), `onedesk:Website=Acme website` (a OneDesk project), and
 *   `helpdesk:*=General support` for everything else of that system.
 * - `DESKGATE_TIME_ONEDESK_TARGET`: where `target: auto` logs time on a
 *   OneDesk item: `onedesk` (a OneDesk worklog, the default) or `clockify`.
 *   Help desk tickets always go to Clockify (the help desk keeps no time).
 */
export const MAPPED_SYSTEMS = ['helpdesk', 'onedesk'] as const;
export type MappedSystem = (typeof MAPPED_SYSTEMS)[number];
export const TIME_TARGETS = ['clockify', 'onedesk'] as const;
export type TimeTarget = (typeof TIME_TARGETS)[number];

export interface ProjectRule {
  system: MappedSystem;
  /** Normalised name or path (`hardware > laptop`), or `*`. */
  match: string;
  /** As written, for messages. */
  source: string;
  /** The Clockify project's name. */
  project: string;
}

export interface TimeConfig {
  projects: ProjectRule[];
  /** Where `auto` sends time on a OneDesk item. */
  onedeskTarget: TimeTarget;
}

const EXAMPLE = 'helpdesk:Hardware=Support; onedesk:Website=Acme website; helpdesk:*=General support';

/** A category path with single ` > ` separators, lower case. */
export const normPath = (s: string) => s.split('>').map(normName).filter(Boolean).join(' > ');

/** Parses DESKGATE_TIME_PROJECTS; problems are whole sentences naming the rule. */
export function parseProjectRules(raw: string | undefined): { rules: ProjectRule[]; problems: string[] } {
  const rules: ProjectRule[] = [];
  const problems: string[] = [];
  for (const part of (raw ?? '').split(';')) {
    const text = part.trim();
    if (!text) continue;
    const m = /^([a-z]+)\s*:\s*([^=]+?)\s*=\s*(.+)$/i.exec(text);
    if (!m) {
      problems.push(`"${text}" is not <system>:<name>=<Clockify project> (e.g. ${EXAMPLE})`);
      continue;
    }
    const system = m[1]!.toLowerCase();
    if (!(MAPPED_SYSTEMS as readonly string[]).includes(system)) {
      problems.push(`"${text}": the system must be ${MAPPED_SYSTEMS.join(' or ')}, not "${m[1]}"`);
      continue;
    }
    const match = m[2]!.trim() === '*' ? '*' : normPath(m[2]!);
    if (rules.some((r) => r.system === system && r.match === match)) {
      problems.push(`"${text}": ${system}:${m[2]!.trim()} is mapped twice`);
      continue;
    }
    rules.push({ system: system as MappedSystem, match, source: m[2]!.trim(), project: m[3]!.trim() });
  }
  return { rules, problems };
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const timeConfigSchema = z
  .looseObject({
    DESKGATE_TIME_PROJECTS: z.preprocess(blank, z.string().optional()).superRefine((value, ctx) => {
      for (const problem of parseProjectRules(value).problems) ctx.addIssue({ code: 'custom', message: problem });
    }),
    DESKGATE_TIME_ONEDESK_TARGET: z.preprocess(
      (v) => (typeof blank(v) === 'string' ? (v as string).trim().toLowerCase() : undefined),
      z.enum(TIME_TARGETS, { error: `expected ${TIME_TARGETS.join(' or ')}` }).default('onedesk'),
    ),
  })
  .transform((env): TimeConfig => ({ projects: parseProjectRules(env.DESKGATE_TIME_PROJECTS).rules, onedeskTarget: env.DESKGATE_TIME_ONEDESK_TARGET }));

/**
 * The Clockify project a mapping gives a ticket: for the help desk the most
 * specific rule on the ticket's category path, for OneDesk its project's
 * name, else the system's `*`; undefined when no rule decides.
 */
export function mappedProject(rules: ProjectRule[], system: MappedSystem, where: string | null): ProjectRule | undefined {
  const own = rules.filter((r) => r.system === system);
  if (where) {
    const path = normPath(where);
    const hits = own.filter((r) => r.match !== '*' && (path === r.match || path.startsWith(`${r.match} > `)));
    hits.sort((a, b) => b.match.length - a.match.length);
    if (hits[0]) return hits[0];
  }
  return own.find((r) => r.match === '*');
}
