import type { Deps } from '../app/context.js';
import { FRAMES } from './output.js';

/**
 * How a run of writes shows itself while it happens. The executor calls
 * `completed` once per action, as each one finishes, so a slow GitHub never
 * leaves a blank screen; on Ctrl-C the user learns what was done and what not.
 */
export interface Progress {
  /** `item` (e.g. "#101") is finished; `line` says how ("✓ handoff #101: done"), shown on the status line until the next. */
  completed(item: string, line: string): void;
  /** Clears the counter; call once, when the run ends for any reason. */
  end(): void;
}

export interface ProgressOptions {
  /** "posting": shown as "posting 3/7" */
  verb: string;
  /** every item the run will act on, in order */
  items: readonly string[];
  /** false with --json or --quiet: the counter and lines stay off, the interrupt summary stays on */
  enabled: boolean;
}

/** The words said on Ctrl-C: what was done, what was not, and that a re-run finishes the job. */
export function interruptSummary(items: readonly string[], done: ReadonlySet<string>): string {
  const finished = items.filter((i) => done.has(i));
  const rest = items.filter((i) => !done.has(i));
  let text = `Interrupted after ${finished.length} of ${items.length}.\n`;
  if (finished.length) text += `  done: ${finished.join(', ')}\n`;
  if (rest.length) {
    text += `  not done: ${rest.join(', ')}\n`;
    text += `  ${rest[0]} was in flight and may have gone through: a re-run looks for it before posting.\n`;
    text += 'Run the same command again to finish; it repeats nothing already done.\n';
  }
  return text;
}

export function startProgress(deps: Pick<Deps, 'stderr' | 'onInterrupt'>, opts: ProgressOptions): Progress {
  const done = new Set<string>();
  const tty = opts.enabled && Boolean(deps.stderr.isTTY);
  let frame = 0;
  let ended = false;
  let last = '';
  // One status line, replaced as each action completes; the final report prints every line once.
  const counter = () =>
    `${FRAMES[frame % FRAMES.length]} ${opts.verb} ${Math.min(done.size + 1, opts.items.length)}/${opts.items.length}${last ? ` · last: ${last}` : ''}`.slice(
      0,
      Math.max(20, (deps.stderr.columns ?? 80) - 1),
    );
  const draw = () => {
    if (tty && !ended) deps.stderr.write(`\r\u001b[2K${counter()}`);
  };
  const clear = () => {
    if (tty) deps.stderr.write('\r\u001b[2K');
  };
  const timer = tty ? setInterval(() => (frame++, draw()), 80) : undefined;
  timer?.unref?.();
  draw();
  const finish = () => {
    if (ended) return;
    ended = true;
    if (timer) clearInterval(timer);
    clear();
    off?.();
  };
  const off = deps.onInterrupt?.(() => {
    finish();
    deps.stderr.write(interruptSummary(opts.items, done));
  });
  return {
    completed(item, line) {
      done.add(item);
      last = line;
      draw();
    },
    end: finish,
  };
}
