/**
 * Text that came from users (titles, bodies, names, calendar summaries) made
 * safe for the two places the tool shows it: a terminal and the team's own
 * markdown posts. `--json` output never goes through here: it stays exact.
 * (docs/architecture.md#user-text)
 */

/**
 * Escape sequences, whole: CSI (ESC [ or U+009B … final byte), OSC (ESC ] or
 * U+009D … up to BEL or ST, as in OSC 0 window titles and OSC 52 clipboard
 * writes), DCS/SOS/PM/APC strings (ESC P X ^ _ or U+0090 U+0098 U+009E U+009F
 * … up to ST), and two- or three-byte ESC sequences (ESC c resets the terminal).
 * An unterminated string sequence runs to the end of the text, as a terminal would take it.
 */
const SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g;

/** Bidirectional controls: they reorder what follows them on screen, so a title can pass for another. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** C0 controls but tab and newline, DEL, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** What moves to a new line: CR LF, CR, LF, vertical tab, form feed, the Unicode line and paragraph separators. */
const BREAK = /\r\n?|[\n\u000b\u000c\u2028\u2029]/g;

/**
 * User text for a terminal: escape sequences, control characters and bidi
 * controls removed. `line` (the default) folds line breaks and tabs to single
 * spaces, for a title in a row; `block` keeps line breaks and tabs, for a
 * message body that is shown as lines.
 */
export function terminalText(text: string, mode: 'line' | 'block' = 'line'): string {
  const bare = text.replace(SEQUENCE, '').replace(BIDI, '').replace(BREAK, '\n');
  return (mode === 'line' ? bare.replace(/[\t\n]+/g, ' ') : bare).replace(CONTROL, '');
}

/** The escape sequences the tool itself writes, so `guardTerminal` can keep them and nothing else. */
export interface OwnSequences {
  /** colours and bold/dim (SGR, ESC [ … m) */
  sgr: boolean;
  /** OSC 8 hyperlinks around a number or URL */
  hyperlinks: boolean;
  /** a spinner's or a counter's carriage return and erase-line (CR, ESC [ 2 K) */
  redraw: boolean;
}

const OWN = /\r\n|\u001b\[[0-9;]*m|\u001b\]8;;[!-~]*\u001b\\|\r\u001b\[2K|\r/g;

/**
 * The last guard before a terminal: everything a command writes passes
 * through it, so no sequence reaches the screen that the tool did not mean.
 * The tool's own sequences (as `own` allows) are kept; every other escape
 * sequence, control and bidi character is removed, as `terminalText` does in
 * `block` mode. Renderers still clean user text themselves: with colour on,
 * this guard cannot tell a user's colour code from the tool's.
 */
export function guardTerminal(text: string, own: OwnSequences): string {
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(OWN)) {
    const s = m[0];
    // CR LF moves nothing back (an iCal file on stdout keeps its line ends); a lone CR can overwrite a line.
    const keep = s === '\r\n' || (s.startsWith('\u001b[') ? own.sgr : s.startsWith('\u001b]') ? own.hyperlinks : own.redraw);
    if (!keep) continue;
    out += terminalText(text.slice(last, m.index), 'block') + s;
    last = m.index + s.length;
  }
  return out + terminalText(text.slice(last), 'block');
}

/**
 * User text inside the team's markdown (the desk thread's feed and board, the
 * webhook's text): one line, shown as written and live in no way.
 * - Links, images and reference definitions lose their brackets (`\[`), code
 *   spans their backticks, emphasis its `*`, `_`, `~`; a table cell's `|` is escaped.
 * - `&` becomes `&amp;` (so `&#64;` cannot spell a mention) and `<` becomes
 *   `&lt;` (no HTML, no comment that ends the board, no `<https://…>` autolink,
 *   no Slack `<!channel>`).
 * - A zero-width space follows every `@` (no mention, no e-mail autolink),
 *   a URL scheme's name and the `www` of `www.` (no bare-URL autolink), and
 *   every `#` before a digit (no cross-reference that shows in another thread).
 * Control and bidi characters go as on a terminal; line breaks fold to spaces.
 */
export function markdownText(text: string): string {
  return terminalText(text, 'line')
    .replace(/[\\`*_~[\]|]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/@/g, '@\u200b')
    .replace(/\b(https?|ftp|mailto|xmpp)(?=:)/gi, '$1\u200b')
    .replace(/\b(www)(?=\.)/gi, '$1\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}
