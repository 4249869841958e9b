/**
 * The names a mistyped word most likely meant, as `gh` and `git` suggest
 * them: every name the word begins (`gen` → `generate`), else the names
 * fewest edits away, at most 3 and leaving the two more alike than not
 * (`wh` → `who`, `stast` → `stats`). Empty when nothing is close.
 */
export function closestNames(word: string, names: readonly string[]): string[] {
  const w = word.toLowerCase();
  const candidates = [...new Set(names)].filter((n) => n.length > 1);
  const prefixed = w.length >= 2 ? candidates.filter((n) => n.toLowerCase().startsWith(w)) : [];
  if (prefixed.length) return prefixed.sort();
  let best = 3;
  let out: string[] = [];
  for (const name of candidates) {
    const d = editDistance(w, name.toLowerCase());
    const length = Math.max(w.length, name.length);
    if ((length - d) / length <= 0.4 || d > best) continue;
    if (d < best) out = [];
    best = d;
    out.push(name);
  }
  return out.sort();
}

/** "did you mean generate?", "did you mean start or stats?", or '' when nothing is close (or too many are to help). */
export function didYouMean(word: string, names: readonly string[]): string {
  const close = closestNames(word, names);
  if (!close.length || close.length > 3) return '';
  const list = close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close.at(-1)}`;
  return `did you mean ${list}?`;
}

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
