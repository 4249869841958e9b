import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const syncCommand = () =>
  new Command('sync')
    .description('send the inquiries waiting in the outbox, each exactly once')
    .option('--dry-run', 'list what would be sent')
    .addHelpText('after', examples('visit-sre sync', 'visit-sre sync --dry-run --json'));
export type SyncOptions = OptionsOf<typeof syncCommand>;
