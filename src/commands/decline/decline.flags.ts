import { Command, examples, oneDiscussionFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const declineCommand = () =>
  oneDiscussionFlags(
    new Command('decline')
      .argument('<number>')
      .description('decline (or defer) a discussion an escalation asked you to help with, telling the acting Primary')
      .option('--reason <text>', 'why, for the Primary')
      .option('--until <when>', 'defer instead: you can help from then on'),
  ).addHelpText(
    'after',
    `${examples(
      'visit-sre decline 4321 --reason "on a deadline this week"',
      'visit-sre decline 4321 --until "next week"',
      'visit-sre decline 4321 --dry-run',
    )}
Posts one comment in the discussion @mentioning the acting Primary. A later
\`visit-sre escalate\` without --to does not propose you for it (until --until).
`,
  );
export type DeclineOptions = OptionsOf<typeof declineCommand>;
