import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const initCommand = () =>
  new Command('init')
    .description('write visit-sre.config.json, asking a few questions on a terminal')
    .option('--repository <owner/name>', 'repository whose discussions hold the inquiries')
    .option('--categories <slugs>', 'comma-separated discussion categories in scope (empty: all)')
    .option('--label <label>', 'only discussions with this label are in scope')
    .option('--product-repository <owner/name>', 'repository for promoted issues')
    .option('--time-zone <zone>', 'IANA time zone of the team')
    .option('--rotation <path-or-url>', 'the shared rotation calendar (.ics)')
    .option('--team <path>', 'team file (JSON array of members)')
    .option('--country <code>', 'ISO 3166 country whose public holidays apply ("none" for none; default: from the time zone)')
    .option('--region <code>', "the country's region whose holidays apply too, such as CA")
    .option('--holidays <dates>', "the organisation's own holidays, comma-separated YYYY-MM-DD")
    .option('--out <file>', 'where to write', 'visit-sre.config.json')
    .option('--force', 'overwrite an existing file')
    .option('--dry-run', 'print the config instead of writing it')
    .addHelpText(
      'after',
      examples('visit-sre init', 'visit-sre init --repository my-org/my-app --categories q-a --time-zone Europe/Berlin --dry-run'),
    );
export type InitOptions = OptionsOf<typeof initCommand>;
