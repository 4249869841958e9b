import { createRequire } from 'node:module';
import type * as Typed from '@commander-js/extra-typings';
import type { Context } from './context.js';
import type { Outcome } from './errors.js';
import type { GlobalFlags } from './output.js';

/**
 * commander's CommonJS runtime (it loads faster than the ESM wrapper) under
 * extra-typings' types: a command's one declaration gives both its flags and
 * the type of the options its run function receives.
 */
const require = createRequire(import.meta.url);
export const { Command, Option } = require('commander') as typeof Typed;
export type AnyCommand = Typed.Command<any[], any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The options type of a declaration such as `whoCommand`. */
export type OptionsOf<F extends () => AnyCommand> = ReturnType<ReturnType<F>['opts']>;

export type Runner = (
  action: (ctx: Context) => Promise<Outcome | void>,
  flags: GlobalFlags,
  opts?: { readConfig?: boolean },
) => Promise<void>;

export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/** Every writer takes these (docs/reference.md). */
export function writerFlags<A extends unknown[], O extends Typed.OptionValues>(cmd: Typed.Command<A, O>) {
  return cmd
    .option('--dry-run', 'print exactly what would be posted; change nothing')
    .option('--effort <duration>', 'time spent, recorded in the marker (90m, 1.5h, 2h30m)');
}

/** A writer acting on one discussion, which may lie outside the configured scope. */
export function oneDiscussionFlags<A extends unknown[], O extends Typed.OptionValues>(cmd: Typed.Command<A, O>) {
  return writerFlags(cmd).option('--force', 'act on a discussion outside the configured scope without asking');
}

/**
 * Binds a declared command to its run function, imported only when the
 * command runs: positional arguments, then the options, then the context.
 */
export function runs<A extends unknown[], O extends Typed.OptionValues>(
  cmd: Typed.Command<A, O>,
  run: Runner,
  load: () => Promise<(...args: [...A, O, Context]) => Promise<Outcome | void>>,
  how: { readConfig?: boolean; adapt?: (args: A, opts: O, flags: GlobalFlags) => { args: A; opts: O; flags: GlobalFlags } } = {},
): Typed.Command<A, O> {
  return cmd.action(async (...all) => {
    const self = all.at(-1) as Typed.Command<A, O>;
    let args = all.slice(0, -2) as unknown as A;
    let opts = all.at(-2) as O;
    let flags = self.optsWithGlobals() as GlobalFlags;
    if (how.adapt) ({ args, opts, flags } = how.adapt(args, opts, flags));
    const fn = await load();
    await run((ctx) => fn(...args, opts, ctx), flags, { readConfig: how.readConfig });
  });
}
