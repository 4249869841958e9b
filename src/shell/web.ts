import { OperationalError } from '../core/errors.js';
import type { Context } from './context.js';

/** Opens a page in the user's browser through the injected opener, as `gh … --web` does. */
export async function openWeb(ctx: Context, url: string): Promise<void> {
  if (!ctx.deps.openBrowser) throw new OperationalError('no browser can be opened here', `open ${url} yourself`);
  if (ctx.deps.stderr.isTTY) ctx.deps.stderr.write(`Opening ${url} in your browser.\n`);
  try {
    await ctx.deps.openBrowser(url);
  } catch (e) {
    throw new OperationalError(`could not start a browser: ${(e as Error).message}`, `set $BROWSER, or open ${url} yourself`);
  }
}

/** The repository's discussions page, on GitHub.com or the GH_HOST of GitHub Enterprise. */
export function discussionsPage(ctx: Context): string {
  return `https://${ctx.deps.env.GH_HOST || 'github.com'}/${ctx.loaded.config.repository}/discussions`;
}
