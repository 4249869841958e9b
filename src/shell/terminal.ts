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

/** Columns a string takes on screen: colours and links take none, wide characters two. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Cuts plain text to `max` columns with an ellipsis, as `gh issue list` does; never splits a character. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Aligned columns that fit `columns`: every column but the last keeps its
 * width, and the last (a title) is cut with an ellipsis instead of wrapping.
 * `decorate` styles a cell after it is measured and cut (colour, links).
 */
export function fittedTable(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  columns: number,
  decorate: (cell: string, row: number, col: number) => string = (c) => c,
): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows
    .map((row, r) => {
      let used = 0;
      const cells = row.map((cell, i) => {
        if (i === row.length - 1) return decorate(truncate(cell, Math.max(columns - used, 8)), r, i);
        used += widths[i]! + 2;
        return decorate(cell, r, i) + ' '.repeat(widths[i]! - displayWidth(cell));
      });
      return `${cells.join('  ').trimEnd()}\n`;
    })
    .join('');
}
