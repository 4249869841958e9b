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
    .option('--incident', 'mark a serious incident: a note on the discussion and the desk thread, @mentioning incident.notify')
    .option('--link <url>', "the incident's postmortem is published here: the board and the handoff summary stop listing it")
    .addHelpText(
      'after',
      examples(
        'visit-sre postmortem 4321',
        'visit-sre postmortem 4321 --template docs/pm-template.md --out pm.md',
        'visit-sre postmortem 4321 --incident                # for the next project meeting',
        'visit-sre postmortem 4321 --link https://github.com/visit-dav/visit/wiki/PM-4321',
      ),
    );
export type PostmortemOptions = OptionsOf<typeof postmortemCommand>;
