import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const effortCommand = () =>
  new Command('effort')
    .argument('<number-or-duration>', 'the discussion (or, with --housekeeping, the duration)')
    .argument('[duration]', 'the time spent: 45m, 1.5h, 2h30m')
    .description('record effort after the fact: on a discussion (a bookkeeping comment), or housekeeping in the local journal')
    .option('--note <text>', 'what the time went on')
    .option('--at <when>', 'when the work was done (default: now)')
    .option('--housekeeping', 'work for no discussion: recorded in the local journal only')
    .option('--as <login>', 'with --housekeeping: who did it (default: unnamed)')
    .option('--dry-run', 'print exactly what would be recorded; change nothing')
    .addHelpText(
      'after',
      `${examples(
        'visit-sre effort 4321 45m --note "reproduced with the user\'s file"',
        'visit-sre effort 4321 1h30m --at yesterday',
        'visit-sre effort --housekeeping 2h --note "cleaned up the FAQ"',
      )}\nA comment typed on GitHub records effort too: a line of its own such as \`Effort: 45m\`, by a team member.\n`,
    );
export type EffortOptions = OptionsOf<typeof effortCommand>;
