import { InterruptedError } from '../core/errors.js';
import type { InStream, OutStream, Prompter } from '../app/context.js';
import { terminalText } from '../core/userText.js';

function interrupted(e: unknown): never {
  if (e instanceof Error && e.name === 'ExitPromptError') throw new InterruptedError('interrupted');
  throw e;
}

/**
 * The prompts, on the real terminal: inquirer draws with its own escape
 * sequences, so its stream is not behind the terminal guard; instead every
 * question and choice label passes terminalText here (they quote titles,
 * comments and issue names that anyone wrote).
 */
export async function inquirerPrompter(input: InStream, output: OutStream): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const context = { input, output: output as NodeJS.WritableStream };
  const shown = <T extends string>(choices: ReadonlyArray<{ value: T; name?: string }>) =>
    choices.map((c) => ({ value: c.value, name: terminalText(c.name ?? c.value) }));
  return {
    input: (message, opts = {}) =>
      prompts.input({ message: terminalText(message), default: opts.default, validate: opts.validate }, context).catch(interrupted),
    select: (message, choices, defaultValue) =>
      prompts.select({ message: terminalText(message), choices: shown(choices), default: defaultValue }, context).catch(interrupted),
    confirm: (message, defaultValue) =>
      prompts.confirm({ message: terminalText(message), default: defaultValue }, context).catch(interrupted),
    editor: (message) => prompts.editor({ message: terminalText(message), waitForUserInput: false }, context).catch(interrupted),
    checkbox: (message, choices) =>
      prompts.checkbox({ message: terminalText(message), choices: shown(choices) }, context).catch(interrupted),
  };
}
