import { DateTime } from 'luxon';
import { plural } from './words.js';

/** ISO-8601 in UTC without milliseconds, as the JSON and piped output use. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "Tue Dec 8, 2026, 09:00 PST (America/Los_Angeles)": a moment for people, in the team's zone with the zone named. */
export function localStamp(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ccc LLL d, yyyy, HH:mm ZZZZ')} (${zone})`;
}

/** "Mon Nov 30, 2026": a calendar day (ISO date) for people. */
export function localDay(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale('en-US').toFormat('ccc LLL d, yyyy');
}

/** "in 3 days", "2 hours ago": for terminals only. */
export function relative(ms: number, now: number): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const units: Array<[number, string]> = [
    [7 * 86_400_000, 'week'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.round(abs / size);
      const text = plural(n, name);
      return diff >= 0 ? `in ${text}` : `${text} ago`;
    }
  }
  return 'now';
}
