import { Command, examples, writerFlags } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const handoffCommand = () =>
  writerFlags(
    new Command('handoff')
      .description("end of week: hand the outgoing Primary's unresolved discussions to the next Primary")
      .option('--to <login>', 'the next Primary (default: from the rotation)')
      .option('--backup <login>', 'the next Backup (default: from the rotation)')
      .option('--from <login>', 'the outgoing Primary (default: the shift in progress)')
      .option('--keep <numbers...>', 'discussions the outgoing Primary keeps')
      .option('-y, --yes', 'do not ask before posting'),
  ).addHelpText(
    'after',
    examples('visit-sre handoff --dry-run', 'visit-sre handoff --keep 4321 4400 --yes', 'visit-sre handoff --json --yes > handoff.json'),
  );
export type HandoffOptions = OptionsOf<typeof handoffCommand>;
