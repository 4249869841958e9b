import type { BusinessCalendar } from './businessTime.js';
import { parseWindow, weekdayNumber } from './businessTime.js';
import type { Assessment } from './conversation.js';

/** "1 inquiry", "2 inquiries", "0 discussions": a count with its noun in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c": a list as a sentence says it. */
export function listText(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The length of the team's business day and week, for saying hours the way people count them. */
export type BusinessWeek = Pick<BusinessCalendar, 'days' | 'windows'>;

/** The standard week (08-12, 13-17, Monday to Friday) for callers with no calendar at hand. */
export const STANDARD_WEEK: BusinessWeek = {
  days: new Set([1, 2, 3, 4, 5]),
  windows: [
    { start: 480, end: 720 },
    { start: 780, end: 1020 },
  ],
};

/** The business week of the config's `businessHours` (already checked when the config was read). */
export function businessWeekOf(hours: { days: readonly string[]; windows: readonly string[] }): BusinessWeek {
  return {
    days: new Set(hours.days.map(weekdayNumber).filter((d): d is number => d !== undefined)),
    windows: hours.windows.map(parseWindow).filter((w): w is { start: number; end: number } => w !== undefined),
  };
}

function dayHours(week: BusinessWeek): { perDay: number; perWeek: number } {
  const perDay = week.windows.reduce((sum, w) => sum + (w.end - w.start), 0) / 60 || 8;
  return { perDay, perWeek: perDay * (week.days.size || 5) };
}

/**
 * An amount of business time as people say it, in the one unit the tool uses for
 * the response clock everywhere: "40 business min", "1.5 business h",
 * "14 business h", "1 business day", "3 business days", "2 business weeks".
 * `hourly` counts whole hours only ("< 1 business h" below one), for text that
 * should change at most once an hour (the board).
 */
export function businessSpan(minutes: number, week: BusinessWeek = STANDARD_WEEK, opts: { hourly?: boolean } = {}): string {
  const m = Math.max(0, minutes);
  const hours = m / 60;
  const { perDay, perWeek } = dayHours(week);
  if (opts.hourly && hours < 1) return '< 1 business h';
  if (hours < 1) return `${Math.max(1, Math.round(m))} business min`;
  if (hours < Math.min(10, 2 * perDay)) return `${opts.hourly ? Math.floor(hours) : Math.round(hours * 10) / 10} business h`;
  if (hours < 2 * perDay) return `${opts.hourly ? Math.floor(hours) : Math.round(hours)} business h`;
  if (hours < 2 * perWeek) return plural(Math.round(hours / perDay), 'business day');
  return plural(Math.round(hours / perWeek), 'business week');
}

/** "due in 1.5 business h" or "overdue by 7 business h", from the business minutes left (negative once past due). */
export function dueText(minutesLeft: number, week: BusinessWeek = STANDARD_WEEK, opts: { hourly?: boolean } = {}): string {
  return minutesLeft > 0 ? `due in ${businessSpan(minutesLeft, week, opts)}` : `overdue by ${businessSpan(-minutesLeft, week, opts)}`;
}

/** "user silent 1 day", "user silent 25 days" */
export function silentText(days: number): string {
  return `user silent ${plural(Math.floor(days), 'day')}`;
}

/**
 * Where an open discussion stands on the response clock, in the same words in
 * start, overdue, view and the board: "overdue by 7 business h", "due in
 * 30 business min", "stale: user silent 25 days", "waiting on the user".
 */
export function clockText(
  a: Pick<Assessment, 'state' | 'stale' | 'daysSinceUserActivity' | 'businessMinutesLeft'>,
  week: BusinessWeek = STANDARD_WEEK,
): string {
  if (a.state === 'resolved') return 'resolved';
  if (a.state === 'waiting-on-team') return dueText(a.businessMinutesLeft ?? 0, week);
  if (a.stale) return `stale: ${silentText(a.daysSinceUserActivity ?? 0)}`;
  return 'waiting on the user';
}
