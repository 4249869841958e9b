import type { Context } from './context.js';
import { UsageError } from '../core/errors.js';
import { FileExistsError } from '../store/fs.js';

/** Writes a file the user asked for, atomically; an existing one only with --force. */
export async function writeFileChecked(ctx: Context, file: string, text: string, force: boolean): Promise<void> {
  try {
    await ctx.deps.fs.writeAtomic(file, text, { overwrite: force });
  } catch (e) {
    if (e instanceof FileExistsError)
      throw new UsageError(`${file} already exists`, 'pass --force to replace it, or --dry-run to see the result');
    throw e;
  }
}
