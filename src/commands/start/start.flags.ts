import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const startCommand = () =>
  new Command('start')
    .description('the shift-start briefing: your role, handed-off and urgent discussions, holidays, idle-time issues')
    .option('--as <login>', "brief this developer (default: the token's user)")
    .option('--mine', 'only what you own and what was handed to you')
    .option('--limit <n>', 'how many of the queue to list (0: all)', '10')
    .option('--web', "open the repository's discussions in the browser instead")
    .addHelpText(
      'after',
      examples('visit-sre start', 'visit-sre start --mine --limit 5', 'visit-sre start --web', 'visit-sre start --as ada-lovelace --json'),
    );
export type StartOptions = OptionsOf<typeof startCommand>;
