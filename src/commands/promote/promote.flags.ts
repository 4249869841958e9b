import { Command, examples, oneDiscussionFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const promoteCommand = () =>
  oneDiscussionFlags(
    new Command('promote')
      .argument('<number>')
      .description('create a product issue that links back to the discussion (or add to a known one)')
      .option('--repo <owner/name>', 'the product repository (default: productRepository)')
      .option('--title <title>', 'the issue title (default: the discussion title)')
      .option('--known <issue>', "add the discussion's summary to this issue and remove its reviewed label")
      .option('--search [words...]', "search the product's open issues for the title's words (or these): is it a known issue?")
      .option('--keep-open', 'leave the discussion unresolved (by default its link comment becomes the answer)'),
  ).addHelpText(
    'after',
    examples(
      'visit-sre promote 4321 --search                     # then add to one, or create a new one, on a terminal',
      'visit-sre promote 4321 --search silo nan fill --json',
      'visit-sre promote 4321 --title "Silo reader: support NaN fill values"',
      'visit-sre promote 4321 --known 19876',
    ),
  );
export type PromoteOptions = OptionsOf<typeof promoteCommand>;
