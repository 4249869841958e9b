import { DateTime } from 'luxon';
import type { MergeWindow } from '../core/calendarMerge.js';
import { lostInMerge } from '../core/calendarMerge.js';
import { UsageError } from '../core/errors.js';
import type { Merged } from './edit.js';
import { mergeCalendars, splitCalendar } from './edit.js';
import { readCalendar } from './read.js';

/**
 * `schedule generate --merge` without loss: the merged calendar is read back
 * and compared, instance by instance, with the existing one over every
 * instance it has (from its first DTSTART to a year past the last). A merge
 * that would lose anything but the shifts inside the generated weeks is
 * refused, naming what it would lose, and nothing is written.
 */
export function mergeWithoutLoss(generated: string, existing: string, window: MergeWindow, opts: { zone: string; source: string }): Merged {
  const old = splitCalendar(existing, opts.zone);
  const starts = old.events.flatMap((e) => (e.start === null ? [] : [e.start]));
  const read = (text: string) =>
    readCalendar(text, {
      zone: opts.zone,
      source: opts.source,
      from: Math.min(window.from, ...starts) - 86_400_000,
      to: DateTime.fromMillis(Math.max(window.to, ...starts), { zone: opts.zone })
        .plus({ years: 1 })
        .toMillis(),
    }).entries;
  const before = read(existing);
  const merged = mergeCalendars(generated, old, window, before, opts.zone);
  const lost = lostInMerge(before, read(merged.text), window);
  if (lost.length > 0) {
    const day = (ms: number) => DateTime.fromMillis(ms, { zone: opts.zone }).toFormat('yyyy-MM-dd');
    const named = lost.slice(0, 3).map((e) => `"${e.summary || '(no SUMMARY)'}" on ${day(e.start)} (UID ${e.uid || '(no UID)'})`);
    throw new UsageError(
      `refusing to merge: it would remove ${lost.length} event${lost.length === 1 ? '' : 's'} outside the generated weeks from ${opts.source}: ${named.join(', ')}${lost.length > 3 ? `, and ${lost.length - 3} more` : ''}`,
      'nothing was written; pass --force (without --merge) to replace the whole calendar, or edit those events by hand',
    );
  }
  return merged;
}
