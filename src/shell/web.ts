import type { ChildProcess } from 'node:child_process';
import { OperationalError } from '../core/errors.js';
import type { Context } from './context.js';

/**
 * Opens a page in the user's browser through the injected opener, as `gh … --web`
 * does, and says which happened: "Opening URL in your browser." (exit 0), or,
 * when nothing could open it (no opener, no display, the opener failed), that
 * nothing opened and the URL to open by hand (exit 1).
 */
export async function openWeb(ctx: Context, url: string): Promise<void> {
  let failure: string | undefined;
  if (!ctx.deps.openBrowser) failure = 'no browser can be opened from here';
  else
    await ctx.deps.openBrowser(url).catch((e: unknown) => {
      failure = e instanceof Error ? e.message : String(e);
    });
  if (failure !== undefined) throw new OperationalError(`no browser opened: ${failure}`, `open ${url} yourself`);
  ctx.deps.stderr.write(`Opening ${url} in your browser.\n`);
}

/** The repository's discussions page, on GitHub.com or the GH_HOST of GitHub Enterprise. */
export function discussionsPage(ctx: Context): string {
  return `https://${ctx.deps.env.GH_HOST || 'github.com'}/${ctx.loaded.config.repository}/discussions`;
}

export interface OpenerWorld {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** node:child_process's spawn, or a stand-in for tests */
  spawn?: (command: string, args: readonly string[], options: { stdio: 'ignore'; detached: boolean }) => ChildProcess;
  /** how long an opener may run before it counts as a browser that stays open (a foreground `$BROWSER`) */
  graceMs?: number;
}

/**
 * `$BROWSER`, else the platform's opener (`open`, `start`, `xdg-open`), as
 * `gh --web` does. It rejects when nothing can open the page: no display on
 * Linux and no `$BROWSER`, an opener that is not installed, or one that
 * exits with an error within the grace time (xdg-open finding no browser);
 * one still running after it is a browser that opened in the foreground.
 */
export async function openInBrowser(url: string, world: OpenerWorld): Promise<void> {
  const { env, platform } = world;
  const browser = env.BROWSER?.trim();
  const desktop = platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (!browser && !desktop) throw new Error('no display and no $BROWSER');
  const [cmd, args] = browser
    ? [browser, [url]]
    : platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  const spawn = world.spawn ?? (await import('node:child_process')).spawn;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.removeAllListeners();
      child.unref();
      if (error) reject(error);
      else resolve();
    };
    child.once('error', (e: NodeJS.ErrnoException) => settle(new Error(e.code === 'ENOENT' ? `${cmd} is not installed` : e.message)));
    child.once('exit', (code, signal) =>
      settle(code === 0 ? undefined : new Error(`${cmd} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`)),
    );
    child.once('spawn', () => {
      timer = setTimeout(() => settle(), world.graceMs ?? 2000);
    });
  });
}
