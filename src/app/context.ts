import path from 'node:path';
import type { LoadedConfig } from '../store/config.js';
import { resolveLocation } from '../store/config.js';
import { xdgDir } from '../store/paths.js';
import type { FileSystem } from '../store/fs.js';
import type { BusinessCalendar } from '../core/businessTime.js';
import { makeBusinessCalendar } from '../core/businessTime.js';
import type { Shift } from '../core/rotation.js';
import { shiftsFromEntries } from '../core/rotation.js';
import { UsageError } from '../core/errors.js';
import type { GitHubPort } from '../github/port.js';
import { loadCalendarText } from '../calendar/source.js';
import { readCalendarCached } from '../calendar/cache.js';
import type { Holiday } from '../core/holidays.js';
import { loadHolidays as loadHolidaysInForce } from '../calendar/holidays.js';
import { plural } from '../core/words.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/**
 * Every side effect a command may have, in one record. Commands never reach
 * for process.*, the wall clock or the network themselves; tests build a Deps
 * with buffers, a fixed clock and a GitHub stand-in.
 */
export interface Deps {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  /** "now" as epoch ms: VISIT_SRE_NOW when set, else the wall clock */
  now(): number;
  fetch: typeof globalThis.fetch;
  fs: FileSystem;
  /** Loaded on first use, so commands that never prompt never load inquirer. */
  prompter(): Promise<Prompter>;
  /** The GitHub port, built on first use: --help and offline commands never need a token. */
  github(opts?: { verbose?: (line: string) => void }): Promise<GitHubPort>;
  /**
   * Runs `listener` on Ctrl-C, before the process exits 130 (latest first), so a
   * spinner can clear its line and a writer can say what was done and what was not.
   * Returns the function that removes it.
   */
  onInterrupt?(listener: () => void): () => void;
  /** Opens a URL in the user's browser (`--web`); rejects when no browser can be started. */
  openBrowser?(url: string): Promise<void>;
}

/** The questions commands ask, behind a narrow interface bound to the injected streams. */
export interface Prompter {
  input(message: string, opts?: { default?: string; validate?: (value: string) => string | true }): Promise<string>;
  select<T extends string>(message: string, choices: ReadonlyArray<{ value: T; name?: string }>, defaultValue?: T): Promise<T>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  checkbox<T extends string>(message: string, choices: ReadonlyArray<{ value: T; name?: string }>): Promise<T[]>;
  /** Longer text, written in $EDITOR. */
  editor(message: string): Promise<string>;
}

export type { Holiday };

export interface Rotation {
  shifts: Shift[];
  source: string;
}

/**
 * What a use case starts from: the config, the clock, the team's calendars and
 * how to report progress. It knows nothing of flags or terminals; the shell's
 * Context extends it with those (docs/architecture.md#layers).
 */
export interface AppContext {
  deps: Deps;
  loaded: LoadedConfig;
  zone: string;
  now: number;
  holidays(): Promise<Holiday[]>;
  businessCalendar(): Promise<BusinessCalendar>;
  /** Shifts in [from, to]; `calendarFlag` (relative to cwd) wins over the config's rotation. */
  rotation(from: number, to: number, calendarFlag?: string): Promise<Rotation>;
  /** The GitHub port, with --verbose's request log wired in. */
  github(): Promise<GitHubPort>;
  verbose(message: string): void;
  /** A warning for the person running the command (stderr). */
  warn(message: string): void;
  /** Runs `work` while showing that the command waits on `label` (a spinner on a terminal). */
  busy<T>(label: string, work: () => Promise<T>): Promise<T>;
}

export interface Reporting {
  verbose(message: string): void;
  /** whether --verbose is on: the GitHub port then logs its requests */
  verboseOn: boolean;
  warn(message: string): void;
  busy<T>(label: string, work: () => Promise<T>): Promise<T>;
}

export function createAppContext(deps: Deps, loaded: LoadedConfig, report: Reporting): AppContext {
  const zone = loaded.config.timeZone;
  const now = deps.now();
  const cacheDir = path.join(xdgDir('cache', deps.env, deps.homedir), 'calendars');
  const parsedDir = path.join(xdgDir('cache', deps.env, deps.homedir), 'parsed');
  const { warn, verbose } = report;

  let holidays: Promise<Holiday[]> | undefined;
  const loadHolidays = (): Promise<Holiday[]> => {
    const location = loaded.config.holidays.calendar;
    return loadHolidaysInForce(
      loaded.config.holidays,
      { now, zone, cacheDir: xdgDir('cache', deps.env, deps.homedir), location: location ? resolveLocation(location, loaded.dir) : null },
      { ...deps, warn },
    );
  };

  let business: Promise<BusinessCalendar> | undefined;
  return {
    deps,
    loaded,
    zone,
    now,
    verbose,
    warn,
    busy: report.busy,
    github: () => deps.github({ verbose: report.verboseOn ? (line) => verbose(line) : undefined }),
    holidays: () => (holidays ??= loadHolidays()),
    businessCalendar: () =>
      (business ??= (holidays ??= loadHolidays()).then((list) =>
        makeBusinessCalendar({
          zone,
          days: loaded.config.businessHours.days,
          windows: loaded.config.businessHours.windows,
          holidays: list.map((h) => h.date),
          holidayNames: new Map(list.flatMap((h) => (h.name ? [[h.date, h.name] as const] : []))),
        }),
      )),
    async rotation(from, to, calendarFlag) {
      const location = calendarFlag
        ? resolveLocation(calendarFlag, deps.cwd)
        : loaded.config.rotation
          ? resolveLocation(loaded.config.rotation, loaded.dir)
          : null;
      if (!location) throw new UsageError('no rotation calendar is configured', 'set "rotation" in the config, or pass --calendar FILE');
      const started = performance.now();
      const cal = await loadCalendarText(location, deps, { cacheDir, what: 'rotation calendar' });
      if (cal.staleWarning) warn(cal.staleWarning);
      const { entries, warnings } = await readCalendarCached(
        cal.text,
        { zone, from, to, source: cal.source },
        { dir: parsedDir, fs: deps.fs },
      );
      warnings.forEach((w) => warn(w));
      const shifts = shiftsFromEntries(entries, loaded.team);
      verbose(
        `read ${plural(entries.length, 'event')}, ${plural(shifts.length, 'shift')} from ${cal.source} in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return { shifts, source: cal.source };
    },
  };
}
