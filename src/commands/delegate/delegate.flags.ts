import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const delegateCommand = () =>
  new Command('delegate')
    .description('hand the Primary role to someone (default: the Backup) for a while, announced on the desk thread')
    .option('--to <login>', 'who acts as Primary (default: the Backup on duty)')
    .option('--from <when>', 'when the delegation starts (default: now)')
    .option('--until <when>', 'when it ends (at the latest, with your shift)')
    .option('--dry-run', 'print exactly what would be posted; change nothing')
    .addHelpText(
      'after',
      examples('visit-sre delegate --until +4h', 'visit-sre delegate --to alan-turing --from 2026-12-01T13:00 --until 2026-12-01T17:00') +
        '\nA delegation that overlaps another for the same shift replaces it.\n',
    );
export type DelegateOptions = OptionsOf<typeof delegateCommand>;
