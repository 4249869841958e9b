import { DateTime } from 'luxon';
import { buildTimeline } from '../../core/rotation.js';
import { VisitSreError } from '../../core/errors.js';
import type { Context } from '../../shell/context.js';
import type { Holiday } from '../../core/holidays.js';
import { HOLIDAYS_WARN_DAYS, holidayLabel, holidaysRunningOut } from '../../core/holidays.js';

/** One line of `doctor`: ✓ or ✗, what was found, and how to fix it. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

export function failure(e: unknown): { detail: string; fix?: string } {
  if (e instanceof VisitSreError) return { detail: e.message, fix: e.hint };
  return { detail: (e as Error).message };
}

/** Primary and Backup coverage of the next 4 weeks, and where the DST reading of timed shifts matters. */
export async function calendarCheck(c: Context): Promise<Check> {
  try {
    const to = DateTime.fromMillis(c.now, { zone: c.zone }).plus({ weeks: 4 }).toMillis();
    const { shifts } = await c.rotation(c.now - 86_400_000, to + 86_400_000);
    const timeline = buildTimeline(shifts);
    const gaps: string[] = [];
    let cursor = c.now;
    for (const role of ['primary', 'backup'] as const) {
      cursor = c.now;
      for (const s of timeline.filter((x) => x.end > c.now && x.start < to && x[role])) {
        if (s.start > cursor) gaps.push(`${role} ${fmt(cursor, c)} → ${fmt(s.start, c)}`);
        cursor = Math.max(cursor, s.end);
      }
      if (cursor < to) gaps.push(`${role} ${fmt(cursor, c)} → ${fmt(to, c)}`);
    }
    // The reader keeps a timed shift's wall-clock length across DST (README); say where RFC 5545's exact duration would differ.
    const dst = shifts.filter((s) => s.exactEnd !== undefined && s.end > c.now && s.start < to).sort((a, b) => a.end - b.end)[0];
    const dstNote = dst
      ? `; timed shifts keep their wall-clock length across DST: the one ending ${fmt(dst.end, c)} would end ${fmt(dst.exactEnd!, c)} by RFC 5545's exact duration`
      : '';
    return {
      name: 'calendar',
      ok: gaps.length === 0,
      detail:
        (gaps.length
          ? `no one on duty in the next 4 weeks: ${gaps.slice(0, 3).join('; ')}${gaps.length > 3 ? ` (+${gaps.length - 3} more)` : ''}`
          : 'Primary and Backup covered for the next 4 weeks') + dstNote,
      fix: 'plan the rotation further ahead (`visit-sre schedule generate`)',
    };
  } catch (e) {
    return { name: 'calendar', ok: false, ...failure(e) };
  }
}

function fmt(ms: number, ctx: Context): string {
  return DateTime.fromMillis(ms, { zone: ctx.zone }).toFormat('LLL d HH:mm');
}

/** Whether the holidays in force go on (a country's rule), or a list of dates runs out soon (docs/config.md#holidays). */
export async function holidayCheck(c: Context): Promise<Check> {
  try {
    const rule = c.loaded.config.holidays;
    const list = await c.holidays();
    const today = DateTime.fromMillis(c.now, { zone: c.zone }).toISODate()!;
    const next = list.find((h) => h.date >= today);
    const out = holidaysRunningOut(rule, list, c.now, c.zone);
    if (!out)
      return {
        name: 'holidays',
        ok: true,
        detail: rule.country
          ? `public holidays of ${rule.country}${rule.region ? `-${rule.region}` : ''} by rule${next ? `; next ${holidayLabel(next)}` : ''}`
          : `listed up to ${list.at(-1)!.date}`,
      };
    return {
      name: 'holidays',
      ok: false,
      detail: out.last
        ? `the holidays listed ${out.last.date < today ? 'ended' : `end within ${HOLIDAYS_WARN_DAYS} days`}: the last is ${lastLabel(out.last)}; after it every weekday counts as business time`
        : 'none listed: every weekday counts as business time',
      fix: 'set "holidays.country" (e.g. "US") for public holidays by rule, or add the next dates to "holidays.dates"',
    };
  } catch (e) {
    return { name: 'holidays', ok: false, ...failure(e) };
  }
}

function lastLabel(h: Holiday): string {
  return `${DateTime.fromISO(h.date, { zone: 'UTC' }).toFormat('ccc LLL d yyyy')}${h.name ? ` (${h.name})` : ''}`;
}
