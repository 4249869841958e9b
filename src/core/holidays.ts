import { DateTime } from 'luxon';

/**
 * Holidays by rule (docs/config.md#holidays): a country's public holidays, computed for
 * any year by a holiday library, plus the organisation's own days, minus the
 * days it works, merged with the all-day events of a holiday calendar. Pure:
 * the library's answer comes in as `publicHolidays`, already read.
 */
export interface Holiday {
  date: string;
  name: string | null;
}

export interface HolidayRule {
  /** ISO 3166-1 alpha-2, upper case; null for no public holidays */
  country: string | null;
  /** a subdivision of the country (ISO 3166-2 without the country, e.g. "CA"), or null */
  region: string | null;
  /** the organisation's own days, YYYY-MM-DD */
  dates: readonly string[];
  /** days that are not holidays although a source says so */
  except: readonly string[];
  /** path or URL of an .ics whose all-day events are holidays */
  calendar: string | null;
}

/** A public holiday as the library gives it: a whole civil day of the country. */
export interface PublicHoliday {
  date: string;
  name: string;
}

/** How many years either side of now the holidays are computed for (the business clock looks no further). */
export const HOLIDAY_YEARS_AROUND = 3;

/** The years whose public holidays the clock needs at `now`. */
export function holidayYears(now: number, zone: string): number[] {
  const year = DateTime.fromMillis(now, { zone }).year;
  return Array.from({ length: 2 * HOLIDAY_YEARS_AROUND + 1 }, (_, i) => year - HOLIDAY_YEARS_AROUND + i);
}

/**
 * The holidays in force, sorted by date: each source adds its days, the first
 * name known wins (the team's calendar, then the library), and `except`
 * removes a day whatever listed it.
 */
export function holidaysInForce(
  rule: Pick<HolidayRule, 'dates' | 'except'>,
  sources: { calendar?: readonly Holiday[]; publicHolidays?: readonly PublicHoliday[] },
): Holiday[] {
  const byDate = new Map<string, string | null>();
  const add = (date: string, name: string | null) => {
    if (!byDate.get(date)) byDate.set(date, name || byDate.get(date) || null);
  };
  for (const h of sources.calendar ?? []) add(h.date, h.name);
  for (const h of sources.publicHolidays ?? []) add(h.date, h.name);
  for (const d of rule.dates) add(d, null);
  for (const d of rule.except) byDate.delete(d);
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** How far ahead a list of dates must reach before `doctor` says it runs out. */
export const HOLIDAYS_WARN_DAYS = 60;

/**
 * When the holidays come from a list only (no country rule) and that list
 * ends within `days` of today, the last holiday in it: after it every weekday
 * counts as business time. Null when a rule keeps them coming.
 */
export function holidaysRunningOut(
  rule: Pick<HolidayRule, 'country'>,
  list: readonly Holiday[],
  now: number,
  zone: string,
  days = HOLIDAYS_WARN_DAYS,
): { last: Holiday | null } | null {
  if (rule.country) return null;
  const horizon = DateTime.fromMillis(now, { zone }).plus({ days }).toISODate()!;
  const last = list.at(-1) ?? null;
  return last && last.date >= horizon ? null : { last };
}

/** "Thu Nov 26 (Thanksgiving Day)", or the date alone when no name is known. */
export function holidayLabel(h: Holiday): string {
  const day = DateTime.fromISO(h.date, { zone: 'UTC' }).toFormat('ccc LLL d');
  return h.name ? `${day} (${h.name})` : day;
}

/** The holidays in [from, to), ISO dates. */
export function holidaysBetweenDates(list: readonly Holiday[], from: string, to: string): Holiday[] {
  return list.filter((h) => h.date >= from && h.date < to);
}
