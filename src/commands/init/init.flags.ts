import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const initCommand = () =>
  new Command('init')
    .description('write visit-sre.config.json, asking a few questions on a terminal')
    .option('--repository <owner/name>', 'repository whose discussions hold the inquiries')
    .option('--categories <slugs>', 'comma-separated discussion categories in scope (empty: all)')
    .option('--label <label>', 'the SRE label: only discussions with it are in scope (default: none)')
    .option('--label-new', 'with --label and a desk thread: notify adds the label to in-category discussions that lack it')
    .option('--product-repository <owner/name>', 'repository for promoted issues')
    .option('--time-zone <zone>', 'IANA time zone of the team')
    .option('--rotation <path-or-url>', 'the shared rotation calendar (.ics)')
    .option('--team <path>', 'team file (JSON array of members)')
    .option('--members <list>', 'write the team file from these, when it does not exist: "login Full Name, login Full Name"')
    .option('--experienced <logins>', 'with --members: who may back up a newcomer, comma-separated ("none" for nobody; default: all)')
    .option('--desk-thread <ref>', 'the duty desk: an issue or discussion NUMBER (in --repository), its URL, or OWNER/NAME#NUMBER')
    .option('--country <code>', 'ISO 3166 country whose public holidays apply ("none" for none; default: from the time zone)')
    .option('--region <code>', "the country's region whose holidays apply too, such as CA")
    .option('--holidays <dates>', "the organisation's own holidays, comma-separated YYYY-MM-DD")
    .option('--check-token', 'ask GitHub whose the token is (on a terminal init offers to)')
    .option('--out <file>', 'where to write', 'visit-sre.config.json')
    .option('--force', 'overwrite an existing file')
    .option('--dry-run', 'print the config instead of writing it')
    .addHelpText(
      'after',
      `\nThe token is found as every command finds it (GH_TOKEN, GITHUB_TOKEN, \`gh auth token\`) and never printed.\n${examples(
        'visit-sre init',
        'visit-sre init --repository my-org/my-app --categories q-a --time-zone Europe/Berlin --dry-run',
        'visit-sre init --repository my-org/my-app --label sre --desk-thread 42 --members "ada-lovelace Ada Lovelace, alan-turing Alan Turing"',
      )}`,
    );
export type InitOptions = OptionsOf<typeof initCommand>;
