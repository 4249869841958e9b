import { DateTime, IANAZone } from 'luxon';
import type { CalendarEntry } from '../core/rotation.js';
import type { MergeWindow } from '../core/calendarMerge.js';
import { givesWay } from '../core/calendarMerge.js';

/**
 * Text-level editing of iCalendar files, for the two writers that must keep
 * what they did not make byte for byte: `schedule generate --merge` (earlier
 * events kept as they were) and `schedule swap` (one event rewritten).
 */
export interface RawEvent {
  /** the VEVENT block as written, folded lines and all, without a final newline */
  raw: string;
  uid: string | null;
  /** DTSTART as epoch ms, null when it cannot be read */
  start: number | null;
}

export interface RawCalendar {
  timezones: string[];
  events: RawEvent[];
}

function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}

function property(block: string, name: string): { params: string; value: string } | null {
  const m = new RegExp(`^${name}((?:;[^:\\r\\n]*)?):(.*)$`, 'im').exec(unfold(block));
  return m ? { params: m[1] ?? '', value: m[2]!.trim() } : null;
}

/** DTSTART of a block, read in its TZID, as UTC for Z, else in the team's zone. */
export function blockStart(block: string, zone: string): number | null {
  const p = property(block, 'DTSTART');
  if (!p) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(p.value);
  if (!m) return null;
  const tzid = /TZID="?([^";:]+)"?/i.exec(p.params)?.[1];
  const where = m[7] ? 'UTC' : tzid && IANAZone.isValidZone(tzid) ? tzid : zone;
  const t = DateTime.fromObject(
    { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) },
    { zone: where },
  );
  return t.isValid ? t.toMillis() : null;
}

export function splitCalendar(text: string, zone: string): RawCalendar {
  const normal = text.replace(/\r?\n/g, '\r\n');
  const timezones = normal.match(/^BEGIN:VTIMEZONE\r\n[\s\S]*?^END:VTIMEZONE$/gm) ?? [];
  const events = (normal.match(/^BEGIN:VEVENT\r\n[\s\S]*?^END:VEVENT$/gm) ?? []).map((raw) => ({
    raw,
    uid: property(raw, 'UID')?.value ?? null,
    start: blockStart(raw, zone),
  }));
  return { timezones, events };
}

/** Folds a content line at 75 octets, as RFC 5545 asks, without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * Rewrites one VEVENT: `set` replaces (or adds) properties by name, `drop`
 * removes every line of the named properties. Other lines stay as they were.
 */
export function rewriteEvent(raw: string, set: Record<string, string>, drop: string[] = []): string {
  const lines = unfold(raw).split(/\r\n/);
  const names = new Set([...Object.keys(set), ...drop].map((n) => n.toUpperCase()));
  const kept = lines.filter((l) => !names.has(/^([A-Z0-9-]+)/i.exec(l)?.[1]?.toUpperCase() ?? ''));
  const end = kept.lastIndexOf('END:VEVENT');
  const added = Object.entries(set).map(([name, line]) => (line.startsWith(name) ? line : `${name}:${line}`));
  kept.splice(end, 0, ...added);
  return kept.map(foldLine).join('\r\n');
}

/** An event the reader takes for a shift: its SUMMARY or CATEGORIES names a role (docs/config.md#reading-the-calendar). */
export function isShiftEvent(raw: string): boolean {
  return ['SUMMARY', 'CATEGORIES'].some((name) => /\b(primary|backup)\b/i.test(property(raw, name)?.value ?? ''));
}

export interface Merged {
  text: string;
  /** existing events kept before the generated weeks (and those whose start cannot be read) */
  keptBefore: number;
  /** existing events kept after the generated weeks */
  keptAfter: number;
  /** existing events inside the generated weeks that are not shifts, kept */
  keptInside: number;
  /** existing events the generated weeks replace: one-off shifts and overrides inside them, and any event with a generated UID */
  replaced: RawEvent[];
  /** instances of recurring shifts inside the generated weeks, removed from their series by EXDATE */
  excluded: number;
}

/** Adds lines just before a VEVENT's END:VEVENT, folded; the rest stays byte for byte. */
function addLines(raw: string, lines: string[]): string {
  const end = raw.lastIndexOf('END:VEVENT');
  return `${raw.slice(0, end)}${lines.map((l) => `${foldLine(l)}\r\n`).join('')}${raw.slice(end)}`;
}

/**
 * EXDATE values in the form of the series' DTSTART: a DATE for an all-day
 * series, the wall-clock time in DTSTART's IANA zone, a floating time in
 * the team's zone, else UTC (RFC 5545 asks only for the same value type).
 */
function exdateLine(raw: string, instants: number[], zone: string): string {
  const p = property(raw, 'DTSTART');
  const params = p?.params ?? '';
  const value = p?.value ?? '';
  const sorted = [...instants].sort((a, b) => a - b);
  if (/VALUE=DATE(?!-)/i.test(params) || /^\d{8}$/.test(value))
    return `EXDATE;VALUE=DATE:${sorted.map((t) => DateTime.fromMillis(t, { zone }).toFormat('yyyyMMdd')).join(',')}`;
  const tzid = /TZID="?([^";:]+)"?/i.exec(params)?.[1];
  const local = (where: string) => sorted.map((t) => DateTime.fromMillis(t, { zone: where }).toFormat("yyyyMMdd'T'HHmmss")).join(',');
  if (tzid && IANAZone.isValidZone(tzid)) return `EXDATE;TZID=${tzid}:${local(tzid)}`;
  if (!tzid && !value.endsWith('Z')) return `EXDATE:${local(zone)}`;
  return `EXDATE:${sorted.map((t) => DateTime.fromMillis(t, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'")).join(',')}`;
}

/**
 * The existing calendar with the generated weeks put in. Only the shifts
 * that start inside [from, to) give way (`instances`, the reader's answer
 * for the existing calendar, says which): a one-off shift or an override is
 * removed; an instance of a recurring series is removed from it by EXDATE,
 * so the series keeps every instance outside the weeks, later ones
 * included. Everything else stays byte for byte, in its place before or
 * after the generated weeks.
 */
export function mergeCalendars(
  generated: string,
  existing: RawCalendar,
  window: MergeWindow,
  instances: readonly CalendarEntry[],
  zone: string,
): Merged {
  const fresh = splitCalendar(generated, 'UTC');
  const uids = new Set(fresh.events.map((e) => e.uid));
  const inside = instances.filter((e) => givesWay(e, window));
  const exdates = new Map<string, number[]>();
  const overrides = new Set<string>();
  for (const e of inside) {
    if (!e.recurrence) continue;
    exdates.set(e.uid, [...(exdates.get(e.uid) ?? []), e.recurrence.of]);
    if (e.recurrence.override) overrides.add(`${e.uid} ${e.start}`);
  }
  const replaced: RawEvent[] = [];
  const before: RawEvent[] = [];
  const within: RawEvent[] = [];
  const after: RawEvent[] = [];
  let excluded = 0;
  for (const e of existing.events) {
    const isWithin = e.start !== null && e.start >= window.from && e.start < window.to;
    const override = property(e.raw, 'RECURRENCE-ID') !== null;
    const series = !override && (property(e.raw, 'RRULE') !== null || property(e.raw, 'RDATE') !== null);
    const gone =
      (e.uid !== null && uids.has(e.uid)) ||
      (override && overrides.has(`${e.uid} ${e.start}`)) ||
      (!series && isWithin && isShiftEvent(e.raw));
    if (gone) {
      replaced.push(e);
      continue;
    }
    let kept = e;
    const cut = series && e.uid !== null ? exdates.get(e.uid) : undefined;
    if (cut?.length) {
      kept = { ...e, raw: addLines(e.raw, [exdateLine(e.raw, cut, zone)]) };
      excluded += cut.length;
    }
    // A series that starts inside the weeks keeps only its later instances: it goes after them.
    if (isWithin && !series) within.push(kept);
    else if (isWithin || (e.start !== null && e.start >= window.to)) after.push(kept);
    else before.push(kept);
  }
  const norm = generated.replace(/\r?\n/g, '\r\n');
  const firstEvent = norm.search(/^BEGIN:VEVENT$/m);
  const head = firstEvent >= 0 ? norm.slice(0, firstEvent) : norm.replace(/END:VCALENDAR\r\n$/, '');
  const block = (events: RawEvent[]) => events.map((e) => `${e.raw}\r\n`).join('');
  const zones = existing.timezones.map((z) => `${z}\r\n`).join('');
  const text = `${head + zones + block(before) + block(fresh.events) + block(within) + block(after)}END:VCALENDAR\r\n`;
  return { text, keptBefore: before.length, keptInside: within.length, keptAfter: after.length, replaced, excluded };
}
