import { DateTime } from 'luxon';
import { buildTimeline } from '../../core/rotation.js';
import { VisitSreError } from '../../core/errors.js';
import type { Context } from '../../shell/context.js';

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
