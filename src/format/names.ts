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
