import type { Deps } from './app/context.js';
import type { GlobalFlags } from './shell/output.js';
import type { Context } from './shell/context.js';
import { buildProgram } from './program.js';
import type { Outcome } from './shell/errors.js';
import { describeError, EXIT, exitCodeFor, exitCodeOf } from './shell/errors.js';
import { checkFields, extractJsonFields, JSON_FIELDS, shapeJson } from './shell/json.js';
import { terminalText } from './core/userText.js';
import { NotFoundError, notFoundHint } from './core/errors.js';

interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(e: unknown): e is CommanderLikeError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as CommanderLikeError).code === 'string' &&
    (e as CommanderLikeError).code.startsWith('commander.')
  );
}

/** A not-found error says where the missing name or number came from: the command line, or which config key. */
function withOrigin(e: unknown, ctx: Context, argv: readonly string[]): unknown {
  if (!(e instanceof NotFoundError) || !e.missing) return e;
  const c = ctx.loaded.config;
  const keys = {
    repository: ctx.flags.repo === undefined ? c.repository : null,
    productRepository: c.productRepository,
    'desk.thread': c.desk.thread,
  };
  const hint = notFoundHint(e.missing, { argv, file: ctx.loaded.file, keys });
  return Object.assign(new NotFoundError(e.message, hint, e.missing), { stack: e.stack });
}

/**
 * The composition root: parses argv, runs one command with `deps`, and turns
 * whatever it throws into one or two lines on stderr and an exit code.
 */
export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  let verbose = argv.includes('--verbose');
  let exitCode: number = EXIT.ok;
  let json: ReturnType<typeof extractJsonFields> = { argv: [...argv], fields: null, command: '' };
  const run = async (action: (ctx: Context) => Promise<Outcome | void>, flags: GlobalFlags, opts?: { readConfig?: boolean }) => {
    verbose = Boolean(flags.verbose);
    const { createContext } = await import('./shell/context.js');
    const { fields, command } = json;
    const jq = flags.jq ?? null;
    const act = (ctx: Context) => action(ctx).catch((e: unknown) => Promise.reject(withOrigin(e, ctx, json.argv)));
    if (fields === null && jq === null) {
      exitCode = exitCodeOf(await act(await createContext(flags, deps, opts)));
      return;
    }
    // --json FIELDS and --jq: the command writes its whole document to a buffer, which is then cut and filtered.
    const known = JSON_FIELDS[command];
    if (fields && known) checkFields(fields, known);
    const buffer = { text: '', write: (chunk: string) => ((buffer.text += chunk), true) };
    exitCode = exitCodeOf(await act(await createContext({ ...flags, json: true }, { ...deps, stdout: buffer }, opts)));
    deps.stdout.write(await shapeJson(buffer.text, { fields, jq }, { command, pretty: Boolean(deps.stdout.isTTY) }));
  };
  try {
    json = extractJsonFields(argv);
    const program = await buildProgram(deps, run, json.argv);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(json.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (isCommanderError(error)) {
      // commander has already printed its message (or the help text).
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT.ok;
      return EXIT.usage;
    }
    // A message can quote what GitHub or a file said: no sequence of theirs reaches the terminal.
    deps.stderr.write(`${terminalText(describeError(error), 'block')}\n`);
    if (verbose && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  }
}
