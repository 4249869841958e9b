import { Command, examples, oneDiscussionFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';
import { UsageError } from '../../core/errors.js';

export const escalateCommand = () =>
  oneDiscussionFlags(
    new Command('escalate')
      .argument('[number]')
      .description('ask the Backup on duty (or the given developers) for help, by @mention')
      .option('--to <logins...>', 'who to ask (default: the Backup; a second escalation proposes others)')
      .option('--reason <text>', 'what you need from them'),
  ).addHelpText(
    'after',
    examples('visit-sre escalate 4321', 'visit-sre escalate 4321 --to grace-hopper alan-turing --reason "Silo plugin internals"'),
  );
export type EscalateOptions = OptionsOf<typeof escalateCommand>;

/** `--to a b 101`: the list took the number; give it back, or say how to write it. */
export function numberAfterLogins(number: string | undefined, opts: EscalateOptions): { number: string; opts: EscalateOptions } {
  const to = opts.to ? [...opts.to] : undefined;
  if (number === undefined && to && to.length > 1 && /^#?\d+$/.test(to.at(-1)!)) number = to.pop();
  if (number === undefined)
    throw new UsageError('missing the discussion number', 'write it first: visit-sre escalate 4321 --to grace-hopper alan-turing');
  return { number, opts: { ...opts, to } };
}
