import { Info } from 'luxon';
import type { Zone } from 'luxon';

const WEEK = 7 * 86_400_000;

/**
 * UTC offsets of a zone, remembered by week. Asking Intl for an offset costs
 * microseconds, and a 20-year daily rotation has thousands of instances; zones
 * change offset at most a few times a year, so a week whose two ends share an
 * offset has it throughout, and the rare week that does not is bisected once.
 */
class OffsetTable {
  private readonly weeks = new Map<number, { before: number; after: number; at: number }>();
  constructor(private readonly zone: Zone) {}

  /** minutes east of UTC at this instant */
  at(ts: number): number {
    const w = Math.floor(ts / WEEK);
    let week = this.weeks.get(w);
    if (!week) {
      const start = w * WEEK;
      const before = this.zone.offset(start);
      const after = this.zone.offset(start + WEEK);
      let at = start + WEEK;
      if (before !== after) {
        let lo = start;
        while (at - lo > 1000) {
          const mid = Math.floor((lo + at) / 2);
          if (this.zone.offset(mid) === before) lo = mid;
          else at = mid;
        }
      }
      week = { before, after, at };
      this.weeks.set(w, week);
    }
    return ts < week.at ? week.before : week.after;
  }
}

const tables = new Map<string, OffsetTable | null>();

export function offsetTable(zone: string): OffsetTable | undefined {
  let t = tables.get(zone);
  if (t === undefined) {
    const z = Info.normalizeZone(zone);
    t = z.isValid ? new OffsetTable(z) : null;
    tables.set(zone, t);
  }
  return t ?? undefined;
}

/**
 * The instant a wall-clock time names in a zone: in an overlap the earlier
 * one, in a gap the time an hour on (as luxon does), and never anything that
 * depends on today's date.
 */
export function wallClockToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string,
): number | undefined {
  const t = offsetTable(zone);
  if (!t) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  const local = d.getTime();
  const before = t.at(local - 86_400_000);
  const after = t.at(local + 86_400_000);
  const fits = [...new Set([before, after])].map((o) => local - o * 60_000).filter((ts) => t.at(ts) * 60_000 === local - ts);
  return fits.length ? Math.min(...fits) : local - Math.min(before, after) * 60_000;
}
