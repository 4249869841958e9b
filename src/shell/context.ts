import type { AppContext, Deps } from '../app/context.js';
import { createAppContext } from '../app/context.js';
import { parseNowOverride } from './deps.js';
import type { GlobalFlags, Paint, Presentation } from './output.js';
import { guardedStream, paint, presentation, supportsHyperlinks, warn, withSpinner } from './output.js';
import type { LoadedConfig } from '../store/config.js';
import { loadConfig } from '../store/config.js';
import { UsageError } from '../core/errors.js';
import { defaultConfig, isRepo } from '../core/config.js';
import { serveZoneCached } from '../calendar/offsets.js';
import { xdgDir } from '../store/paths.js';
import path from 'node:path';
import { Settings } from 'luxon';

// Output is English on every machine, and asking ICU for the system locale costs ~17 ms at start-up.
Settings.defaultLocale = 'en-US';

/** What every command starts from: the app's context, plus its flags and how to print. */
export interface Context extends AppContext {
  flags: GlobalFlags;
  out: Presentation;
  paint: Paint;
}

export async function createContext(flags: GlobalFlags, given: Deps, opts: { readConfig?: boolean } = {}): Promise<Context> {
  if (given.env.VISIT_SRE_NOW && parseNowOverride(given.env.VISIT_SRE_NOW) === undefined) {
    throw new UsageError(
      `VISIT_SRE_NOW="${given.env.VISIT_SRE_NOW}" is not an ISO-8601 instant`,
      'write it with an offset, for example 2026-11-30T09:00:00-08:00, or unset it',
    );
  }
  // The team's zone is read from a table cached on disk, before the config's check of it would ask Intl.
  const now = given.now();
  const prepareZone = (zone: string) =>
    serveZoneCached(zone, now, { dir: path.join(xdgDir('cache', given.env, given.homedir), 'zones'), fs: given.fs });
  let loaded: LoadedConfig =
    opts.readConfig === false
      ? { config: defaultConfig(), file: null, dir: given.cwd, team: [] }
      : await loadConfig(flags.config, { ...given, prepareZone });
  if (flags.repo !== undefined) {
    if (!isRepo(flags.repo)) throw new UsageError(`invalid --repo "${flags.repo}"`, 'write it as OWNER/NAME, for example visit-dav/visit');
    loaded = { ...loaded, config: { ...loaded.config, repository: flags.repo } };
  }
  const out = presentation(flags, given);
  // Text for people passes the terminal guard; JSON on stdout stays exact (writeJson escapes what a terminal would act on).
  const deps: Deps = {
    ...given,
    stdout: out.json
      ? given.stdout
      : guardedStream(given.stdout, { sgr: out.color, hyperlinks: supportsHyperlinks(given.stdout, given.env), redraw: false }),
    stderr: guardedStream(given.stderr, { sgr: out.color, hyperlinks: false, redraw: Boolean(given.stderr.isTTY) }),
  };
  const app = createAppContext(deps, loaded, {
    verboseOn: out.verbose,
    verbose: (message) => {
      if (out.verbose) deps.stderr.write(`[verbose] ${message}\n`);
    },
    warn: (message) => warn(deps, message),
    busy: (label, work) => withSpinner(deps, !out.json, label, work),
  });
  return { ...app, flags, out, paint: paint(out.color) };
}
