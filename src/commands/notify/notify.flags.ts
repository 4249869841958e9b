import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const notifyCommand = () =>
  new Command('notify')
    .description('the duty desk: tell the right people once, by @mention in the desk thread, and keep its board current')
    .option('--dry-run', 'print the comment and the board that would be written; change nothing')
    .option('--fail-on-overdue', 'exit 8 when anything is overdue')
    .addHelpText(
      'after',
      `${examples(
        'visit-sre notify                       # every 15 minutes, from a scheduled workflow or cron',
        'visit-sre notify --dry-run',
        'visit-sre notify --verbose             # also says what the run cost in GitHub GraphQL points',
        'visit-sre notify --json | jq \'.notifications[] | select(.status == "done")\'',
      )}\nNeeds "desk": { "thread": "OWNER/NAME#NUMBER" } in the config. Whom to tell and when: "escalation".\nA run after an earlier one on this machine (or runner, with the Action's cache) reads only what changed.\n`,
    );
export type NotifyOptions = OptionsOf<typeof notifyCommand>;
