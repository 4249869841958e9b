import { DateTime } from 'luxon';
import { UsageError } from './errors.js';

/**
 * A business-hours clock: which minutes of the week count toward a response
 * goal. Instants are epoch milliseconds; all wall-clock arithmetic happens in
 * `zone` through luxon, so DST changes and the host's TZ never leak in.
 */
export interface BusinessCalendar {
  readonly zone: string;
  /** luxon weekdays, 1 = Monday … 7 = Sunday */
  readonly days: ReadonlySet<number>;
  /** minutes after local midnight, sorted, non-overlapping; end may be 1440 */
  readonly windows: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  /** ISO dates (YYYY-MM-DD) in `zone` that are not business days */
  readonly holidays: ReadonlySet<string>;
  /** a holiday's name where one is known (docs/config.md#holidays), for the board */
  readonly holidayNames: ReadonlyMap<string, string>;
  /** memo of a civil day's business intervals (days since 1970-01-01 → [start, end) epoch ms) */
  readonly intervalCache: Map<number, ReadonlyArray<readonly [number, number]>>;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
/** How far the clock searches for business time before declaring there is none. */
const SEARCH_LIMIT_DAYS = 3_700;

export function weekdayNumber(name: string): number | undefined {
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase());
  const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  if (i < 0 || (name.length > 3 && full[i] !== name.toLowerCase())) return undefined;
  return i + 1;
}

/** Parses "08:00-12:00" into minutes after midnight. Returns undefined when malformed. */
export function parseWindow(text: string): { start: number; end: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (m1 > 59 || m2 > 59 || h1 > 23 || h2 > 24 || (h2 === 24 && m2 !== 0)) return undefined;
  const start = h1 * 60 + m1;
  const end = h2 * 60 + m2;
  return start < end ? { start, end } : undefined;
}

export interface BusinessCalendarSpec {
  zone: string;
  days: readonly string[];
  windows: readonly string[];
  holidays: Iterable<string>;
  holidayNames?: ReadonlyMap<string, string>;
}

export function makeBusinessCalendar(spec: BusinessCalendarSpec): BusinessCalendar {
  if (!DateTime.now().setZone(spec.zone).isValid) {
    throw new UsageError(`unknown time zone "${spec.zone}"`, 'use an IANA name such as America/Los_Angeles');
  }
  const days = new Set<number>();
  for (const d of spec.days) {
    const n = weekdayNumber(d);
    if (n === undefined) throw new UsageError(`unknown business day "${d}"`, 'use Mon, Tue, Wed, Thu, Fri, Sat or Sun');
    days.add(n);
  }
  const windows = spec.windows.map((w) => {
    const parsed = parseWindow(w);
    if (!parsed) throw new UsageError(`invalid business-hours window "${w}"`, 'write windows as HH:MM-HH:MM, for example 08:00-12:00');
    return parsed;
  });
  windows.sort((a, b) => a.start - b.start);
  for (let i = 1; i < windows.length; i++) {
    if (windows[i]!.start < windows[i - 1]!.end) {
      throw new UsageError(`business-hours windows overlap: ${spec.windows.join(', ')}`);
    }
  }
  if (days.size === 0 || windows.length === 0) {
    throw new UsageError('business hours need at least one day and one window');
  }
  return {
    zone: spec.zone,
    days,
    windows,
    holidays: new Set(spec.holidays),
    holidayNames: spec.holidayNames ?? new Map(),
    intervalCache: new Map(),
  };
}

const DAY = 86_400_000;

/** The civil date of `t` in the calendar's zone, as days since 1970-01-01. */
function civilDayOf(cal: BusinessCalendar, t: number): number {
  const local = DateTime.fromMillis(t, { zone: cal.zone });
  return Math.floor(Date.UTC(local.year, local.month - 1, local.day) / DAY);
}

/** The wall-clock instant, taking the earlier one when a fall-back makes it ambiguous. */
function wallClock(zone: string, year: number, month: number, day: number, minutes: number): number {
  if (minutes >= 1440) {
    const next = new Date(Date.UTC(year, month - 1, day) + DAY);
    return wallClock(zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), minutes - 1440);
  }
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const t = DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toMillis();
  const hourEarlier = DateTime.fromMillis(t - 3_600_000, { zone });
  return hourEarlier.hour === hour && hourEarlier.minute === minute && hourEarlier.day === day ? t - 3_600_000 : t;
}

/** The business intervals of a civil day, as [start, end) epoch ms. */
function intervalsOf(cal: BusinessCalendar, civilDay: number): ReadonlyArray<readonly [number, number]> {
  const cached = cal.intervalCache.get(civilDay);
  if (cached) return cached;
  const date = new Date(civilDay * DAY);
  const key = date.toISOString().slice(0, 10);
  const weekday = ((((civilDay + 3) % 7) + 7) % 7) + 1;
  let result: Array<readonly [number, number]> = [];
  if (cal.days.has(weekday) && !cal.holidays.has(key)) {
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    result = cal.windows
      .map((w) => [wallClock(cal.zone, y, m, d, w.start), wallClock(cal.zone, y, m, d, w.end)] as const)
      .filter(([s, e]) => e > s);
  }
  cal.intervalCache.set(civilDay, result);
  return result;
}

/** Business minutes in [from, to); 0 when to ≤ from. May be fractional. */
export function businessMinutesBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  const last = civilDayOf(cal, to);
  for (let day = civilDayOf(cal, from); day <= last; day++) {
    for (const [s, e] of intervalsOf(cal, day)) {
      const lo = Math.max(s, from);
      const hi = Math.min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total / MINUTE;
}

/**
 * The instant at which `minutes` business minutes have elapsed since `from`.
 * With 0 minutes this is the next business minute at or after `from`. A
 * deadline that falls exactly on the end of a window stays there (12:00, not 13:00).
 */
export function addBusinessMinutes(cal: BusinessCalendar, from: number, minutes: number): number {
  if (minutes < 0) throw new RangeError('minutes must not be negative');
  let remaining = minutes * MINUTE;
  const first = civilDayOf(cal, from);
  for (let day = first; day < first + SEARCH_LIMIT_DAYS; day++) {
    for (const [s, e] of intervalsOf(cal, day)) {
      if (e <= from) continue;
      const lo = Math.max(s, from);
      if (remaining <= e - lo) return lo + remaining;
      remaining -= e - lo;
    }
  }
  throw new UsageError(
    'the business calendar has no business time in the next ten years',
    'check businessHours and holidays in the config',
  );
}

/** The first business minute at or after `t`. */
export function nextBusinessMinute(cal: BusinessCalendar, t: number): number {
  return addBusinessMinutes(cal, t, 0);
}

export function isBusinessTime(cal: BusinessCalendar, t: number): boolean {
  return intervalsOf(cal, civilDayOf(cal, t)).some(([s, e]) => t >= s && t < e);
}

/** Holidays (ISO dates) that fall within [from, to) in the calendar's zone. */
export function holidaysBetween(cal: BusinessCalendar, from: number, to: number): string[] {
  const out: string[] = [];
  if (to <= from) return out;
  for (let day = civilDayOf(cal, from), last = civilDayOf(cal, to - 1); day <= last; day++) {
    const key = new Date(day * DAY).toISOString().slice(0, 10);
    if (cal.holidays.has(key)) out.push(key);
  }
  return out;
}
