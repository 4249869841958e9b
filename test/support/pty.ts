import path from 'node:path';
import pty from '@lydell/node-pty';
import { tempDir } from './deps.js';
import { BIN } from './bin.js';

export interface PtyRun {
  /** everything the terminal received so far, escapes included */
  output(): string;
  /** types into the terminal: '\x03' is Ctrl-C */
  type(keys: string): void;
  /** resolves when the output matches, rejects after `ms` */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<number>;
}

/**
 * The built binary on a real pseudo-terminal of `cols` columns, so the tool
 * sees a TTY on stdin, stdout and stderr as a person's shell gives it.
 */
export function runPty(args: string[], opts: { cols?: number; env?: Record<string, string>; cwd?: string } = {}): PtyRun {
  const home = tempDir('visit-sre-pty-home-');
  const child = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: opts.cols ?? 80,
    rows: 30,
    cwd: opts.cwd ?? path.dirname(BIN),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      TERM: 'xterm-256color',
      XDG_CONFIG_HOME: path.join(home, 'c'),
      XDG_CACHE_HOME: path.join(home, 'k'),
      XDG_STATE_HOME: path.join(home, 's'),
      VISIT_SRE_RETRY_BASE_MS: '1',
      VISIT_SRE_MUTATION_SPACING_MS: '5',
      ...opts.env,
    },
  });
  let text = '';
  const waiters: Array<() => void> = [];
  child.onData((d) => {
    text += d;
    waiters.splice(0).forEach((w) => w());
  });
  const exited = new Promise<number>((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    output: () => text,
    type: (keys) => child.write(keys),
    exited,
    waitFor(pattern, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in ${JSON.stringify(text)}`)), ms);
        const check = () => {
          if (pattern.test(text)) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

/** What a screen line shows: colours and links stripped, carriage-return overwrites applied. */
export function screenLines(raw: string): string[] {
  const plain = raw.replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  return plain.split('\n').map((line) => {
    const parts = line.replace(/\r$/, '').split('\r');
    return parts.at(-1)!;
  });
}
