import { Command, examples, oneDiscussionFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const resolveCommand = () =>
  oneDiscussionFlags(
    new Command('resolve')
      .argument('<number>')
      .description('mark the answer (a reply gets a linking top-level comment), or close as wontfix')
      .option('--answer <comment-url>', 'the comment or reply that answers it')
      .option('--workaround', 'the answer is a short-term constructive correction; `promote` records the lasting fix')
      .option('--wontfix', 'post a closing comment, mark it as the answer, add the wontfix label')
      .option('--message <text>', 'the closing comment for --wontfix'),
  ).addHelpText(
    'after',
    examples(
      'visit-sre resolve 4321 --answer https://github.com/visit-dav/visit/discussions/4321#discussioncomment-99',
      'visit-sre resolve 4321 --answer https://github.com/visit-dav/visit/discussions/4321#discussioncomment-99 --workaround',
      'visit-sre resolve 4321 --wontfix --dry-run',
    ),
  );
export type ResolveOptions = OptionsOf<typeof resolveCommand>;
