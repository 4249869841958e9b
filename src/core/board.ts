/**
 * The live board in the desk thread's body (docs/process.md#duty-desk), between two marker
 * lines. Everything outside them is the team's and is kept byte for byte.
 */
export const BOARD_START = '<!-- visit-sre board -->';
export const BOARD_END = '<!-- /visit-sre board -->';
/** The board's one line that changes on every rewrite; it does not count as a change. */
export const UPDATED_PREFIX = '<sub>Updated ';

/** The board's span in a body: the last start line before the first end line. */
function span(body: string): { from: number; to: number } | null {
  const end = body.indexOf(BOARD_END);
  if (end < 0) return null;
  const start = body.lastIndexOf(BOARD_START, end);
  if (start < 0) return null;
  return { from: start + BOARD_START.length, to: end };
}

/** The board now in a body, without its marker lines; null when there is none. */
export function boardOf(body: string): string | null {
  const s = span(body);
  return s
    ? body
        .slice(s.from, s.to)
        .replace(/^\r?\n/, '')
        .replace(/\r?\n$/, '')
    : null;
}

/** The body with `board` between the marker lines, or appended with them when they are missing. */
export function spliceBoard(body: string, board: string): string {
  const s = span(body);
  if (s) return `${body.slice(0, s.from)}\n${board}\n${body.slice(s.to)}`;
  const gap = body === '' ? '' : body.endsWith('\n') ? '\n' : '\n\n';
  return `${body}${gap}${BOARD_START}\n${board}\n${BOARD_END}\n`;
}

const content = (board: string) =>
  board
    .split(/\r?\n/)
    .filter((l) => !l.startsWith(UPDATED_PREFIX))
    .join('\n')
    .trim();

/** Whether writing `board` would change what the body shows, its timestamp aside. */
export function boardChanged(body: string, board: string): boolean {
  const now = boardOf(body);
  return now === null || content(now) !== content(board);
}
