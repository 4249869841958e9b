import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const postmortemCommand = () =>
  new Command('postmortem')
    .argument('<number>')
    .description('write a markdown postmortem of a discussion: timeline, business-hour delays, effort, sections to fill')
    .option('--out <file>', 'where to write (default: postmortems/YYYY-MM-DD-NUMBER-slug.md)')
    .option('--template <file>', 'a template instead of the configured or shipped one')
    .option('--force', 'replace an existing file')
    .option('--dry-run', 'print the postmortem instead of writing it')
    .addHelpText('after', examples('visit-sre postmortem 4321', 'visit-sre postmortem 4321 --template docs/pm-template.md --out pm.md'));
export type PostmortemOptions = OptionsOf<typeof postmortemCommand>;
