import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const whoCommand = () =>
  new Command('who')
    .description('the Primary and the Backup at an instant, and the next shifts')
    .option('--at <when>', 'the instant to ask about: ISO-8601, now, today, tomorrow, monday, next week, +2d', 'now')
    .option('-n, --next <n>', 'also list the next N shifts', '0')
    .option('--calendar <file>', 'read this .ics file or URL instead of the configured rotation')
    .addHelpText(
      'after',
      `${examples(
        'visit-sre who',
        'visit-sre who --at "next week" --next 3',
        'visit-sre who --calendar schedules/rotation.ics --json',
        "visit-sre who | awk '$1 == \"primary\" { print $2 }'   # the Primary's login",
      )}\nPiped output: one row per person, tab-separated: ROLE LOGIN NAME START END (times in UTC).\n`,
    );
export type WhoOptions = OptionsOf<typeof whoCommand>;
