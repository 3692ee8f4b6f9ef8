/**
 * Tool mentions rendered for one caller. Descriptions, input-schema field
 * descriptions, server instructions and error hints name other tools ("ids
 * come from clockify_list_projects"); a caller who cannot call that tool
 * (toolset off, role, key limits, read-only) must not be sent to it. Each
 * text is rewritten against the caller's visible tools:
 *
 * - a list of tools ("A, B and C", each optionally with a parenthetical) keeps
 *   the visible ones: "Ids feed A and B." → "Ids feed A.";
 * - a parenthetical naming only hidden tools goes, or the clause of it that
 *   does: "Member id (default: you; from X)." → "Member id (default: you).";
 * - otherwise the sentence (or `;` clause) that names a hidden tool goes.
 *
 * Only names of tools the catalog declares count as mentions; a text that
 * names none comes back as the same string.
 */

/** A token shaped like a tool name: `<connector>_<verb>_…`. */
const NAME = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

export interface MentionRules {
  /** Every tool name the catalog declares (only these are mentions). */
  known: ReadonlySet<string>;
  /** The tools this caller may call. */
  visible: ReadonlySet<string>;
}

function hiddenIn(text: string, rules: MentionRules): boolean {
  for (const match of text.matchAll(NAME)) if (rules.known.has(match[0]) && !rules.visible.has(match[0])) return true;
  return false;
}

/** Whether the text names a tool the caller cannot call. */
export function namesHiddenTool(text: string, rules: MentionRules): boolean {
  return hiddenIn(text, rules);
}

const NAME_SRC = '[a-z][a-z0-9]*(?:_[a-z0-9]+)+';
/** One list element: a tool name, optionally followed by ` (…)` or ` {…}` (its arguments or what it gives). */
const ELEMENT_SRC = `\\b${NAME_SRC}\\b(?: \\([^()]*\\)| \\{[^{}]*\\})?`;
const LIST = new RegExp(`${ELEMENT_SRC}(?:(?:, (?:and |or )?| and | or )${ELEMENT_SRC})*`, 'g');
const ELEMENT = new RegExp(ELEMENT_SRC, 'g');

/** "A, B and C" with the hidden ones left out; undefined when none is left. */
function pruneList(list: string, rules: MentionRules): string | undefined {
  const elements = [...list.matchAll(ELEMENT)].map((m) => m[0]);
  if (elements.length < 2) return undefined;
  const nameOf = (element: string) => /^[a-z0-9_]+/.exec(element)![0];
  if (!elements.some((e) => rules.known.has(nameOf(e)))) return list;
  const kept = elements.filter((e) => !rules.known.has(nameOf(e)) || rules.visible.has(nameOf(e)));
  if (kept.length === elements.length) return list;
  if (kept.length === 0) return undefined;
  const last = elements[elements.length - 1]!;
  const conjunction = / or $/.test(list.slice(0, list.lastIndexOf(last))) ? ' or ' : ' and ';
  return kept.length === 1 ? kept[0] : `${kept.slice(0, -1).join(', ')}${conjunction}${kept[kept.length - 1]}`;
}

/** Parentheticals (no nesting) naming a hidden tool: keep their other `;`/`,` clauses, or drop them. */
function pruneParentheticals(text: string, rules: MentionRules): string {
  return text.replace(/ ?\(([^()]*)\)/g, (whole, inner: string) => {
    if (!hiddenIn(inner, rules)) return whole;
    const clauses = inner.split(/; /).filter((c) => !hiddenIn(c, rules));
    return clauses.length ? `${whole.startsWith(' ') ? ' ' : ''}(${clauses.join('; ')})` : '';
  });
}

/** Sentences and `;` clauses, each with the separator that follows it. */
function splitSentences(text: string): { body: string; sep: string }[] {
  const parts: { body: string; sep: string }[] = [];
  // A sentence ends at . ! ? or ; followed by space and something that starts a new one (not "e.g. x").
  const boundary = /(?<!\be\.g|\bi\.e|\bvs)(?:([.!?])(\s+)(?=[A-Z0-9"'`({[]|[a-z]+_[a-z])|(;)(\s+))/g;
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const mark = match[1] ?? match[3]!;
    const space = match[2] ?? match[4]!;
    const end = match.index + mark.length;
    parts.push({ body: text.slice(start, end), sep: space });
    start = end + space.length;
  }
  parts.push({ body: text.slice(start), sep: '' });
  return parts;
}

/**
 * The text with every mention of a tool outside `rules.visible` removed (see
 * the module comment). May return '' when nothing is left.
 */
export function renderMentions(text: string, rules: MentionRules): string {
  if (!hiddenIn(text, rules)) return text;
  let out = text.replace(LIST, (list) => pruneList(list, rules) ?? list);
  out = pruneParentheticals(out, rules);
  if (hiddenIn(out, rules)) {
    const kept = splitSentences(out).filter((s) => !hiddenIn(s.body, rules));
    out = kept
      .map((s, i) => {
        const next = kept[i + 1];
        if (!next) return s.body.replace(/;$/, '.');
        // A kept `;` clause now followed by a new sentence ends as a sentence.
        return (s.body.endsWith(';') && /^[A-Z]/.test(next.body) ? `${s.body.slice(0, -1)}.` : s.body) + s.sep;
      })
      .join('');
  }
  return out.trim();
}

/** A JSON schema with `description`s rendered for the caller (a copy, only where something changed). */
export function renderSchemaMentions<T>(node: T, rules: MentionRules): T {
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((item) => {
      const rendered = renderSchemaMentions(item, rules);
      if (rendered !== item) changed = true;
      return rendered;
    });
    return (changed ? out : node) as T;
  }
  if (typeof node !== 'object' || node === null) return node;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const rendered = key === 'description' && typeof value === 'string' ? renderMentions(value, rules) : renderSchemaMentions(value, rules);
    if (rendered !== value) changed = true;
    if (key === 'description' && rendered === '') continue;
    out[key] = rendered;
  }
  return (changed ? out : node) as T;
}
