import { createRequire } from 'node:module';
import path from 'node:path';
import type { FileSystem } from '../store/fs.js';
import type { PublicHoliday } from '../core/holidays.js';

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
/** Bumped when what is kept for a year changes shape or meaning. */
const CACHE_VERSION = 1;

/** The library's version, read without loading the library itself (it names the cache files). */
let versionOnly: string | undefined;
export function libraryVersion(): string {
  versionOnly ??= String((createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version);
  return versionOnly;
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
      // The library (1.5 MB) loads only here, on a miss: a chunk of its own in the bundle.
      const { computePublicHolidays } = await import('./holidayLibrary.js');
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
