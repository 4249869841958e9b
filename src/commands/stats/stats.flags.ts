import { Command, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const statsCommand = () =>
  new Command('stats')
    .description("the team's support record: volume, first-response time in business hours, resolution, load, effort")
    .option('--since <date>', 'first day (default: the Monday 13 weeks ago)')
    .option('--until <date>', 'day after the last (exclusive; default: tomorrow)')
    .option('--format <format>', 'table, json, markdown, or one row per inquiry: csv, jsonl', 'table')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .option('--force', 'replace an existing --html file')
    .option('--dry-run', 'compute everything, write no --html file')
    .addHelpText(
      'after',
      examples(
        'visit-sre stats',
        'visit-sre stats --since 2026-01-01 --until 2027-01-01 --json',
        'visit-sre stats --since "last week" --format markdown',
        'visit-sre stats --html report.html',
        'visit-sre stats --format csv > support.csv',
      ) +
        "\nUnlike github/issue-metrics, which counts the first comment by anyone in wall-clock time, this counts the team's\nfirst human response (bots and bookkeeping comments do not count), in business hours, minus holidays.\n",
    );
export type StatsOptions = OptionsOf<typeof statsCommand>;
