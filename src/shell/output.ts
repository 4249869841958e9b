import type { Deps, OutStream } from '../app/context.js';
import { truncate, wrapText } from './terminal.js';
import type { OwnSequences } from '../core/userText.js';
import { guardTerminal } from '../core/userText.js';

/** How this run presents data: decided once, from flags, env and the terminal. */
export interface Presentation {
  json: boolean;
  /** stdout is a terminal: tables and relative times instead of TSV and ISO */
  tty: boolean;
  color: boolean;
  verbose: boolean;
}

export interface GlobalFlags {
  config?: string;
  json?: boolean;
  /** --jq EXPR: filter the JSON document with jq (implies --json) */
  jq?: string;
  /** -R/--repo OWNER/NAME: the discussions' repository instead of the configured one */
  repo?: string;
  color?: boolean;
  verbose?: boolean;
}

export function presentation(flags: GlobalFlags, deps: Pick<Deps, 'stdout' | 'env'>): Presentation {
  const tty = Boolean(deps.stdout.isTTY);
  const force = deps.env.FORCE_COLOR !== undefined && deps.env.FORCE_COLOR !== '0' && deps.env.FORCE_COLOR !== 'false';
  const color = flags.color !== false && !deps.env.NO_COLOR && !flags.json && (force || tty);
  return { json: Boolean(flags.json), tty, color, verbose: Boolean(flags.verbose) };
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/** Tab-separated rows for pipes: no colour, tabs and newlines inside cells folded to spaces. */
export function tsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => `${row.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')}\n`).join('');
}

/** Characters JSON may carry raw that a terminal acts on (C0 is escaped by JSON.stringify already): DEL, C1, bidi and line separators. */
const TERMINAL_ACTIVE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON, exact, with what a terminal would act on written as \u escapes (the same string to every JSON reader). */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(TERMINAL_ACTIVE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function writeJson(out: OutStream, value: unknown): void {
  out.write(`${jsonText(value)}\n`);
}

/** A line for the person on stderr (what was done, what to do next): wrapped at the terminal's width there. */
export function notice(deps: Pick<Deps, 'stderr'>, message: string): void {
  deps.stderr.write(`${deps.stderr.isTTY ? wrapText(message, deps.stderr.columns || 80) : message}\n`);
}

/** Warnings and progress go to stderr, never stdout. */
export function warn(deps: Pick<Deps, 'stderr'>, message: string): void {
  // While a spinner draws on this stream, clear its line first, so the warning starts at column 0.
  const text = `warning: ${message}`;
  const shown = deps.stderr.isTTY ? wrapText(text, deps.stderr.columns || 80) : text;
  deps.stderr.write(`${spinning.has(deps.stderr) ? '\r\u001b[2K' : ''}${shown}\n`);
}

/** The streams a spinner is drawing on right now. */
const spinning = new WeakSet<object>();

export const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner on stderr while `work` waits on the network: only when stderr is
 * a terminal and no JSON is asked for, so pipes and logs never see it. On
 * Ctrl-C it clears its line (and the echoed ^C) and says what it was doing.
 */
export async function withSpinner<T>(
  deps: Pick<Deps, 'stderr' | 'onInterrupt'>,
  enabled: boolean,
  label: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!enabled || !deps.stderr.isTTY) return work();
  let i = 0;
  // One line, never wider than the terminal: a wrapped spinner could not be cleared by a carriage return.
  const shown = truncate(label, Math.max(10, (deps.stderr.columns || 80) - 3));
  const draw = () => deps.stderr.write(`\r${FRAMES[i++ % FRAMES.length]} ${shown}`);
  const timer = setInterval(draw, 80);
  timer.unref?.();
  spinning.add(deps.stderr);
  const clear = () => {
    clearInterval(timer);
    if (i > 0) deps.stderr.write('\r\u001b[2K');
    i = 0;
  };
  const off = deps.onInterrupt?.(() => {
    clear();
    deps.stderr.write(`interrupted while ${label}\n`);
  });
  try {
    return await work();
  } finally {
    spinning.delete(deps.stderr);
    off?.();
    clear();
  }
}

/** Terminals known to render OSC 8 links; elsewhere the escape would show as noise or vanish with the text. */
export function supportsHyperlinks(out: Pick<OutStream, 'isTTY'>, env: Deps['env']): boolean {
  if (env.FORCE_HYPERLINK !== undefined) return env.FORCE_HYPERLINK !== '0' && env.FORCE_HYPERLINK !== 'false';
  if (!out.isTTY || env.TERM === 'dumb' || env.CI) return false;
  // tmux and screen pass OSC 8 on only when configured to; plain text is the safe side.
  if (env.TMUX || env.STY || env.TERM_PROGRAM === 'tmux' || env.TERM?.startsWith('screen') || env.TERM?.startsWith('tmux')) return false;
  if (env.WT_SESSION || env.KONSOLE_VERSION || env.KITTY_WINDOW_ID || env.DOMTERM) return true;
  if (['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper', 'rio'].includes(env.TERM_PROGRAM ?? '')) return true;
  if (['xterm-kitty', 'xterm-ghostty', 'alacritty', 'foot', 'wezterm'].includes(env.TERM ?? '')) return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

/**
 * `out` behind `guardTerminal`: what a command writes for people reaches the
 * terminal (or the pipe) with no escape sequence but the tool's own.
 */
export function guardedStream(out: OutStream, own: OwnSequences): OutStream {
  return {
    write: (chunk: string) => out.write(guardTerminal(chunk, own)),
    get isTTY() {
      return out.isTTY;
    },
    get columns() {
      return out.columns;
    },
  };
}
