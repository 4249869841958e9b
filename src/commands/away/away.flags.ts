import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const awayCommand = () =>
  new Command('away')
    .description('tell the team, on the desk thread, that you will be away from your desk (the Backup acts for an away Primary)')
    .option('--from <when>', 'when you leave (default: now)')
    .option('--until <when>', 'when you are back')
    .option('--note <text>', 'a short note for the team')
    .option('--as <login>', "post for this team member (default: you, the token's user)")
    .option('--cancel', 'withdraw your latest away notice')
    .option('--dry-run', 'print exactly what would be posted; change nothing')
    .addHelpText(
      'after',
      `${examples(
        'visit-sre away --until +3h --note "dentist"',
        'visit-sre away --from 2026-12-04T11:00 --until 2026-12-07T10:00',
        'visit-sre away --cancel',
      )}\nNeeds "desk": { "thread": "OWNER/NAME#NUMBER" } in the config.\n`,
    );
export type AwayOptions = OptionsOf<typeof awayCommand>;
