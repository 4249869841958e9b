import { createRequire } from 'node:module';
import path from 'node:path';
import type { FileSystem } from '../store/fs.js';
import type { PublicHoliday } from '../core/holidays.js';
import { UsageError } from '../core/errors.js';

type HolidaysClass = typeof import('date-holidays').default;
type HolidaysInstance = InstanceType<HolidaysClass>;

/**
 * Public holidays from date-holidays (https://github.com/commenthol/date-holidays):
 * rules for about 200 countries and their subdivisions, kept up to date by
 * its maintainers, with substitute (observed) days where the country has them.
 *
 * Only days of type `public` or `bank` count: offices are closed on both (the
 * library files a US Veterans Day observed on Friday as `bank`). `optional`,
 * `school` and `observance` days are working days. A part-day holiday (German
 * Christmas Eve from 14:00) is not a whole holiday, so it does not count: the
 * business clock has whole days only.
 *
 * The library costs about 250 ms to load and compute, so its answers are kept
 * on disk per library version, country, region and year: `who` reads a few
 * small files and never loads it again.
 */
const LIBRARY = 'date-holidays';
/** Bumped when what is kept for a year changes shape or meaning. */
const CACHE_VERSION = 1;

let library: { Holidays: HolidaysClass; version: string } | undefined;
function load(): { Holidays: HolidaysClass; version: string } {
  if (!library) {
    const require = createRequire(import.meta.url);
    const Holidays = require(LIBRARY) as HolidaysClass;
    library = { Holidays, version: String((require(`${LIBRARY}/package.json`) as { version: string }).version) };
  }
  return library;
}

/** The library's version, read without loading the library itself (it names the cache files). */
let versionOnly: string | undefined;
function libraryVersion(): string {
  versionOnly ??= String((createRequire(import.meta.url)(`${LIBRARY}/package.json`) as { version: string }).version);
  return versionOnly;
}

const instances = new Map<string, HolidaysInstance>();
function instance(country: string, wanted: string | null): HolidaysInstance {
  // "US-CA" and "CA" name the same region.
  const region = wanted?.startsWith(`${country}-`) ? wanted.slice(country.length + 1) : wanted;
  const key = `${country}/${region ?? ''}`;
  let hd = instances.get(key);
  if (hd) return hd;
  const { Holidays } = load();
  const probe = new Holidays();
  const countries = probe.getCountries('en') as Record<string, string> | undefined;
  if (!countries?.[country])
    throw new UsageError(
      `"holidays.country" "${country}" is not a country the holiday library knows`,
      'use an ISO 3166 code such as "US", "DE" or "GB", or null for no public holidays',
    );
  if (region) {
    const states = (probe.getStates(country, 'en') ?? {}) as Record<string, string>;
    if (!states[region]) {
      const known = Object.keys(states);
      throw new UsageError(
        `"holidays.region" "${region}" is not a region of ${country} the holiday library knows`,
        known.length
          ? `use one of ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}, or null`
          : `${country} has no regions: set it to null`,
      );
    }
  }
  hd = region ? new Holidays(country, region) : new Holidays(country);
  instances.set(key, hd);
  return hd;
}

const DAY = 86_400_000;

/** A year's whole-day public and bank holidays of a country (and region), as civil dates of that country. */
export function computePublicHolidays(country: string, region: string | null, year: number): PublicHoliday[] {
  const out: PublicHoliday[] = [];
  for (const h of instance(country, region).getHolidays(year, 'en') ?? []) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    if (h.date.slice(11, 19) !== '00:00:00') continue;
    // A holiday of several days (for 3 days) covers each; DST makes a day 23 or 25 hours long.
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY));
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    for (let i = 0; i < days; i++) out.push({ date: new Date(first + i * DAY).toISOString().slice(0, 10), name: h.name });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** computePublicHolidays for several years, each year remembered in `dir` (and in memory). */
export async function publicHolidays(
  rule: { country: string; region: string | null },
  years: readonly number[],
  cache: { dir: string; fs: FileSystem },
): Promise<PublicHoliday[]> {
  const lists = await Promise.all(
    years.map(async (year) => {
      const file = path.join(
        cache.dir,
        `${CACHE_VERSION}-${libraryVersion()}-${rule.country}${rule.region ? `-${rule.region}` : ''}-${year}.json`,
      );
      const hit = await cache.fs.readText(file);
      if (hit !== undefined) {
        try {
          return JSON.parse(hit) as PublicHoliday[];
        } catch {
          // A damaged entry is computed again.
        }
      }
      const list = computePublicHolidays(rule.country, rule.region, year);
      try {
        await cache.fs.writeAtomic(file, JSON.stringify(list), { overwrite: true });
      } catch {
        // The cache is an optimisation: a read-only disk must not fail the command.
      }
      return list;
    }),
  );
  return lists.flat();
}

/**
 * The countries whose holidays the library observes in `zone`, for `init`
 * to propose one. Loads the library: for init only.
 */
export function countriesOfZone(zone: string): string[] {
  const { Holidays } = load();
  const probe = new Holidays();
  const countries = Object.keys((probe.getCountries('en') ?? {}) as Record<string, string>);
  return countries.filter((c) => new Holidays(c).getTimezones().includes(zone)).sort();
}
