import type { Deps } from './deps.js';
import type { GlobalFlags } from './output.js';
import type { Context } from './context.js';
import { buildProgram } from './program.js';
import type { Outcome } from './errors.js';
import { describeError, EXIT, exitCodeFor, exitCodeOf } from './errors.js';

interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(e: unknown): e is CommanderLikeError {
  return typeof e === 'object' && e !== null && typeof (e as CommanderLikeError).code === 'string' && (e as CommanderLikeError).code.startsWith('commander.');
}

/**
 * The composition root: parses argv, runs one command with `deps`, and turns
 * whatever it throws into one or two lines on stderr and an exit code.
 */
export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  let verbose = argv.includes('--verbose');
  let exitCode: number = EXIT.ok;
  const run = async (action: (ctx: Context) => Promise<Outcome | void>, flags: GlobalFlags, opts?: { readConfig?: boolean }) => {
    verbose = Boolean(flags.verbose);
    const { createContext } = await import('./context.js');
    exitCode = exitCodeOf(await action(await createContext(flags, deps, opts)));
  };
  const program = buildProgram(deps, run, argv);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (isCommanderError(error)) {
      // commander has already printed its message (or the help text).
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT.ok;
      return EXIT.usage;
    }
    deps.stderr.write(`${describeError(error)}\n`);
    if (verbose && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}
