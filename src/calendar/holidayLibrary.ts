import { createRequire } from 'node:module';
import type { PublicHoliday } from '../core/holidays.js';
import { UsageError } from '../core/errors.js';
import { libraryVersion } from './publicHolidays.js';

type HolidaysClass = typeof import('date-holidays').default;
type HolidaysInstance = InstanceType<HolidaysClass>;

// date-holidays itself, apart from publicHolidays.ts, which reads its answers from the cache without loading it.

let library: { Holidays: HolidaysClass; version: string } | undefined;
function load(): { Holidays: HolidaysClass; version: string } {
  if (!library) {
    // Named literally, so that the bundle (scripts/bundle.mjs) carries the library.
    const Holidays = createRequire(import.meta.url)('date-holidays') as HolidaysClass;
    library = { Holidays, version: libraryVersion() };
  }
  return library;
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
