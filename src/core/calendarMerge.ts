import type { CalendarEntry } from './rotation.js';
import { isShiftEntry } from './rotation.js';

/**
 * What `schedule generate --merge` may change (issue 23): only the shifts
 * that start inside the generated weeks give way. Every other instance, of
 * a one-off event or of a series, before, after or beside the weeks, must
 * be read the same from the merged calendar.
 */
export interface MergeWindow {
  from: number;
  to: number;
}

export function givesWay(e: CalendarEntry, window: MergeWindow): boolean {
  return e.start >= window.from && e.start < window.to && isShiftEntry(e);
}

const key = (e: CalendarEntry) => JSON.stringify([e.uid, e.start, e.end, e.summary, e.allDay]);

/** The instances of `before` that should have stayed but are not in `after`. */
export function lostInMerge(before: readonly CalendarEntry[], after: readonly CalendarEntry[], window: MergeWindow): CalendarEntry[] {
  const kept = new Set(after.map(key));
  return before.filter((e) => !givesWay(e, window) && !kept.has(key(e)));
}
