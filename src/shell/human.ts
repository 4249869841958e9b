import { DateTime } from 'luxon';

/** The length of the team's business day and week, for saying hours the way people count them. */
export interface BusinessDay {
  hoursPerDay: number;
  daysPerWeek: number;
}

const DEFAULT_DAY: BusinessDay = { hoursPerDay: 8, daysPerWeek: 5 };

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Business hours as a person says them: "40 min", "2.5 h", "14 h",
 * "3 business days", "5 business weeks", instead of "1620.04 business h".
 */
export function humanBusinessHours(hours: number, day: BusinessDay = DEFAULT_DAY): string {
  const perDay = day.hoursPerDay > 0 ? day.hoursPerDay : DEFAULT_DAY.hoursPerDay;
  const perWeek = perDay * (day.daysPerWeek > 0 ? day.daysPerWeek : DEFAULT_DAY.daysPerWeek);
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 10) return `${Math.round(hours * 10) / 10} h`;
  if (hours < 2 * perDay) return `${Math.round(hours)} h`;
  if (hours < 2 * perWeek) return plural(Math.round(hours / perDay), 'business day');
  return plural(Math.round(hours / perWeek), 'business week');
}

/** The hours of one business day, from windows such as "08:00-12:00". */
export function businessDayOf(windows: readonly string[], days: readonly string[]): BusinessDay {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  const total = windows.reduce((sum, w) => {
    const [from, to] = w.split('-');
    return sum + Math.max(0, minutes(to ?? '0') - minutes(from ?? '0'));
  }, 0);
  return { hoursPerDay: total / 60, daysPerWeek: days.length };
}

/** "Good morning" only in the morning, in the team's zone; late at night, a plain hello. */
export function greeting(now: number, zone: string): string {
  const hour = DateTime.fromMillis(now, { zone }).hour;
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  if (hour >= 18 && hour < 23) return 'Good evening';
  return 'Hello';
}
