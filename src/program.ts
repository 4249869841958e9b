import { createRequire } from 'node:module';
import type { Deps } from './app/context.js';
import type { Context } from './shell/context.js';
import type { EscalateOptions } from './commands/escalate/escalate.flags.js';
import type { AnyCommand, Runner } from './shell/commandKit.js';
import { Command, examples, runs } from './shell/commandKit.js';
import { GLOBAL_VALUE_FLAGS } from './shell/json.js';
import { UsageError } from './core/errors.js';
import { didYouMean } from './core/suggest.js';

export type { Runner };

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

const EXIT_CODES = `
Exit codes:
  0  success, including "nothing found"
  1  operational failure: network, GitHub, file I/O
  2  usage or input error: bad flag or value, invalid config, malformed calendar
  4  authentication: no token, bad token, missing permission
  8  problems found, when asked to fail on them
  130 interrupted`;

/**
 * Every command: its declaration (flags, help; always loaded, and light) bound
 * to its run module (imported only when that command runs).
 */
type Declare = (run: Runner) => AnyCommand;

/**
 * Every command: its declaration (flags and help, in a light module loaded
 * only for that command, or for all of them on `--help`) bound to its run
 * module (imported only when the command runs).
 */
const COMMANDS: Record<string, () => Promise<Declare>> = {
  who: async () => {
    const { whoCommand } = await import('./commands/who/who.flags.js');
    return (run) => runs(whoCommand(), run, async () => (await import('./commands/who/who.js')).runWho);
  },
  init: async () => {
    const { initCommand } = await import('./commands/init/init.flags.js');
    // init writes the config, so a broken existing one must not stop it.
    return (run) => runs(initCommand(), run, async () => (await import('./commands/init/init.js')).runInit, { readConfig: false });
  },
  overdue: async () => {
    const { overdueCommand } = await import('./commands/overdue/overdue.flags.js');
    return (run) => runs(overdueCommand(), run, async () => (await import('./commands/overdue/overdue.js')).runOverdue);
  },
  start: async () => {
    const { startCommand } = await import('./commands/start/start.flags.js');
    return (run) => runs(startCommand(), run, async () => (await import('./commands/start/start.js')).runStart);
  },
  view: async () => {
    const { viewCommand } = await import('./commands/view/view.flags.js');
    return (run) => runs(viewCommand(), run, async () => (await import('./commands/view/view.js')).runView);
  },
  doctor: async () => {
    const { doctorCommand } = await import('./commands/doctor/doctor.flags.js');
    const load = async () => {
      const { runDoctor } = await import('./commands/doctor/doctor.js');
      return (_opts: unknown, ctx: Context) => runDoctor(ctx);
    };
    // doctor reports a broken config as a failed check instead of stopping at it.
    return (run) => runs(doctorCommand(), run, load, { readConfig: false });
  },
  handoff: async () => {
    const { handoffCommand } = await import('./commands/handoff/handoff.flags.js');
    return (run) => runs(handoffCommand(), run, async () => (await import('./commands/handoff/handoff.js')).runHandoff);
  },
  notify: async () => {
    const { notifyCommand } = await import('./commands/notify/notify.flags.js');
    return (run) => runs(notifyCommand(), run, async () => (await import('./commands/notify/notify.js')).runNotify);
  },
  away: async () => {
    const { awayCommand } = await import('./commands/away/away.flags.js');
    return (run) => runs(awayCommand(), run, async () => (await import('./commands/away/away.js')).runAway);
  },
  delegate: async () => {
    const { delegateCommand } = await import('./commands/delegate/delegate.flags.js');
    return (run) => runs(delegateCommand(), run, async () => (await import('./commands/delegate/delegate.js')).runDelegate);
  },
  claim: async () => {
    const { claimCommand } = await import('./commands/claim/claim.flags.js');
    return (run) => runs(claimCommand(), run, async () => (await import('./commands/claim/claim.js')).runClaim);
  },
  escalate: async () => {
    const { escalateCommand, numberAfterLogins } = await import('./commands/escalate/escalate.flags.js');
    const load = async () => {
      const { runEscalate } = await import('./commands/escalate/escalate.js');
      return (n: string | undefined, opts: EscalateOptions, ctx: Context) => runEscalate(n!, opts, ctx);
    };
    return (run) =>
      runs(escalateCommand(), run, load, {
        adapt: ([n], opts, flags) => {
          const fixed = numberAfterLogins(n, opts);
          return { args: [fixed.number] as [string], opts: fixed.opts, flags };
        },
      });
  },
  decline: async () => {
    const { declineCommand } = await import('./commands/decline/decline.flags.js');
    return (run) => runs(declineCommand(), run, async () => (await import('./commands/decline/decline.js')).runDecline);
  },
  resolve: async () => {
    const { resolveCommand } = await import('./commands/resolve/resolve.flags.js');
    return (run) => runs(resolveCommand(), run, async () => (await import('./commands/resolve/resolve.js')).runResolve);
  },
  promote: async () => {
    const { promoteCommand } = await import('./commands/promote/promote.flags.js');
    return (run) =>
      runs(promoteCommand(), run, async () => (await import('./commands/promote/promote.js')).runPromote, {
        // The global -R/--repo takes `promote --repo` too: here it names the product repository, as docs/reference.md has it.
        adapt: (args, opts, { repo, ...flags }) => ({ args, opts: { ...opts, repo: opts.repo ?? repo }, flags }),
      });
  },
  'log-call': async () => {
    const { logCallCommand } = await import('./commands/log-call/logCall.flags.js');
    return (run) => runs(logCallCommand(), run, async () => (await import('./commands/log-call/logCall.js')).runLogCall);
  },
  effort: async () => {
    const { effortCommand } = await import('./commands/effort/effort.flags.js');
    return (run) => runs(effortCommand(), run, async () => (await import('./commands/effort/effort.js')).runEffort);
  },
  sync: async () => {
    const { syncCommand } = await import('./commands/sync/sync.flags.js');
    return (run) => runs(syncCommand(), run, async () => (await import('./commands/sync/sync.js')).runSync);
  },
  postmortem: async () => {
    const { postmortemCommand } = await import('./commands/postmortem/postmortem.flags.js');
    return (run) => runs(postmortemCommand(), run, async () => (await import('./commands/postmortem/postmortem.js')).runPostmortem);
  },
  stats: async () => {
    const { statsCommand } = await import('./commands/stats/stats.flags.js');
    return (run) => runs(statsCommand(), run, async () => (await import('./commands/stats/stats.js')).runStats);
  },
  schedule: async () => {
    const { checkCommand, generateCommand, swapCommand } = await import('./commands/schedule/schedule.flags.js');
    return (run) =>
      new Command('schedule')
        .description('plan, check and change the rotation calendar')
        .addCommand(runs(generateCommand(), run, async () => (await import('./commands/schedule/generate.js')).runGenerate))
        .addCommand(runs(checkCommand(), run, async () => (await import('./commands/schedule/check.js')).runCheck))
        .addCommand(runs(swapCommand(), run, async () => (await import('./commands/schedule/swap.js')).runSwap));
  },
};

/** What the top-level `--help` lists, without loading a single declaration. A test keeps it equal to them. */
export const SUMMARIES: Record<string, { usage: string; does: string }> = {
  who: { usage: '[options]', does: 'the Primary and the Backup at an instant, and the next shifts' },
  init: { usage: '[options]', does: 'write visit-sre.config.json, asking a few questions on a terminal' },
  overdue: { usage: '[options]', does: 'the cron report: overdue, due-soon and stale discussions' },
  start: { usage: '[options]', does: 'the shift-start briefing: your role, handed-off and urgent discussions, holidays, idle-time issues' },
  view: {
    usage: '[options] <number>',
    does: 'one discussion in brief: state, owner, clock, what the team did, the last messages, its link',
  },
  doctor: { usage: '[options]', does: 'check config, token, GitHub access, categories, labels, calendar coverage and outbox' },
  handoff: { usage: '[options]', does: "end of week: hand the outgoing Primary's unresolved discussions to the next Primary" },
  notify: {
    usage: '[options]',
    does: 'the duty desk: tell the right people once, by @mention in the desk thread, and keep its board current',
  },
  away: {
    usage: '[options]',
    does: 'tell the team, on the desk thread, that you will be away from your desk (the Backup acts for an away Primary)',
  },
  delegate: {
    usage: '[options]',
    does: 'propose that someone (default: the Backup) act as Primary for a while; it takes effect when they accept',
  },
  claim: {
    usage: '[options] [number]',
    does: 'take a classified inquiry asked for on the desk thread (the only open one without a number)',
  },
  escalate: { usage: '[options] [number]', does: 'ask the Backup on duty (or the given developers) for help, by @mention' },
  decline: {
    usage: '[options] <number>',
    does: 'decline (or defer) a discussion an escalation asked you to help with, telling the acting Primary',
  },
  resolve: { usage: '[options] <number>', does: 'mark the answer (a reply gets a linking top-level comment), or close as wontfix' },
  promote: { usage: '[options] <number>', does: 'create a product issue that links back to the discussion (or add to a known one)' },
  'log-call': {
    usage: '[options]',
    does: 'record a hotline call, walk-in, email or hallway question as a discussion (or, classified, only in the local journal)',
  },
  effort: {
    usage: '[options] <number-or-duration> [duration]',
    does: 'record effort after the fact: on a discussion (a bookkeeping comment), or housekeeping in the local journal',
  },
  sync: { usage: '[options]', does: 'send the inquiries waiting in the outbox, each exactly once' },
  postmortem: {
    usage: '[options] <number>',
    does: 'write a markdown postmortem of a discussion: timeline, business-hour delays, effort, sections to fill',
  },
  stats: { usage: '[options]', does: "the team's support record: volume, first-response time in business hours, resolution, load, effort" },
  schedule: { usage: '[options] [command]', does: 'plan, check and change the rotation calendar' },
};

/** The full declaration of every command, as `COMMANDS` builds them (for tests that compare them with the summaries). */
export async function declareAll(run: Runner): Promise<AnyCommand[]> {
  return Promise.all(Object.values(COMMANDS).map(async (load) => (await load())(run)));
}

/** The words of argv that are not options or an option's value: the command, its subcommand, its arguments. */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_VALUE_FLAGS.includes(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words;
}

/** `gen` for `schedule`, `wh` at the top: what is unknown, and what it most likely meant. */
function unknownCommand(word: string, path: string, names: readonly string[]): UsageError {
  const guess = didYouMean(word, [...names, 'help']);
  return new UsageError(
    `unknown command '${word}' for ${path}`,
    guess ? `${guess} (${path} --help lists them)` : `${path} --help lists the commands`,
  );
}

export async function buildProgram(deps: Deps, run: Runner, argv: readonly string[] = []): Promise<AnyCommand> {
  const program = new Command('visit-sre')
    .description('The support-duty companion: who is on duty, what is due, and by when, in business hours.')
    .version(version, '-V, --version')
    .option(
      '--config <path>',
      'config file (default: ./visit-sre.config.json, searched upward, then $XDG_CONFIG_HOME/visit-sre/config.json)',
    )
    .option('--json', 'machine-readable output on stdout; --json FIELDS keeps only those fields (number,url)')
    .option('-q, --jq <expr>', 'filter the JSON output with a jq expression (implies --json), as in gh')
    .option('-R, --repo <owner/name>', "the discussions' repository instead of the configured one (for promote: the product repository)")
    .option('--no-color', 'no colour, even on a terminal')
    .option('--verbose', 'requests, timings and stack traces on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true, subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}` })
    .addHelpText(
      'after',
      `${examples('visit-sre who --next 4', 'visit-sre start', 'visit-sre overdue --quiet --fail-on-overdue    # from cron', 'visit-sre handoff --dry-run', 'visit-sre log-call --via hotline', 'visit-sre schedule generate --start monday --weeks 13 --dry-run')}${EXIT_CODES}\n`,
    )
    .configureOutput({ writeOut: (s) => void deps.stdout.write(s), writeErr: (s) => void deps.stderr.write(s) })
    .exitOverride();

  // Only the command being run is loaded and built. The list in `--help` (and the
  // suggestions for a mistyped command) need only names and summaries.
  const words = commandWords(argv);
  const wanted = words[0] === 'help' ? words[1] : words[0];
  // `help wh` would print the program's help and exit 0, as if nothing were wrong.
  if (words[0] === 'help' && wanted && !Object.hasOwn(COMMANDS, wanted)) throw unknownCommand(wanted, 'visit-sre', Object.keys(COMMANDS));
  if (wanted && Object.hasOwn(COMMANDS, wanted)) program.addCommand((await COMMANDS[wanted]!())(run));
  else
    for (const [name, summary] of Object.entries(SUMMARIES))
      program.addCommand(new Command(name).usage(summary.usage).description(summary.does));
  // addCommand copies no settings: output, exit handling and help come from the program.
  for (const sub of program.commands.flatMap((c) => [c, ...c.commands])) sub.copyInheritedSettings(program);
  for (const cmd of [program, ...program.commands].filter((c) => c.commands.length)) {
    // commander suggests only close spellings: `gen` is too far from `generate` for it, not for a prefix.
    cmd.on('command:*', ([word]: string[]) => {
      throw unknownCommand(
        word!,
        cmd === program ? 'visit-sre' : `visit-sre ${cmd.name()}`,
        cmd.commands.map((c) => c.name()),
      );
    });
  }
  await oldQuiet(argv, program, wanted);
  return program;
}

/**
 * `-q` was `--quiet` before it became `--jq`, as in gh: given as a switch (no
 * expression after it, or an option or a command name), it is the old habit,
 * and the error says what to write instead.
 */
async function oldQuiet(argv: readonly string[], program: AnyCommand, wanted: string | undefined): Promise<void> {
  const end = argv.indexOf('--');
  const at = argv.findIndex((a, i) => a === '-q' && (end < 0 || i < end));
  if (at < 0) return;
  const value = argv[at + 1];
  const named = value !== undefined && Object.hasOwn(COMMANDS, value);
  if (value !== undefined && !value.startsWith('-') && !named) return;
  // `visit-sre -q overdue`: the command was taken for the expression, so its declaration is not built yet.
  const command = named ? (await COMMANDS[value]!())(async () => {}) : program.commands.find((c) => c.name() === wanted);
  const quiet = command?.options.some((o) => o.long === '--quiet');
  const shell = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  const rest = argv.filter((_, i) => i !== at);
  rest.splice(rest.indexOf(command?.name() ?? '') + 1, 0, '--quiet');
  const instead = ['visit-sre', ...rest].map(shell).join(' ');
  throw new UsageError(
    '-q is now --jq (as in gh) and needs a jq expression',
    quiet ? `for quiet output write --quiet: ${instead}` : "such as -q '.' for the whole document (https://jqlang.org/manual/)",
  );
}
