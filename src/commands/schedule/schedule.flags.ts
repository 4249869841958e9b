import { Command, Option, examples } from '../../shell/commandKit.js';
import type { OptionsOf } from '../../shell/commandKit.js';

export const generateCommand = () =>
  new Command('generate')
    .description('plan the rotation by percent-time and write it as iCal')
    .requiredOption('--start <date>', 'the first Monday to plan')
    .requiredOption('--weeks <n>', 'how many weeks to plan')
    .option('--out <file>', 'where to write ("-" for stdout; default: the configured rotation)')
    .option('--merge', 'edit the existing calendar: replace only the shifts of the generated weeks, keep every other event')
    .option('--force', 'replace an existing file')
    .option('--dry-run', 'show the planned weeks and shares instead of writing the calendar')
    .addOption(
      new Option('--format <format>', 'with --dry-run: table (the default) or ics (the raw calendar)').choices(['table', 'ics'] as const),
    )
    .addHelpText(
      'after',
      examples(
        'visit-sre schedule generate --start 2027-01-04 --weeks 13 --dry-run',
        'visit-sre schedule generate --start 2027-01-04 --weeks 13 --dry-run --format ics',
        'visit-sre schedule generate --start "next week" --weeks 8 --merge',
        'visit-sre schedule generate --start monday --weeks 26 --out - > rotation.ics',
      ),
    );
export type GenerateOptions = OptionsOf<typeof generateCommand>;

export const checkCommand = () =>
  new Command('check')
    .description('gaps, overlaps, Primary = Backup, unknown people, unavailability, share against percent-time')
    .option('--from <date>', 'start of the range (default: this Monday)')
    .option('--to <date>', 'end of the range, exclusive (default: 13 weeks after --from)')
    .option('--calendar <file>', 'check this .ics file or URL instead of the configured rotation')
    .option('--fail-on-problems', 'exit 8 when any problem is found (for CI)')
    .addHelpText(
      'after',
      examples('visit-sre schedule check', 'visit-sre schedule check --from 2027-01-04 --to 2027-04-05 --fail-on-problems'),
    );
export type CheckOptions = OptionsOf<typeof checkCommand>;

export const swapCommand = () =>
  new Command('swap')
    .description("change one week's Primary or Backup (on a calendar visit-sre did not write: propose it on the desk thread)")
    .option('--week <date>', 'any day of the week to change')
    .option('--role <role>', 'primary or backup')
    .option('--with <login>', 'who takes the shift')
    .option('--accept', 'take the swap proposed to you on the desk thread (--week and --role narrow it)')
    .option('--out <file>', 'write the changed calendar here instead of in place')
    .option('--force', 'make a swap that breaks a constraint; replace an existing --out file')
    .option('--dry-run', 'print the change (week, role, before, after) and the announcement; change nothing')
    .addHelpText(
      'after',
      examples(
        'visit-sre schedule swap --week 2026-12-07 --role primary --with alan-turing',
        'visit-sre schedule swap --week "next week" --role backup --with @grace-hopper --dry-run',
        'visit-sre schedule swap --accept',
      ),
    );
export type SwapOptions = OptionsOf<typeof swapCommand>;
