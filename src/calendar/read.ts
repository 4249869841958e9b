import { createRequire } from 'node:module';
import { DateTime, IANAZone } from 'luxon';
import type { CalendarEntry } from '../core/rotation.js';
import { UsageError } from '../core/errors.js';

type NodeIcal = typeof import('node-ical');
type VEvent = import('node-ical').VEvent;
type DateWithTimeZone = import('node-ical').DateWithTimeZone;

// The CommonJS build loads in about half the time of the ESM one, and only
// commands that read calendars pay for it.
let nodeIcal: NodeIcal | undefined;
function loadNodeIcal(): NodeIcal {
  nodeIcal ??= createRequire(import.meta.url)('node-ical') as NodeIcal;
  return nodeIcal;
}

export interface ReadOptions {
  /** the team's zone: all-day and floating times are read in it, never the host's */
  zone: string;
  /** expand recurring events over [from, to] (epoch ms) */
  from: number;
  to: number;
  /** names the file in warnings and errors */
  source: string;
}

export interface ReadResult {
  entries: CalendarEntry[];
  warnings: string[];
}

/**
 * Reads every event instance of an iCalendar text within a window. Tolerant:
 * an event that node-ical cannot parse or expand is skipped with a warning
 * naming it; the rest of the file is kept. A text that is not a calendar at
 * all is a UsageError naming the file.
 */
export function readCalendar(text: string, opts: ReadOptions): ReadResult {
  const warnings: string[] = [];
  const cleaned = normalise(text, opts.source, warnings);
  const events = parseTolerantly(cleaned, opts.source, warnings, originalLines(text));
  const entries: CalendarEntry[] = [];
  for (const ev of events) {
    try {
      entries.push(...expand(ev, opts, warnings));
    } catch (e) {
      warnings.push(`${opts.source}: skipped event ${describe(ev)}: ${(e as Error).message}`);
    }
  }
  entries.sort((a, b) => a.start - b.start || cmp(a.summary, b.summary) || cmp(a.uid, b.uid));
  return { entries, warnings };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function normalise(text: string, source: string, warnings: string[]): string {
  if (text.includes('\u0000')) throw new UsageError(`${source} is not an iCalendar file (it holds binary data)`, 'point --calendar or "rotation" at an .ics export');
  let t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') throw new UsageError(`${source} is empty`, 'export the rotation calendar again, or point --calendar at another .ics file');
  if (!/^BEGIN:VCALENDAR/im.test(t)) throw new UsageError(`${source} is not an iCalendar file (no BEGIN:VCALENDAR)`, 'point --calendar or "rotation" at an .ics export');
  // Unfold first so that TZIDs split across lines can be recognised.
  t = t.replace(/\r?\n[ \t]/g, '');
  // libical (Evolution) prefixes zone names: /freeassociation.sourceforge.net/Tzfile/America/Los_Angeles.
  t = t.replace(/(TZID[=:]"?)(\/[^";:,\r\n]+)/g, (_all, head: string, tzid: string) => head + (ianaSuffix(tzid) ?? tzid));
  t = mapUnknownZones(t);
  // Microsoft CDO writes "BYDAY=MO, TU, WE"; node-ical rejects the spaces.
  t = t.replace(/^(RRULE|EXRULE)([;:].*)$/gim, (line) => line.replace(/,\s+/g, ','));
  if (!/^END:VCALENDAR/im.test(t)) {
    // A truncated download: keep every whole event, drop the one cut off.
    const open = t.search(/^BEGIN:VEVENT(?![\s\S]*^BEGIN:VEVENT)/im);
    if (open >= 0 && !/^END:VEVENT/im.test(t.slice(open))) {
      warnings.push(`${source}:${t.slice(0, open).split('\n').length}: the file ends inside an event (truncated?); that event was skipped`);
      t = t.slice(0, open);
    }
    t = `${t.replace(/\s*$/, '')}\r\nEND:VCALENDAR\r\n`;
  }
  return t;
}

function ianaSuffix(tzid: string): string | undefined {
  const parts = tzid.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (IANAZone.isValidZone(candidate)) return candidate;
  }
  return undefined;
}

const WINDOWS_OR_DISPLAY_NAME = /^(?:[A-Za-z .]+ (?:Standard|Daylight) Time|\((?:UTC|GMT)[^)]*\).*)$/;
const PREFERRED_AREAS = ['Europe/', 'America/', 'Asia/', 'Australia/', 'Pacific/', 'Africa/', 'Atlantic/', 'Indian/'];

function offsetMinutes(text: string | undefined): number | undefined {
  const m = /^([+-])(\d{2})(\d{2})/.exec(text?.trim() ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/**
 * Some exporters (Microsoft CDO, custom servers) name zones that node-ical
 * cannot resolve, and it then silently reads the times in the host's zone.
 * Give such a VTIMEZONE an IANA name: its X-LIC-LOCATION, else a zone whose
 * winter and summer offsets match its STANDARD and DAYLIGHT ones.
 */
function mapUnknownZones(text: string): string {
  const renames = new Map<string, string>();
  for (const block of text.match(/^BEGIN:VTIMEZONE[\s\S]*?^END:VTIMEZONE/gim) ?? []) {
    const tzid = /^TZID[^:]*:(.*)$/im.exec(block)?.[1]?.trim().replace(/^"|"$/g, '');
    if (!tzid || IANAZone.isValidZone(tzid) || WINDOWS_OR_DISPLAY_NAME.test(tzid)) continue;
    const location = /^X-LIC-LOCATION:(.*)$/im.exec(block)?.[1]?.trim();
    if (location && IANAZone.isValidZone(location)) {
      renames.set(tzid, location);
      continue;
    }
    const std = offsetMinutes(/BEGIN:STANDARD[\s\S]*?TZOFFSETTO:([^\r\n]+)/i.exec(block)?.[1]);
    const dst = offsetMinutes(/BEGIN:DAYLIGHT[\s\S]*?TZOFFSETTO:([^\r\n]+)/i.exec(block)?.[1]) ?? std;
    if (std === undefined) continue;
    const year = new Date().getUTCFullYear();
    const zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    const rank = (z: string) => {
      const i = PREFERRED_AREAS.findIndex((a) => z.startsWith(a));
      return i < 0 ? PREFERRED_AREAS.length : i;
    };
    const match = zones
      .filter((z) => {
        const jan = DateTime.fromObject({ year, month: 1, day: 15 }, { zone: z }).offset;
        const jul = DateTime.fromObject({ year, month: 7, day: 15 }, { zone: z }).offset;
        const north = (dst ?? std) >= std;
        return north ? jan === std && jul === dst : jan === dst && jul === std;
      })
      .sort((a, b) => rank(a) - rank(b) || cmp(a, b))[0];
    if (match) renames.set(tzid, match);
  }
  if (renames.size === 0) return text;
  return text.replace(/(TZID[=:])("?)([^";:\r\n]+)\2/g, (all, head: string, _q: string, name: string) => {
    const to = renames.get(name.trim());
    return to ? `${head}${to}` : all;
  });
}

/** node-ical reports through console.warn; keep those lines out of our stderr. */
function quietly<T>(fn: () => T, sink: string[]): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void sink.push(args.map(String).join(' '));
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

/** For each line of the unfolded text, its line number in the file as written. */
function originalLines(text: string): number[] {
  const map: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!/^[ \t]/.test(line) || map.length === 0) map.push(i + 1);
  });
  return map;
}

function parseTolerantly(text: string, source: string, warnings: string[], lineMap: number[]): VEvent[] {
  const ical = loadNodeIcal();
  const libNotes: string[] = [];
  try {
    const data = quietly(() => ical.sync.parseICS(text), libNotes);
    return Object.values(data).filter((c): c is VEvent => !!c && (c as { type?: string }).type === 'VEVENT');
  } catch {
    // One malformed event makes node-ical reject the whole file: retry event by event.
  }
  const lines = text.split(/\r?\n/);
  const header: string[] = [];
  const blocks: Array<{ line: number; text: string }> = [];
  let depth = 0;
  let current: string[] | null = null;
  let currentLine = 0;
  let inTimezone = false;
  lines.forEach((line, i) => {
    if (/^BEGIN:VEVENT/i.test(line) && depth === 0) {
      current = [line];
      currentLine = lineMap[i] ?? i + 1;
      depth = 1;
      return;
    }
    if (current) {
      current.push(line);
      if (/^BEGIN:/i.test(line)) depth++;
      if (/^END:/i.test(line)) depth--;
      if (depth === 0) {
        blocks.push({ line: currentLine, text: current.join('\r\n') });
        current = null;
      }
      return;
    }
    if (/^BEGIN:VTIMEZONE/i.test(line)) inTimezone = true;
    if (inTimezone || /^(BEGIN:VCALENDAR|VERSION|PRODID|CALSCALE|X-WR-TIMEZONE)/i.test(line)) header.push(line);
    if (/^END:VTIMEZONE/i.test(line)) inTimezone = false;
  });
  const events: VEvent[] = [];
  for (const block of blocks) {
    try {
      const data = quietly(() => ical.sync.parseICS([...header, block.text, 'END:VCALENDAR', ''].join('\r\n')), libNotes);
      events.push(...Object.values(data).filter((c): c is VEvent => !!c && (c as { type?: string }).type === 'VEVENT'));
    } catch (e) {
      const uid = /^UID:(.*)$/im.exec(block.text)?.[1]?.trim() ?? '(no UID)';
      const summary = /^SUMMARY[^:]*:(.*)$/im.exec(block.text)?.[1]?.trim() ?? '(no SUMMARY)';
      warnings.push(`${source}:${block.line}: skipped event "${summary}" (UID ${uid}): ${(e as Error).message}`);
    }
  }
  if (blocks.length > 0 && events.length === 0) {
    throw new UsageError(`${source}: no event could be read (${warnings.length} malformed)`, warnings[0]);
  }
  return events;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'val' in value) return text((value as { val: unknown }).val);
  return String(value);
}

function describe(ev: VEvent): string {
  return `"${text(ev.summary) || '(no SUMMARY)'}" (UID ${ev.uid ?? '(no UID)'})`;
}

function categoriesOf(ev: VEvent): string[] {
  const c = (ev as { categories?: unknown }).categories;
  if (!c) return [];
  return (Array.isArray(c) ? c : [c]).flatMap((x) => text(x).split(',')).map((s) => s.trim()).filter(Boolean);
}

function attendeesOf(ev: VEvent): string[] {
  const a = (ev as { attendee?: unknown }).attendee;
  if (!a) return [];
  return (Array.isArray(a) ? a : [a])
    .map((x) => text(x).replace(/^mailto:/i, '').trim())
    .filter((s) => s.includes('@'));
}

function isDateOnly(d: DateWithTimeZone | undefined, ev: VEvent): boolean {
  return Boolean((d as { dateOnly?: boolean } | undefined)?.dateOnly) || ev.datetype === 'date';
}

/**
 * node-ical hands back all-day and floating times as wall-clock times of the
 * host's zone. Read those wall-clock fields back and place them in the team's zone.
 */
function toInstant(d: Date, wallClock: boolean, zone: string): number {
  if (!wallClock) return d.getTime();
  return DateTime.fromObject(
    { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() },
    { zone },
  ).toMillis();
}

function isFloating(d: DateWithTimeZone | undefined): boolean {
  return !!d && !(d as { tz?: string }).tz && !(d as { dateOnly?: boolean }).dateOnly;
}

function modifiedOf(ev: VEvent): number {
  const m = (ev as { lastmodified?: Date }).lastmodified ?? ev.dtstamp;
  return m instanceof Date && !Number.isNaN(m.getTime()) ? m.getTime() : 0;
}

function expand(ev: VEvent, opts: ReadOptions, warnings: string[]): CalendarEntry[] {
  const ical = loadNodeIcal();
  if (!ev.start) throw new Error('it has no DTSTART');
  const notes: string[] = [];
  // EXDATEs are applied below: node-ical matches floating ones in the host's zone.
  const instances = quietly(
    () => ical.expandRecurringEvent(ev, { from: new Date(opts.from), to: new Date(opts.to), expandOngoing: true, excludeExdates: false }),
    notes,
  );
  const excluded = exdateMatcher(ev, opts.zone);
  const out: CalendarEntry[] = [];
  const seen = new Set<number>();
  const masterSeq = ev.sequence ?? 0;
  for (const inst of instances) {
    const source = inst.event ?? ev;
    if ((source as { status?: string }).status === 'CANCELLED') continue;
    // An override whose date a newer master has since removed with EXDATE is stale.
    if (inst.isOverride && (source.sequence ?? 0) < masterSeq && isExcluded(ev, source.recurrenceid)) continue;
    const allDay = inst.isFullDay || isDateOnly(inst.start, ev);
    const start = toInstant(inst.start, allDay || isFloating(inst.start), opts.zone);
    if (inst.isRecurring && !inst.isOverride && excluded(start)) continue;
    let end = inst.end ? toInstant(inst.end, allDay || isFloating(inst.end), opts.zone) : start;
    if (inst.isRecurring && !inst.isOverride && !allDay) end = wallClockEnd(ev, start, opts.zone) ?? end;
    if (allDay && end <= start) end = DateTime.fromMillis(start, { zone: opts.zone }).plus({ days: 1 }).toMillis();
    seen.add(start);
    out.push(entry(source, ev, start, end, allDay));
  }
  out.push(...rdateEntries(ev, opts, seen, warnings));
  return out;
}

/**
 * node-ical gives every instance the master's exact duration, so a Monday
 * 08:00-to-Monday-08:00 shift ends at 07:00 or 09:00 in a DST week. Calendar
 * apps, and the people on duty, keep the wall-clock length: so do we.
 */
function wallClockEnd(master: VEvent, start: number, teamZone: string): number | undefined {
  if (!master.end) return undefined;
  const tz = (master.start as { tz?: string }).tz;
  const zone = tz && IANAZone.isValidZone(tz) ? tz : isFloating(master.start) ? teamZone : undefined;
  if (!zone) return undefined;
  const floating = isFloating(master.start);
  const s0 = DateTime.fromMillis(toInstant(master.start, floating, teamZone), { zone });
  const e0 = DateTime.fromMillis(toInstant(master.end, floating, teamZone), { zone });
  const length = e0.diff(s0, ['days', 'hours', 'minutes', 'seconds']);
  return DateTime.fromMillis(start, { zone }).plus(length).toMillis();
}

/** The zone DTSTART's wall-clock is read in: its TZID, UTC for a Z time, else the team's. */
function startZone(ev: VEvent, teamZone: string): string {
  const tz = (ev.start as { tz?: string }).tz;
  if (tz && IANAZone.isValidZone(tz)) return tz;
  return teamZone;
}

/**
 * Whether an instance starting at `start` is removed by an EXDATE. A DATE
 * value removes the instance on that date; a value without a zone is read in
 * DTSTART's zone (RFC 5545 wants EXDATE to match DTSTART's type), so the
 * answer never depends on the host's TZ.
 */
function exdateMatcher(ev: VEvent, teamZone: string): (start: number) => boolean {
  const values = Object.values(ev.exdate ?? {}) as DateWithTimeZone[];
  if (values.length === 0) return () => false;
  const zone = startZone(ev, teamZone);
  const instants = new Set<number>();
  const dates = new Set<string>();
  for (const d of values) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) continue;
    if ((d as { dateOnly?: boolean }).dateOnly) {
      dates.add(DateTime.fromObject({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() }).toISODate()!);
    } else {
      instants.add(isFloating(d) ? toInstant(d, true, zone) : d.getTime());
    }
  }
  return (start) => instants.has(start) || dates.has(DateTime.fromMillis(start, { zone }).toISODate()!);
}

function isExcluded(master: VEvent, recurrenceId: Date | undefined): boolean {
  if (!recurrenceId || !master.exdate) return false;
  const iso = recurrenceId.toISOString();
  return Object.prototype.hasOwnProperty.call(master.exdate, iso) || Object.prototype.hasOwnProperty.call(master.exdate, iso.slice(0, 10));
}

function entry(source: VEvent, master: VEvent, start: number, end: number, allDay: boolean): CalendarEntry {
  return {
    uid: master.uid ?? source.uid ?? '',
    summary: text(source.summary ?? master.summary).trim(),
    description: text(source.description ?? master.description),
    categories: categoriesOf(source).length ? categoriesOf(source) : categoriesOf(master),
    attendees: attendeesOf(source).length ? attendeesOf(source) : attendeesOf(master),
    start,
    end,
    modified: Math.max(modifiedOf(source), modifiedOf(master)),
    allDay,
  };
}

/** node-ical does not expand RDATE, so a shift added that way would vanish: expand it here. */
function rdateEntries(ev: VEvent, opts: ReadOptions, seen: Set<number>, warnings: string[]): CalendarEntry[] {
  const raw = (ev as { rdate?: unknown }).rdate;
  if (!raw) return [];
  const allDay = isDateOnly(ev.start, ev);
  const masterStart = toInstant(ev.start, allDay || isFloating(ev.start), opts.zone);
  const masterEnd = ev.end ? toInstant(ev.end, allDay || isFloating(ev.end), opts.zone) : masterStart;
  const duration = Math.max(masterEnd - masterStart, allDay ? 86_400_000 : 0);
  const out: CalendarEntry[] = [];
  // An override whose RECURRENCE-ID names an RDATE replaces that instance.
  const replaced = new Set(
    Object.values(ev.recurrences ?? {}).flatMap((r) => (r.recurrenceid instanceof Date ? [r.recurrenceid.getTime()] : [])),
  );
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    const params = (typeof item === 'object' && item && 'params' in item ? (item as { params: Record<string, string> }).params : {}) ?? {};
    for (const value of text(item).split(',')) {
      const [first, second] = value.trim().split('/');
      const start = icalTime(first, params.TZID, opts.zone);
      if (start === undefined) {
        warnings.push(`${opts.source}: ignored RDATE "${value}" of ${describe(ev)}`);
        continue;
      }
      let end = start + duration;
      if (second) end = /^P/i.test(second) ? start + isoDurationMs(second) : icalTime(second, params.TZID, opts.zone) ?? end;
      if (end < opts.from || start > opts.to || seen.has(start) || replaced.has(start)) continue;
      if (isExcluded(ev, new Date(start))) continue;
      seen.add(start);
      out.push(entry(ev, ev, start, end, allDay));
    }
  }
  return out;
}

function icalTime(value: string | undefined, tzid: string | undefined, zone: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', z] = m;
  const where = z ? 'UTC' : tzid && IANAZone.isValidZone(tzid) ? tzid : zone;
  const t = DateTime.fromObject({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s }, { zone: where });
  return t.isValid ? t.toMillis() : undefined;
}

function isoDurationMs(text: string): number {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (!m) return 0;
  const [, w = 0, d = 0, h = 0, mi = 0, s = 0] = m;
  return ((((+w * 7 + +d) * 24 + +h) * 60 + +mi) * 60 + +s) * 1000;
}
