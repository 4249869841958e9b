import { DateTime } from 'luxon';
import { UsageError } from './errors.js';
import { weekdayNumber } from './businessTime.js';

const HINT = 'use ISO-8601 (2026-11-30 or 2026-11-30T09:00), now, today, tomorrow, monday, next week, +2d, or 10 minutes ago';

/** How far from now a WHEN may lie: any real shift, away notice or report range is far closer. */
export const WHEN_RANGE_YEARS = 100;

/**
 * Reads a WHEN argument as an instant. Local forms are read in the team's
 * zone; an explicit offset or Z wins. Relative forms count from `now`. An
 * instant more than WHEN_RANGE_YEARS from now is a usage error naming the
 * value (a mistyped +99999999d would otherwise run the calendar for ages).
 */
export function parseWhen(text: string, now: number, zone: string, flag = 'time'): DateTime {
  const at = readWhen(text, now, zone, flag);
  const here = DateTime.fromMillis(now, { zone });
  if (!at.isValid || at < here.minus({ years: WHEN_RANGE_YEARS }) || at > here.plus({ years: WHEN_RANGE_YEARS }))
    throw new UsageError(`${flag} "${text}" is out of range`, `give a time within ${WHEN_RANGE_YEARS} years of now`);
  return at;
}

function readWhen(text: string, now: number, zone: string, flag: string): DateTime {
  const raw = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const here = DateTime.fromMillis(now, { zone });
  const today = here.startOf('day');
  switch (raw) {
    case 'now':
      return here;
    case 'today':
      return today;
    case 'tomorrow':
      return today.plus({ days: 1 });
    case 'yesterday':
      return today.minus({ days: 1 });
    case 'this week':
      return today.startOf('week');
    case 'next week':
      return today.startOf('week').plus({ weeks: 1 });
    case 'last week':
      return today.startOf('week').minus({ weeks: 1 });
  }
  const weekday = /^[a-z]+$/.test(raw) ? weekdayNumber(raw) : undefined;
  if (weekday !== undefined) {
    return today.plus({ days: (weekday - today.weekday + 7) % 7 });
  }
  const rel = /^([+-])((?:\d+[wdhm])+)$/.exec(raw);
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    const units: Record<string, number> = {};
    for (const [, n, u] of rel[2]!.matchAll(/(\d+)([wdhm])/g)) {
      const key = { w: 'weeks', d: 'days', h: 'hours', m: 'minutes' }[u as 'w' | 'd' | 'h' | 'm'];
      units[key] = (units[key] ?? 0) + sign * Number(n);
    }
    return here.plus(units);
  }
  const ago = /^(\d+|an?) (minute|min|hour|day|week)s? ago$/.exec(raw);
  if (ago) {
    const unit = ({ minute: 'minutes', min: 'minutes', hour: 'hours', day: 'days', week: 'weeks' } as const)[ago[2] as 'minute'];
    return here.minus({ [unit]: /^\d/.test(ago[1]!) ? Number(ago[1]) : 1 });
  }
  const iso = DateTime.fromISO(text.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2'), { zone });
  if (iso.isValid && /^\d{4}-\d{2}-\d{2}/.test(text.trim())) return iso.setZone(zone);
  throw new UsageError(`invalid ${flag} "${text}"`, HINT);
}

/** Reads a DATE argument: the same forms, reduced to a calendar date in `zone`. */
export function parseDate(text: string, now: number, zone: string, flag = 'date'): string {
  return parseWhen(text, now, zone, flag).setZone(zone).toISODate()!;
}

/** True for a well-formed calendar date YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}
