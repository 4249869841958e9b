import { Command, Option, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

/** Without --format, a terminal gets the table and everything else (cron mail) the text report. */
export const OVERDUE_FORMATS = ['table', 'text', 'tsv', 'markdown', 'json'] as const;

export const overdueCommand = () =>
  new Command('overdue')
    .description('the cron report: overdue, due-soon and stale discussions')
    .addOption(
      new Option('--format <format>', 'the report: table on a terminal, text otherwise (cron mail), tsv rows, markdown or json').choices(
        OVERDUE_FORMATS,
      ),
    )
    .option('--quiet', 'print nothing when nothing is overdue or stale (so cron sends no mail)')
    .option('--fail-on-overdue', 'exit 8 when anything is overdue')
    .option('--close-stale', 'resolve the stale discussions as wontfix (asks first; --yes without a terminal)')
    .option('-y, --yes', 'do not ask before closing')
    .option('--dry-run', 'print the closing comments instead of posting them')
    .option('--effort <duration>', 'time spent, recorded in the markers (90m, 1.5h)')
    .addHelpText(
      'after',
      examples(
        'visit-sre overdue',
        'visit-sre overdue --quiet --fail-on-overdue      # for cron',
        'visit-sre overdue --format markdown > report.md',
        "visit-sre overdue --jq '.overdue[].url'",
        'visit-sre overdue --close-stale --dry-run',
      ) +
        '\nPiped output (and cron mail): a plain-text report. --format tsv: one row per item, tab-separated:\nKIND NUMBER OWNER DUE|LAST-USER-ACTIVITY HOURS|DAYS TITLE URL.\n',
    );
export type OverdueOptions = OptionsOf<typeof overdueCommand>;
