import { InterruptedError } from '../core/errors.js';
import type { InStream, OutStream, Prompter } from '../app/context.js';

function interrupted(e: unknown): never {
  if (e instanceof Error && e.name === 'ExitPromptError') throw new InterruptedError('interrupted');
  throw e;
}

export async function inquirerPrompter(input: InStream, output: OutStream): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const context = { input, output: output as NodeJS.WritableStream };
  return {
    input: (message, opts = {}) => prompts.input({ message, default: opts.default, validate: opts.validate }, context).catch(interrupted),
    select: (message, choices, defaultValue) =>
      prompts
        .select({ message, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value })), default: defaultValue }, context)
        .catch(interrupted),
    confirm: (message, defaultValue) => prompts.confirm({ message, default: defaultValue }, context).catch(interrupted),
    editor: (message) => prompts.editor({ message, waitForUserInput: false }, context).catch(interrupted),
    checkbox: (message, choices) =>
      prompts.checkbox({ message, choices: choices.map((c) => ({ value: c.value, name: c.name ?? c.value })) }, context).catch(interrupted),
  };
}
