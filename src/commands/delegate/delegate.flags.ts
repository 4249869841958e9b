import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const delegateCommand = () =>
  new Command('delegate')
    .description('propose that someone (default: the Backup) act as Primary for a while; it takes effect when they accept')
    .option('--to <login>', 'who is asked to act as Primary (default: the Backup on duty)')
    .option('--from <when>', 'when the delegation starts (default: now)')
    .option('--until <when>', 'when it ends (at the latest, with your shift)')
    .option('--accept', 'accept the latest proposal addressed to you: from then on you act as Primary')
    .option('--decline', 'refuse the latest proposal addressed to you')
    .option('--cancel', 'end the latest delegation you are part of (as Primary or delegate), at once')
    .option('--dry-run', 'print exactly what would be posted; change nothing')
    .addHelpText(
      'after',
      `${examples(
        'visit-sre delegate --until +4h                       # the Primary proposes, to the Backup',
        'visit-sre delegate --to alan-turing --from 2026-12-01T13:00 --until 2026-12-01T17:00',
        'visit-sre delegate --accept                          # the delegate agrees; now it takes effect',
        'visit-sre delegate --cancel                          # either of them gives the role back',
      )}
Only the acting Primary may propose; nothing changes until the delegate accepts.
Once accepted, a delegation replaces an earlier one of the same shift that it overlaps.
`,
    );
export type DelegateOptions = OptionsOf<typeof delegateCommand>;
