import path from 'node:path';
import { DateTime } from 'luxon';
import type { Holiday, HolidayRule } from '../core/holidays.js';
import { holidayYears, holidaysInForce, HOLIDAY_YEARS_AROUND } from '../core/holidays.js';
import type { SourceDeps } from './source.js';
import { loadCalendarText } from './source.js';
import { readCalendarCached } from './cache.js';
import { publicHolidays } from './publicHolidays.js';

export interface HolidayDeps extends SourceDeps {
  warn(message: string): void;
}

/**
 * The holidays in force around `now` (docs/config.md#holidays): the country's public
 * holidays by rule, the holiday calendar's all-day events and the
 * organisation's days, minus `except`. Every command's business clock is
 * built from this one list.
 */
export async function loadHolidays(
  rule: HolidayRule,
  opts: { now: number; zone: string; cacheDir: string; location: string | null },
  deps: HolidayDeps,
): Promise<Holiday[]> {
  const [calendar, pub] = await Promise.all([
    opts.location ? calendarHolidays(opts.location, opts, deps) : [],
    rule.country
      ? publicHolidays({ country: rule.country, region: rule.region }, holidayYears(opts.now, opts.zone), {
          dir: path.join(opts.cacheDir, 'holidays'),
          fs: deps.fs,
        })
      : [],
  ]);
  return holidaysInForce(rule, { calendar, publicHolidays: pub });
}

async function calendarHolidays(
  location: string,
  opts: { now: number; zone: string; cacheDir: string },
  deps: HolidayDeps,
): Promise<Holiday[]> {
  const cal = await loadCalendarText(location, deps, { cacheDir: path.join(opts.cacheDir, 'calendars'), what: 'holiday calendar' });
  if (cal.staleWarning) deps.warn(cal.staleWarning);
  const at = DateTime.fromMillis(opts.now, { zone: opts.zone });
  const { entries, warnings } = await readCalendarCached(
    cal.text,
    {
      zone: opts.zone,
      from: at.minus({ years: HOLIDAY_YEARS_AROUND }).toMillis(),
      to: at.plus({ years: HOLIDAY_YEARS_AROUND }).toMillis(),
      source: cal.source,
    },
    { dir: path.join(opts.cacheDir, 'parsed'), fs: deps.fs },
  );
  warnings.forEach((w) => deps.warn(w));
  const out: Holiday[] = [];
  for (const e of entries.filter((x) => x.allDay)) {
    for (let d = DateTime.fromMillis(e.start, { zone: opts.zone }); d.toMillis() < e.end; d = d.plus({ days: 1 })) {
      out.push({ date: d.toISODate()!, name: e.summary || null });
    }
  }
  return out;
}
