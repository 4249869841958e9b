import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { REPO_ROOT } from '../support/deps.js';

/** The cron lines of a workflow's `schedule:`. */
function cronLines(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
  return [...text.matchAll(/^\s+- cron: "([^"]+)"/gm)].map((m) => m[1]!);
}

/** One cron field (`*`, `a-b`, lists, `/step`) as the set of values it matches in [lo, hi]. */
function field(spec: string, lo: number, hi: number): Set<number> {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, step] = part.split('/') as [string, string | undefined];
    const [a, b] =
      range === '*' ? [lo, hi] : range.includes('-') ? range.split('-').map(Number) : [Number(range), step ? hi : Number(range)];
    for (let v = a!; v <= b!; v += Number(step ?? 1)) out.add(v);
  }
  return out;
}

/** Every instant (UTC, whole minutes) in [from, to) that one of the lines fires at, as GitHub's scheduler reads them. */
function expand(lines: string[], from: DateTime, to: DateTime): DateTime[] {
  const specs = lines.map((line) => {
    const [min, hour, dom, mon, dow] = line.split(/\s+/) as [string, string, string, string, string];
    expect([dom, mon], `${line}: day of month and month stay *`).toEqual(['*', '*']);
    return { minutes: field(min, 0, 59), hours: field(hour, 0, 23), days: field(dow.replace(/\b7\b/, '0'), 0, 6) };
  });
  const runs: DateTime[] = [];
  for (let ms = from.toMillis(); ms < to.toMillis(); ms += 60_000) {
    const t = new Date(ms);
    if (specs.some((s) => s.minutes.has(t.getUTCMinutes()) && s.hours.has(t.getUTCHours()) && s.days.has(t.getUTCDay())))
      runs.push(DateTime.fromMillis(ms, { zone: 'UTC' }));
  }
  return runs;
}

const LA = 'America/Los_Angeles';
const WEEKS = {
  winter: DateTime.fromISO('2026-01-12T00:00', { zone: LA }), // PST, UTC-8
  summer: DateTime.fromISO('2026-07-13T00:00', { zone: LA }), // PDT, UTC-7
};

describe.each(Object.entries(WEEKS))('the example schedules over a %s week in America/Los_Angeles', (_, monday) => {
  // From the Saturday before to the Monday after, so that runs just outside the weekdays show too.
  const from = monday.minus({ days: 2 });
  const to = monday.plus({ days: 8 });
  const local = (runs: DateTime[]) => runs.map((r) => r.setZone(LA));

  it('overdue.yml runs in every business hour, 08:00-17:00 Monday to Friday, and never at the weekend', () => {
    const runs = local(expand(cronLines('overdue.yml'), from, to));
    for (let day = 0; day < 5; day++) {
      for (let hour = 8; hour < 17; hour++) {
        const start = monday.plus({ days: day, hours: hour });
        expect(
          runs.some((r) => r >= start && r < start.plus({ hours: 1 })),
          start.toFormat('ccc HH:mm ZZZZ'),
        ).toBe(true);
      }
    }
    expect(runs.filter((r) => r.weekday >= 6).map((r) => r.toFormat('ccc HH:mm ZZZZ'))).toEqual([]);
    // At most one run a day outside the hours: 07:00 in winter or 17:00 in summer.
    const outside = runs.filter((r) => r >= monday && r < monday.plus({ days: 5 }) && (r.hour < 8 || r.hour >= 17));
    expect(outside.length).toBeLessThanOrEqual(5);
  });

  it('duty-desk.yml runs every 15 minutes through the business hours, never at the Pacific weekend nor at night', () => {
    const runs = local(expand(cronLines('duty-desk.yml'), from, to));
    expect(runs.filter((r) => r.weekday >= 6).map((r) => r.toFormat('ccc HH:mm ZZZZ'))).toEqual([]);
    // An hour of margin before (winter) or after (summer) the business hours, no more.
    expect(runs.filter((r) => r.hour < 7 || r.hour >= 19).map((r) => r.toFormat('ccc HH:mm ZZZZ'))).toEqual([]);
    for (let day = 0; day < 5; day++) {
      for (let minute = 8 * 60; minute < 17 * 60; minute += 15) {
        const at = monday.plus({ days: day, minutes: minute });
        expect(
          runs.some((r) => +r === +at),
          at.toFormat('ccc HH:mm ZZZZ'),
        ).toBe(true);
      }
    }
  });
});
