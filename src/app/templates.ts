import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from './context.js';
import { UsageError } from '../core/errors.js';
import { INPUT_LIMITS } from '../store/fs.js';

/** A template from the config, else the one shipped in templates/. */
export async function loadTemplate(ctx: AppContext, configured: string | null, shipped: string): Promise<{ text: string; source: string }> {
  const file = configured
    ? path.resolve(ctx.loaded.dir, configured)
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates', shipped);
  const text = await ctx.deps.fs.readInput(file, { what: 'template', bytes: INPUT_LIMITS.template });
  if (text === undefined)
    throw new UsageError(`template ${file} not found`, configured ? 'fix "templates" in the config' : 'reinstall visit-sre');
  return { text, source: file };
}
