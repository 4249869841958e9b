import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const claimCommand = () =>
  new Command('claim')
    .argument('[number]', 'the classified inquiry, as numbered on the desk thread')
    .description('take a classified inquiry asked for on the desk thread (the only open one without a number)')
    .option('--as <login>', "claim for this team member (default: you, the token's user)")
    .option('--dry-run', 'print exactly what would be posted; change nothing')
    .addHelpText(
      'after',
      examples('visit-sre claim 3', 'visit-sre claim') +
        '\nThe request and the claim carry no content: the inquiry is handed over off GitHub.\n',
    );
export type ClaimOptions = OptionsOf<typeof claimCommand>;
