import path from 'node:path';
import type { Deps } from './deps.js';
import { parseNowOverride } from './deps.js';
import type { GlobalFlags, Paint, Presentation } from './output.js';
import { paint, presentation, warn } from './output.js';
import type { LoadedConfig } from '../store/config.js';
import { loadConfig, resolveLocation } from '../store/config.js';
import { xdgDir } from '../store/paths.js';
import type { BusinessCalendar } from '../core/businessTime.js';
import { makeBusinessCalendar } from '../core/businessTime.js';
import type { Shift } from '../core/rotation.js';
import { shiftsFromEntries } from '../core/rotation.js';
import { UsageError } from '../core/errors.js';
import { defaultConfig, isRepo } from '../core/config.js';
import { loadCalendarText } from '../calendar/source.js';
import { readCalendarCached } from '../calendar/cache.js';
import { serveZoneCached } from '../calendar/offsets.js';
import { DateTime, Settings } from 'luxon';

// Output is English on every machine, and asking ICU for the system locale costs ~17 ms at start-up.
Settings.defaultLocale = 'en-US';

export interface Holiday {
  date: string;
  name: string | null;
}

export interface Rotation {
  shifts: Shift[];
  source: string;
}

/** What every command starts from: its flags, the config, the clock and how to print. */
export interface Context {
  deps: Deps;
  flags: GlobalFlags;
  out: Presentation;
  paint: Paint;
  loaded: LoadedConfig;
  zone: string;
  now: number;
  holidays(): Promise<Holiday[]>;
  businessCalendar(): Promise<BusinessCalendar>;
  /** Shifts in [from, to]; `calendarFlag` (relative to cwd) wins over the config's rotation. */
  rotation(from: number, to: number, calendarFlag?: string): Promise<Rotation>;
  verbose(message: string): void;
}

export async function createContext(flags: GlobalFlags, deps: Deps, opts: { readConfig?: boolean } = {}): Promise<Context> {
  if (deps.env.VISIT_SRE_NOW && parseNowOverride(deps.env.VISIT_SRE_NOW) === undefined) {
    throw new UsageError(
      `VISIT_SRE_NOW="${deps.env.VISIT_SRE_NOW}" is not an ISO-8601 instant`,
      'write it with an offset, for example 2026-11-30T09:00:00-08:00, or unset it',
    );
  }
  const now = deps.now();
  // The team's zone is read from a table cached on disk, before the config's check of it would ask Intl.
  const prepareZone = (zone: string) =>
    serveZoneCached(zone, now, { dir: path.join(xdgDir('cache', deps.env, deps.homedir), 'zones'), fs: deps.fs });
  let loaded: LoadedConfig =
    opts.readConfig === false
      ? { config: defaultConfig(), file: null, dir: deps.cwd, team: [] }
      : await loadConfig(flags.config, { ...deps, prepareZone });
  if (flags.repo !== undefined) {
    if (!isRepo(flags.repo)) throw new UsageError(`invalid --repo "${flags.repo}"`, 'write it as OWNER/NAME, for example visit-dav/visit');
    loaded = { ...loaded, config: { ...loaded.config, repository: flags.repo } };
  }
  const out = presentation(flags, deps);
  const zone = loaded.config.timeZone;
  const cacheDir = path.join(xdgDir('cache', deps.env, deps.homedir), 'calendars');
  const parsedDir = path.join(xdgDir('cache', deps.env, deps.homedir), 'parsed');
  const verbose = (message: string) => {
    if (out.verbose) deps.stderr.write(`[verbose] ${message}\n`);
  };

  let holidays: Promise<Holiday[]> | undefined;
  const loadHolidays = async (): Promise<Holiday[]> => {
    const byDate = new Map<string, string | null>(loaded.config.holidays.dates.map((d) => [d, null]));
    const location = loaded.config.holidays.calendar;
    if (location) {
      const cal = await loadCalendarText(resolveLocation(location, loaded.dir), deps, { cacheDir, what: 'holiday calendar' });
      if (cal.staleWarning) warn(deps, cal.staleWarning);
      const from = DateTime.fromMillis(now, { zone }).minus({ years: 3 }).toMillis();
      const to = DateTime.fromMillis(now, { zone }).plus({ years: 3 }).toMillis();
      const { readCalendar } = await import('../calendar/read.js');
      const { entries, warnings } = readCalendar(cal.text, { zone, from, to, source: cal.source });
      warnings.forEach((w) => warn(deps, w));
      for (const e of entries.filter((x) => x.allDay)) {
        for (let d = DateTime.fromMillis(e.start, { zone }); d.toMillis() < e.end; d = d.plus({ days: 1 })) {
          const key = d.toISODate()!;
          if (!byDate.get(key)) byDate.set(key, e.summary || null);
        }
      }
    }
    return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  };

  let business: Promise<BusinessCalendar> | undefined;
  return {
    deps,
    flags,
    out,
    paint: paint(out.color),
    loaded,
    zone,
    now,
    verbose,
    holidays: () => (holidays ??= loadHolidays()),
    businessCalendar: () =>
      (business ??= (holidays ??= loadHolidays()).then((list) =>
        makeBusinessCalendar({
          zone,
          days: loaded.config.businessHours.days,
          windows: loaded.config.businessHours.windows,
          holidays: list.map((h) => h.date),
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
      if (cal.staleWarning) warn(deps, cal.staleWarning);
      const { entries, warnings } = await readCalendarCached(
        cal.text,
        { zone, from, to, source: cal.source },
        { dir: parsedDir, fs: deps.fs },
      );
      warnings.forEach((w) => warn(deps, w));
      const shifts = shiftsFromEntries(entries, loaded.team);
      verbose(
        `read ${entries.length} events, ${shifts.length} shifts from ${cal.source} in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return { shifts, source: cal.source };
    },
  };
}
