import { createRequire } from 'node:module';
import type { Command as CommandType } from 'commander';
import type { Deps } from './deps.js';
import type { GlobalFlags } from './output.js';
import type { Context } from './context.js';
import type { Outcome } from './errors.js';

// commander's CommonJS entry loads faster than its ESM wrapper; --help pays for nothing else.
const require = createRequire(import.meta.url);
const { Command } = require('commander') as typeof import('commander');
const { version } = require('../../package.json') as { version: string };

const EXIT_CODES = `
Exit codes:
  0  success, including "nothing found"
  1  operational failure: network, GitHub, file I/O
  2  usage or input error: bad flag or value, invalid config, malformed calendar
  4  authentication: no token, bad token, missing permission
  8  problems found, when asked to fail on them
  130 interrupted`;

/** The first word of argv that is not an option or an option's value. */
function firstCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (['--config', '--jq', '-R', '--repo'].includes(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

/**
 * Declares every command and its flags. Actions import their command module
 * only when they run, so `--help` loads commander and nothing else.
 */
export type Runner = (action: (ctx: Context) => Promise<Outcome | void>, flags: GlobalFlags, opts?: { readConfig?: boolean }) => Promise<void>;

export function buildProgram(deps: Deps, run: Runner, argv: readonly string[] = []): CommandType {
  const program = new Command('visit-sre')
    .description('The support-duty companion: who is on duty, what is due, and by when, in business hours.')
    .version(version, '-V, --version')
    .option('--config <path>', 'config file (default: ./visit-sre.config.json, searched upward, then $XDG_CONFIG_HOME/visit-sre/config.json)')
    .option('--json', 'machine-readable output on stdout; --json FIELDS keeps only those fields (number,url)')
    .option('--jq <expr>', 'filter the JSON output with a jq expression (implies --json)')
    .option('-R, --repo <owner/name>', 'the discussions\' repository instead of the configured one (for promote: the product repository)')
    .option('--no-color', 'no colour, even on a terminal')
    .option('--verbose', 'requests, timings and stack traces on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', `${examples('visit-sre who --next 4', 'visit-sre start', 'visit-sre overdue --quiet --fail-on-overdue    # from cron', 'visit-sre handoff --dry-run', 'visit-sre log-call --via hotline', 'visit-sre schedule generate --start monday --weeks 13 --dry-run')}${EXIT_CODES}\n`)
    .configureOutput({
      writeOut: (s) => void deps.stdout.write(s),
      writeErr: (s) => void deps.stderr.write(s),
    })
    .exitOverride();

  const globals = (cmd: CommandType): GlobalFlags => cmd.optsWithGlobals() as GlobalFlags;

  const writer = (cmd: CommandType) =>
    cmd.option('--dry-run', 'print exactly what would be posted; change nothing').option('--effort <duration>', 'time spent, recorded in the marker (90m, 1.5h, 2h30m)');

  /** A writer acting on one discussion, which may lie outside the configured scope. */
  const oneDiscussion = (cmd: CommandType) => writer(cmd).option('--force', 'act on a discussion outside the configured scope without asking');

  const define: Array<[string, () => void]> = [
    ['who', () => {
    program
      .command('who')
      .description('the Primary and the Backup at an instant, and the next shifts')
      .option('--at <when>', 'the instant to ask about: ISO-8601, now, today, tomorrow, monday, next week, +2d', 'now')
      .option('-n, --next <n>', 'also list the next N shifts', '0')
      .option('--calendar <file>', 'read this .ics file or URL instead of the configured rotation')
      .addHelpText(
        'after',
        examples(
          'visit-sre who',
          'visit-sre who --at "next week" --next 3',
          'visit-sre who --calendar schedules/rotation.ics --json',
          "visit-sre who | awk '$1 == \"primary\" { print $2 }'   # the Primary's login",
        ) + '\nPiped output: one row per person, tab-separated: ROLE LOGIN NAME START END (times in UTC).\n',
      )
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/who.js')).runWho(opts, ctx), globals(cmd));
      });
    }],
    ['init', () => {
    program
      .command('init')
      .description('write visit-sre.config.json, asking a few questions on a terminal')
      .option('--repository <owner/name>', 'repository whose discussions hold the inquiries')
      .option('--categories <slugs>', 'comma-separated discussion categories in scope (empty: all)')
      .option('--label <label>', 'only discussions with this label are in scope')
      .option('--product-repository <owner/name>', 'repository for promoted issues')
      .option('--time-zone <zone>', 'IANA time zone of the team')
      .option('--rotation <path-or-url>', 'the shared rotation calendar (.ics)')
      .option('--team <path>', 'team file (JSON array of members)')
      .option('--out <file>', 'where to write', 'visit-sre.config.json')
      .option('--force', 'overwrite an existing file')
      .option('--dry-run', 'print the config instead of writing it')
      .addHelpText('after', examples('visit-sre init', 'visit-sre init --repository my-org/my-app --categories q-a --time-zone Europe/Berlin --dry-run'))
      .action(async (opts, cmd: CommandType) => {
        // init writes the config, so a broken existing one must not stop it.
        await run(async (ctx) => (await import('./commands/init.js')).runInit(opts, ctx), globals(cmd), { readConfig: false });
      });
    }],
    ['overdue', () => {
    program
      .command('overdue')
      .description('the cron report: overdue, due-soon and stale discussions')
      .option('--format <format>', 'table, text, tsv, markdown or json (default: table on a terminal, text otherwise)')
      .option('-q, --quiet', 'print nothing when nothing is overdue or stale (so cron sends no mail)')
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
          "visit-sre overdue --json | jq '.overdue[].url'",
          'visit-sre overdue --close-stale --dry-run',
        ) + '\nPiped output (and cron mail): a plain-text report. --format tsv: one row per item, tab-separated:\nKIND NUMBER OWNER DUE|LAST-USER-ACTIVITY HOURS|DAYS TITLE URL.\n',
      )
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/overdue.js')).runOverdue(opts, ctx), globals(cmd));
      });
    }],
    ['start', () => {
    program
      .command('start')
      .description('the shift-start briefing: your role, handed-off and urgent discussions, holidays, idle-time issues')
      .option('--as <login>', 'brief this developer (default: the token\'s user)')
      .addHelpText('after', examples('visit-sre start', 'visit-sre start --as ada-lovelace --json'))
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/start.js')).runStart(opts, ctx), globals(cmd));
      });
    }],
    ['view', () => {
    program
      .command('view <number>')
      .description("one discussion in brief: state, owner, clock, what the team did, the last messages, its link")
      .option('--web', 'open the discussion in the browser instead')
      .option('--messages <n>', 'how many of the latest messages to show', '3')
      .addHelpText('after', examples('visit-sre view 4321', 'visit-sre view 4321 --web', 'visit-sre view 4321 --json events'))
      .action(async (number: string, opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/view.js')).runView(number, opts, ctx), globals(cmd));
      });
    }],
    ['doctor', () => {
    program
      .command('doctor')
      .description('check config, token, GitHub access, categories, labels, calendar coverage and outbox')
      .addHelpText('after', examples('visit-sre doctor', 'visit-sre doctor --json'))
      .action(async (_opts, cmd: CommandType) => {
        // doctor reports a broken config as a failed check instead of stopping at it.
        await run(async (ctx) => (await import('./commands/doctor.js')).runDoctor(ctx), globals(cmd), { readConfig: false });
      });
    }],
    ['handoff', () => {
    writer(
      program
        .command('handoff')
        .description("end of week: hand the outgoing Primary's unresolved discussions to the next Primary")
        .option('--to <login>', 'the next Primary (default: from the rotation)')
        .option('--backup <login>', 'the next Backup (default: from the rotation)')
        .option('--from <login>', 'the outgoing Primary (default: the shift in progress)')
        .option('--keep <numbers...>', 'discussions the outgoing Primary keeps')
        .option('-y, --yes', 'do not ask before posting'),
    )
      .addHelpText('after', examples('visit-sre handoff --dry-run', 'visit-sre handoff --keep 4321 4400 --yes', 'visit-sre handoff --json --yes > handoff.json'))
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/handoff.js')).runHandoff(opts, ctx), globals(cmd));
      });
    }],
    ['escalate', () => {
    oneDiscussion(
      program
        .command('escalate [number]')
        .description('ask the Backup on duty (or the given developers) for help, by @mention')
        .option('--to <logins...>', 'who to ask (default: the Backup; a second escalation proposes others)')
        .option('--reason <text>', 'what you need from them'),
    )
      .addHelpText('after', examples('visit-sre escalate 4321', 'visit-sre escalate 4321 --to grace-hopper alan-turing --reason "Silo plugin internals"'))
      .action(async (number: string | undefined, opts, cmd: CommandType) => {
        // `--to a b 101`: the list took the number; give it back.
        const to: string[] | undefined = opts.to;
        if (number === undefined && to && to.length > 1 && /^#?\d+$/.test(to.at(-1)!)) number = to.pop();
        if (number === undefined) cmd.error('error: missing the discussion number\nwrite it first: visit-sre escalate 4321 --to grace-hopper alan-turing', { exitCode: 2, code: 'commander.missingArgument' });
        await run(async (ctx) => (await import('./commands/escalate.js')).runEscalate(number!, opts, ctx), globals(cmd));
      });
    }],
    ['resolve', () => {
    oneDiscussion(
      program
        .command('resolve <number>')
        .description('mark the answer (a reply gets a linking top-level comment), or close as wontfix')
        .option('--answer <comment-url>', 'the comment or reply that answers it')
        .option('--wontfix', 'post a closing comment, mark it as the answer, add the wontfix label')
        .option('--message <text>', 'the closing comment for --wontfix'),
    )
      .addHelpText('after', examples('visit-sre resolve 4321 --answer https://github.com/visit-dav/visit/discussions/4321#discussioncomment-99', 'visit-sre resolve 4321 --wontfix --dry-run'))
      .action(async (number: string, opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/resolve.js')).runResolve(number, opts, ctx), globals(cmd));
      });
    }],
    ['promote', () => {
    oneDiscussion(
      program
        .command('promote <number>')
        .description('create a product issue that links back to the discussion (or add to a known one)')
        .option('--repo <owner/name>', 'the product repository (default: productRepository)')
        .option('--title <title>', 'the issue title (default: the discussion title)')
        .option('--known <issue>', "add the discussion's summary to this issue and remove its reviewed label"),
    )
      .addHelpText('after', examples('visit-sre promote 4321 --title "Silo reader: support NaN fill values"', 'visit-sre promote 4321 --known 19876'))
      .action(async (number: string, opts, cmd: CommandType) => {
        // The global -R/--repo takes `promote --repo` too: here it names the product repository, as SPEC §6 has it.
        const { repo, ...flags } = globals(cmd);
        await run(async (ctx) => (await import('./commands/promote.js')).runPromote(number, { ...opts, repo: opts.repo ?? repo }, ctx), flags);
      });
    }],
    ['log-call', () => {
    writer(
      program
        .command('log-call')
        .description('record a hotline call, walk-in, email or hallway question as a discussion (or, classified, only in the local journal)')
        .option('--via <method>', 'hotline, walk-in, email, chat, hallway or other')
        .option('--customer <who>', 'the customer as given, e.g. "Jane Smith <jane@lab.gov>" (public on GitHub!)')
        .option('--customer-private', 'keep only the customer\'s initials')
        .option('--title <title>', 'the discussion title')
        .option('--body <text>', 'what they asked')
        .option('--body-file <file>', 'what they asked, from a file ("-" for standard input)')
        .option('--at <when>', 'when the contact happened (default: now)')
        .option('--classified', 'keep everything off GitHub: journal the contact only, and name who has access')
        .option('--needed-by <when>', 'with --classified: when the customer needs an answer'),
    )
      .addHelpText(
        'after',
        examples(
          'visit-sre log-call                                   # asks, on a terminal',
          'visit-sre log-call --via hotline --customer "Jane Smith" --customer-private --title "Silo files from 2.x" --body "..." --effort 20m',
          'visit-sre log-call --via walk-in --classified --needed-by +4h',
        ) + '\nWhen GitHub cannot be reached, the inquiry waits in the outbox ($XDG_STATE_HOME/visit-sre/outbox/) for `visit-sre sync`.\n',
      )
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/logCall.js')).runLogCall(opts, ctx), globals(cmd));
      });
    }],
    ['sync', () => {
    program
      .command('sync')
      .description('send the inquiries waiting in the outbox, each exactly once')
      .option('--dry-run', 'list what would be sent')
      .addHelpText('after', examples('visit-sre sync', 'visit-sre sync --dry-run --json'))
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/sync.js')).runSync(opts, ctx), globals(cmd));
      });
    }],
    ['postmortem', () => {
    program
      .command('postmortem <number>')
      .description('write a markdown postmortem of a discussion: timeline, business-hour delays, effort, sections to fill')
      .option('--out <file>', 'where to write (default: postmortems/YYYY-MM-DD-NUMBER-slug.md)')
      .option('--template <file>', 'a template instead of the configured or shipped one')
      .option('--force', 'replace an existing file')
      .option('--dry-run', 'print the postmortem instead of writing it')
      .addHelpText('after', examples('visit-sre postmortem 4321', 'visit-sre postmortem 4321 --template docs/pm-template.md --out pm.md'))
      .action(async (number: string, opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/postmortem.js')).runPostmortem(number, opts, ctx), globals(cmd));
      });
    }],
    ['stats', () => {
    program
      .command('stats')
      .description("the team's support record: volume, first-response time in business hours, resolution, load, effort")
      .option('--since <date>', 'first day (default: the Monday 13 weeks ago)')
      .option('--until <date>', 'day after the last (exclusive; default: tomorrow)')
      .option('--format <format>', 'table, json, markdown, or one row per inquiry: csv, jsonl', 'table')
      .option('--html <file>', 'also write a self-contained HTML report with charts')
      .option('--force', 'replace an existing --html file')
      .option('--dry-run', 'compute everything, write no --html file')
      .addHelpText(
        'after',
        examples('visit-sre stats', 'visit-sre stats --since 2026-01-01 --until 2027-01-01 --json', 'visit-sre stats --since "last week" --format markdown', 'visit-sre stats --html report.html', 'visit-sre stats --format csv > support.csv') +
          "\nUnlike github/issue-metrics, which counts the first comment by anyone in wall-clock time, this counts the team's\nfirst human response (bots and bookkeeping comments do not count), in business hours, minus holidays.\n",
      )
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/stats.js')).runStats(opts, ctx), globals(cmd));
      });
    }],
    ['schedule', () => {
    const schedule = program.command('schedule').description('plan, check and change the rotation calendar');
    schedule
      .command('generate')
      .description('plan the rotation by percent-time and write it as iCal')
      .requiredOption('--start <date>', 'the first Monday to plan')
      .requiredOption('--weeks <n>', 'how many weeks to plan')
      .option('--out <file>', 'where to write ("-" for stdout; default: the configured rotation)')
      .option('--merge', "edit the existing calendar: replace only the shifts of the generated weeks, keep every other event")
      .option('--force', 'replace an existing file')
      .option('--dry-run', 'show the planned weeks and shares instead of writing the calendar')
      .option('--format <format>', 'with --dry-run: table (the default) or ics (the raw calendar)')
      .addHelpText(
        'after',
        examples('visit-sre schedule generate --start 2027-01-04 --weeks 13 --dry-run', 'visit-sre schedule generate --start 2027-01-04 --weeks 13 --dry-run --format ics', 'visit-sre schedule generate --start "next week" --weeks 8 --merge', 'visit-sre schedule generate --start monday --weeks 26 --out - > rotation.ics'),
      )
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/schedule/generate.js')).runGenerate(opts, ctx), globals(cmd));
      });
    schedule
      .command('check')
      .description('gaps, overlaps, Primary = Backup, unknown people, unavailability, share against percent-time')
      .option('--from <date>', 'start of the range (default: this Monday)')
      .option('--to <date>', 'end of the range, exclusive (default: 13 weeks after --from)')
      .option('--calendar <file>', 'check this .ics file or URL instead of the configured rotation')
      .option('--fail-on-problems', 'exit 8 when any problem is found (for CI)')
      .addHelpText('after', examples('visit-sre schedule check', 'visit-sre schedule check --from 2027-01-04 --to 2027-04-05 --fail-on-problems'))
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/schedule/check.js')).runCheck(opts, ctx), globals(cmd));
      });
    schedule
      .command('swap')
      .description("change one week's Primary or Backup, and print the announcement for the team")
      .requiredOption('--week <date>', 'any day of the week to change')
      .requiredOption('--role <role>', 'primary or backup')
      .requiredOption('--with <login>', 'who takes the shift')
      .option('--out <file>', 'write the changed calendar here instead of in place')
      .option('--force', 'make a swap that breaks a constraint; replace an existing --out file')
      .option('--dry-run', 'print the changed calendar instead of writing it')
      .addHelpText('after', examples('visit-sre schedule swap --week 2026-12-07 --role primary --with alan-turing', 'visit-sre schedule swap --week "next week" --role backup --with @grace-hopper --dry-run'))
      .action(async (opts, cmd: CommandType) => {
        await run(async (ctx) => (await import('./commands/schedule/swap.js')).runSwap(opts, ctx), globals(cmd));
      });
    }],
  ];

  // Only the command being run is declared, which saves building the rest; --help and unknown commands see them all.
  const wanted = firstCommand(argv);
  const chosen = define.filter(([name]) => name === wanted);
  for (const [, declare] of chosen.length ? chosen : define) declare();

  for (const sub of program.commands.flatMap((c) => [c, ...c.commands])) {
    sub.configureOutput({ writeOut: (s) => void deps.stdout.write(s), writeErr: (s) => void deps.stderr.write(s) });
    sub.exitOverride();
    sub.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}
