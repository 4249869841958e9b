import { DateTime } from 'luxon';

/** "Good morning" only in the morning, in the team's zone; late at night, a plain hello. */
export function greeting(now: number, zone: string): string {
  const hour = DateTime.fromMillis(now, { zone }).hour;
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  if (hour >= 18 && hour < 23) return 'Good evening';
  return 'Hello';
}
