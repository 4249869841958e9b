import stringWidth from 'string-width';
import type { Deps } from '../app/context.js';
import { supportsHyperlinks } from './output.js';

export { supportsHyperlinks };

/**
 * What a terminal can show beyond plain text: its width, and whether it
 * turns OSC 8 sequences into clickable links. Loaded only by commands that
 * render lists of discussions, so `who` and `--help` never pay for it.
 */
export interface TerminalFacts {
  columns: number;
  hyperlinks: boolean;
}

export function terminalFacts(deps: Pick<Deps, 'stdout' | 'env'>): TerminalFacts {
  const fromEnv = Number(deps.env.COLUMNS);
  const columns = deps.stdout.isTTY && deps.stdout.columns ? deps.stdout.columns : fromEnv > 0 ? fromEnv : 80;
  return { columns, hyperlinks: supportsHyperlinks(deps.stdout, deps.env) };
}

/** `text` as a link to `url` (OSC 8), or `text` alone where links are not shown. */
export function link(text: string, url: string, enabled: boolean): string {
  return enabled ? `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\` : text;
}

/**
 * Where the numbers of a table lead, for a terminal that shows no links and
 * had no room for a URL column: "#N: https://github.com/o/r/discussions/N",
 * and, for discussions when `width` leaves room, the command that opens one.
 */
export function linkHint(urls: Iterable<string>, width = Number.POSITIVE_INFINITY): string {
  const patterns = [...new Set([...urls].map((u) => u.replace(/\d+$/, 'N')))];
  if (!patterns.length) return '';
  const hint = `#N: ${patterns.join(' or ')}`;
  const opener = `${hint}, or visit-sre view N --web`;
  return patterns.every((p) => p.endsWith('/discussions/N')) && displayWidth(opener) <= width ? opener : hint;
}

/** Columns a string takes on screen: colours and links take none, wide characters two. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** SGR colours and OSC 8 links: they take no room, and survive a cut so every style and link still closes. */
const ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/**
 * Cuts text to `max` columns with an ellipsis, as `gh issue list` does; never
 * splits a character, and keeps the colour and link escapes of the cut part so
 * that what was opened is closed.
 */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  const kept: Array<{ text: string; visible: boolean }> = [];
  let used = 0;
  let cut = false;
  let last = 0;
  const plain = (chunk: string) => {
    for (const { segment } of graphemes.segment(chunk)) {
      const w = stringWidth(segment);
      if (!cut && used + w > max - 1) {
        cut = true;
        // No space before the ellipsis: "Build fails…", not "Build fails …".
        while (kept.length && kept.at(-1)!.visible && /^\s+$/.test(kept.at(-1)!.text)) kept.pop();
        kept.push({ text: '…', visible: true });
      }
      if (!cut) {
        kept.push({ text: segment, visible: true });
        used += w;
      }
    }
  };
  for (const m of text.matchAll(ESCAPE)) {
    plain(text.slice(last, m.index));
    kept.push({ text: m[0], visible: false });
    last = m.index + m[0].length;
  }
  plain(text.slice(last));
  return kept.map((k) => k.text).join('');
}

/** A table cell: its text, or its forms from the longest to the shortest ("Ada Lovelace @ada", then "@ada"). */
export type Cell = string | readonly string[];

/**
 * How a column gives way when the table is wider than the terminal. `shrink`
 * and `drop` are ranks on one scale: the lowest goes first, so a table can say
 * "the URL column goes, then titles are cut, then people shorten to their
 * logins, then the dates go".
 */
export interface Column {
  /** the header, as shown (it may carry colour), or its forms from the longest to the shortest */
  head?: Cell;
  /** the narrowest the column may be cut to, with an ellipsis; without it the column only takes its shorter forms */
  min?: number;
  /** the rank at which the column shrinks (to its shorter forms, then cut down to `min`) */
  shrink?: number;
  /** the rank at which the column is left out */
  drop?: number;
}

const GAP = 2;
const forms = (c: Cell | undefined): readonly string[] => (c === undefined ? [''] : typeof c === 'string' ? [c] : c.length ? c : ['']);
const render = (cell: Cell | undefined, w: number) => {
  const f = forms(cell);
  return f.find((x) => displayWidth(x) <= w) ?? truncate(f.at(-1)!, w);
};

/**
 * Lays out rows to fit `width` columns, so no row ever wraps: columns give way
 * rank by rank (a column drops, or shrinks to its shorter forms and then is cut
 * with an ellipsis down to its `min`); room left over goes back to what shrank;
 * as a last resort the rightmost columns are cut. The one table of the tool:
 * who, start, overdue, schedule and stats use it.
 */
export function layoutTable(
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  columns: readonly Column[],
  width: number,
): { text: string; shown: readonly number[] } {
  const n = Math.max(columns.length, ...rows.map((r) => r.length));
  const spec = (i: number): Column => columns[i] ?? {};
  const headed = columns.some((c) => c.head !== undefined);
  const all: ReadonlyArray<ReadonlyArray<Cell>> = headed ? [columns.map((c) => c.head ?? ''), ...rows] : rows;
  let shown = Array.from({ length: n }, (_, i) => i).filter((i) => rows.some((r) => forms(r[i]).some((f) => f !== '')));
  const natural = (i: number) => Math.max(0, ...all.map((r) => displayWidth(forms(r[i])[0]!)));
  const floor = (i: number) => {
    const c = spec(i);
    if (c.min !== undefined) return Math.min(natural(i), c.min);
    return Math.max(0, ...all.map((r) => displayWidth(forms(r[i]).at(-1)!)));
  };
  const widths = new Map(shown.map((i) => [i, natural(i)]));
  const excess = () => shown.reduce((sum, i) => sum + widths.get(i)!, 0) + GAP * Math.max(0, shown.length - 1) - width;
  const ranks = [...new Set(columns.flatMap((c) => [c.shrink, c.drop]).filter((r): r is number => r !== undefined))].sort((a, b) => a - b);
  for (const rank of ranks) {
    if (excess() <= 0) break;
    shown = shown.filter((i) => spec(i).drop !== rank);
    for (const i of [...shown].reverse()) {
      const over = excess();
      if (over <= 0) break;
      if (spec(i).shrink === rank) widths.set(i, widths.get(i)! - Math.max(0, Math.min(over, widths.get(i)! - floor(i))));
    }
  }
  if (excess() > 0) {
    // Nothing left to give way: cut from the right, then leave out the rightmost columns.
    for (const i of [...shown].reverse()) widths.set(i, widths.get(i)! - Math.max(0, Math.min(excess(), widths.get(i)! - 1)));
    while (excess() > 0 && shown.length > 1) shown.pop();
    if (excess() > 0) widths.set(shown[0]!, Math.max(1, width));
  } else {
    // What a drop freed, and what shorter forms left unused, goes back to what shrank, the most reluctant first.
    for (const i of shown) widths.set(i, Math.max(...all.map((r) => displayWidth(render(r[i], widths.get(i)!)))));
    const back = shown.filter((i) => widths.get(i)! < natural(i)).sort((a, b) => (spec(b).shrink ?? 0) - (spec(a).shrink ?? 0) || b - a);
    for (const i of back) {
      const room = -excess();
      if (room <= 0) break;
      widths.set(i, Math.max(...all.map((r) => displayWidth(render(r[i], widths.get(i)! + Math.min(room, natural(i) - widths.get(i)!))))));
    }
  }
  const text = all
    .map((row) => {
      const cells = shown.map((i, k) => {
        const w = widths.get(i)!;
        const t = render(row[i], w);
        return k === shown.length - 1 ? t : t + ' '.repeat(Math.max(0, w - displayWidth(t)));
      });
      return `${cells.join(' '.repeat(GAP)).trimEnd()}\n`;
    })
    .join('');
  return { text, shown };
}

/** `layoutTable`'s text: aligned columns that fit `width`. */
export function fitTable(rows: ReadonlyArray<ReadonlyArray<Cell>>, columns: readonly Column[], width: number): string {
  return layoutTable(rows, columns, width).text;
}

/**
 * Prose for a terminal: words wrapped at `width`, continuation lines indented,
 * so a long warning reads as a paragraph instead of a line the terminal breaks.
 */
export function wrapText(text: string, width: number, indent = '  '): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    // A line that fits keeps its spacing (aligned columns); a command in backticks is never split.
    if (displayWidth(paragraph) <= width) {
      out.push(paragraph);
      continue;
    }
    const lead = /^\s*/.exec(paragraph)![0];
    let line = lead;
    for (const word of paragraph.match(/`[^`]*`\S*|\S+/g) ?? []) {
      const next = line.trim() ? `${line} ${word}` : line + word;
      if (line.trim() && displayWidth(next) > width) {
        out.push(line);
        line = lead + indent + word;
      } else line = next;
    }
    out.push(line);
  }
  return out.join('\n');
}
