import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const viewCommand = () =>
  new Command('view')
    .argument('<number>')
    .description('one discussion in brief: state, owner, clock, what the team did, the last messages, its link')
    .option('--web', 'open the discussion in the browser instead')
    .option('--messages <n>', 'how many of the latest messages to show', '3')
    .addHelpText('after', examples('visit-sre view 4321', 'visit-sre view 4321 --web', 'visit-sre view 4321 --json events'));
export type ViewOptions = OptionsOf<typeof viewCommand>;
