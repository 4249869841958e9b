import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import { offsetTable, wallClockToInstant } from './offsets.js';
import type { CalendarEntry } from '../core/rotation.js';
import { UsageError } from '../core/errors.js';
import { isFixedOffset, isKnownZone, luxonZone, prepareLines } from './prepare.js';

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
  const lineMap = originalLines(text);
  const { lines, extraRules } = prepareLines(normalise(text, opts.source, warnings).split(/\r?\n/), opts, warnings, lineMap);
  const events = parseTolerantly(lines.join('\r\n'), opts.source, warnings, lineMap);
  const window = { from: opts.from, to: opts.to };
  const entries: CalendarEntry[] = [];
  for (const ev of events) {
    try {
      entries.push(...expand(ev, opts, warnings, extraRules.get(ev.uid ?? '')).filter((e) => e.end >= window.from && e.start <= window.to));
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
  if (text.includes('\u0000'))
    throw new UsageError(`${source} is not an iCalendar file (it holds binary data)`, 'point --calendar or "rotation" at an .ics export');
  // A BOM, or blanks before BEGIN:VCALENDAR (some generators indent it): keep only the line breaks.
  let t = text.replace(/^[\s\uFEFF]+(?=BEGIN:VCALENDAR)/i, (lead) => lead.replace(/[^\n]/g, ''));
  if (t.trim() === '')
    throw new UsageError(`${source} is empty`, 'export the rotation calendar again, or point --calendar at another .ics file');
  if (!/^BEGIN:VCALENDAR/im.test(t))
    throw new UsageError(`${source} is not an iCalendar file (no BEGIN:VCALENDAR)`, 'point --calendar or "rotation" at an .ics export');
  // Unfold first so that TZIDs split across lines can be recognised.
  t = t.replace(/\r?\n[ \t]/g, '');
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
  return (Array.isArray(c) ? c : [c])
    .flatMap((x) => text(x).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

function attendeesOf(ev: VEvent): string[] {
  const a = (ev as { attendee?: unknown }).attendee;
  if (!a) return [];
  return (Array.isArray(a) ? a : [a])
    .map((x) =>
      text(x)
        .replace(/^mailto:/i, '')
        .trim(),
    )
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
  return (
    wallClockToInstant(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), zone) ?? Number.NaN
  );
}

/** prepareLines gives every date-time a zone, so this is a safety net for values it could not read. */
function isFloating(d: DateWithTimeZone | undefined): boolean {
  return !!d && !(d as { tz?: string }).tz && !(d as { dateOnly?: boolean }).dateOnly;
}

function modifiedOf(ev: VEvent): number {
  const m = (ev as { lastmodified?: Date }).lastmodified ?? ev.dtstamp;
  return m instanceof Date && !Number.isNaN(m.getTime()) ? m.getTime() : 0;
}

type Instance = ReturnType<NodeIcal['expandRecurringEvent']>[number];

/** node-ical cuts its window in the host's zone: ask it for two more days each side, and cut in readCalendar. */
const PAD = 2 * 86_400_000;

function expand(ev: VEvent, opts: ReadOptions, warnings: string[], extra?: { dtstart: string; rules: string[] }): CalendarEntry[] {
  const ical = loadNodeIcal();
  if (!(ev.start instanceof Date) || Number.isNaN(ev.start.getTime())) throw new Error('it has no DTSTART');
  const range = { from: new Date(opts.from - PAD), to: new Date(opts.to + PAD), expandOngoing: true, excludeExdates: false };
  const notes: string[] = [];
  const allDayEvent = isDateOnly(ev.start, ev);
  const at = (d: Date, allDay: boolean) => toInstant(d, allDay || isFloating(d), opts.zone);
  if (ev.end instanceof Date && at(ev.end, allDayEvent) < at(ev.start, allDayEvent)) throw new Error('its DTEND is before its DTSTART');

  let instances: Instance[];
  if (ev.recurrenceid && !ev.rrule) {
    // Overrides whose master is not in the file: each is a whole instance of its own.
    const parts = new Map<number, VEvent>();
    for (const part of [ev, ...(Object.values(ev.recurrences ?? {}) as VEvent[])]) {
      if (part.start instanceof Date)
        parts.set(part.recurrenceid ? at(part.recurrenceid, isDateOnly(part.recurrenceid, part)) : at(part.start, false), part);
    }
    instances = [...parts.values()].flatMap((part) =>
      quietly(() => ical.expandRecurringEvent({ ...part, rrule: undefined, recurrences: undefined } as VEvent, range), notes),
    );
  } else {
    instances = quietly(() => ical.expandRecurringEvent(ev, range), notes);
    for (const rule of extra?.rules ?? []) {
      const other = otherRule(extra!.dtstart, rule);
      if (other) instances.push(...quietly(() => ical.expandRecurringEvent({ ...ev, rrule: other } as VEvent, range), notes));
      else warnings.push(`${opts.source}: ignored the rule "${rule}" of ${describe(ev)}`);
    }
  }

  const excluded = exdateMatcher(ev, opts.zone);
  const recurring = Boolean(ev.rrule || (ev as { rdate?: unknown }).rdate);
  const masterSeq = ev.sequence ?? 0;
  const length = ev.rrule ? wallClockLength(ev, opts.zone) : undefined;
  const out: CalendarEntry[] = [];
  /** the starts of the series' own instances (not overrides): an RDATE or DTSTART there is the same instance */
  const seen = new Set<number>();
  /**
   * The instants that overrides name by RECURRENCE-ID. An override replaces
   * only the instance it names (RFC 5545 §3.8.4.4): one moved onto another
   * instance's start leaves that instance standing (a Thunderbird export).
   */
  const replaced = new Set<number>();
  for (const inst of instances)
    if (inst.isOverride && inst.event?.recurrenceid) replaced.add(recurrenceInstant(inst.event.recurrenceid, allDayEvent, opts.zone));
  /** the original instants that an instance, kept or replaced, already stands for */
  const covered = new Set<number>(replaced);
  for (const inst of instances) {
    const source = inst.event ?? ev;
    const allDay = inst.isFullDay || isDateOnly(inst.start, ev);
    const start = at(inst.start, allDay);
    if (!inst.isOverride) covered.add(start);
    if ((source as { status?: string }).status === 'CANCELLED') continue;
    // An override whose date a newer master has since removed with EXDATE is stale.
    if (
      inst.isOverride &&
      (source.sequence ?? 0) < masterSeq &&
      source.recurrenceid &&
      excluded(recurrenceInstant(source.recurrenceid, allDayEvent, opts.zone))
    )
      continue;
    if (inst.isRecurring && !inst.isOverride && excluded(start)) continue;
    if (!inst.isOverride && (seen.has(start) || replaced.has(start))) continue;
    let end = inst.end ? at(inst.end, allDay) : start;
    if (inst.isOverride && end < start) {
      // The override's DTSTART says where the shift went; an end before it is a slip: keep the series' length.
      end = length ? length(start) : start + Math.max(0, seriesLength(ev, opts.zone));
      warnings.push(
        `${opts.source}: the override of ${describe(ev)} for ${isoOf(replacedOf(source, allDayEvent, opts.zone))} ends before it starts; read with the series' length, from ${isoOf(start)} to ${isoOf(end)}`,
      );
    }
    const exactEnd = end;
    if (inst.isRecurring && !inst.isOverride && !allDay && length) end = length(start);
    if (allDay && end <= start) end = DateTime.fromMillis(start, { zone: opts.zone }).plus({ days: 1 }).toMillis();
    if (!inst.isOverride) seen.add(start);
    const recurrence = inst.isOverride
      ? { of: replacedOf(source, allDayEvent, opts.zone), override: true }
      : recurring
        ? { of: start, override: false }
        : undefined;
    out.push({
      ...entry(source, ev, start, end, allDay),
      ...(end !== exactEnd && !allDay ? { exactEnd } : {}),
      ...(recurrence ? { recurrence } : {}),
    });
  }
  // RFC 5545 counts DTSTART as the first instance, even when the rule would not produce it.
  if (ev.rrule && !ev.recurrenceid) {
    const start = at(ev.start, allDayEvent);
    if (!covered.has(start) && !excluded(start) && (ev as { status?: string }).status !== 'CANCELLED') {
      let end = ev.end instanceof Date ? at(ev.end, allDayEvent) : start;
      if (allDayEvent && end <= start) end = DateTime.fromMillis(start, { zone: opts.zone }).plus({ days: 1 }).toMillis();
      seen.add(start);
      out.push({ ...entry(ev, ev, start, end, allDayEvent), recurrence: { of: start, override: false } });
    }
  }
  out.push(...rdateEntries(ev, opts, seen, warnings));
  return out;
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function replacedOf(override: VEvent, allDaySeries: boolean, zone: string): number {
  return override.recurrenceid ? recurrenceInstant(override.recurrenceid, allDaySeries, zone) : Number.NaN;
}

/** DTEND - DTSTART of a master, in ms (0 without DTEND). */
function seriesLength(master: VEvent, zone: string): number {
  const allDay = isDateOnly(master.start, master);
  if (!(master.end instanceof Date)) return allDay ? 86_400_000 : 0;
  return toInstant(master.end, allDay || isFloating(master.end), zone) - toInstant(master.start, allDay || isFloating(master.start), zone);
}

/** An RRULE after the first: node-ical keeps only one, so parse it on its own against the same DTSTART. */
function otherRule(dtstart: string, rule: string): VEvent['rrule'] | undefined {
  try {
    const data = loadNodeIcal().sync.parseICS(
      ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:rule', dtstart, rule, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'),
    );
    return (data.rule as VEvent | undefined)?.rrule;
  } catch {
    return undefined;
  }
}

/** The instant a RECURRENCE-ID names; for an all-day series, midnight of its date in the team's zone. */
function recurrenceInstant(d: DateWithTimeZone, allDaySeries: boolean, zone: string): number {
  if ((d as { dateOnly?: boolean }).dateOnly) return toInstant(d, true, zone);
  if (!allDaySeries) return isFloating(d) ? toInstant(d, true, zone) : d.getTime();
  // Exchange names the instances of an all-day series by a DATE-TIME: take its date where it was written.
  const tz = (d as { tz?: string }).tz;
  const date = DateTime.fromMillis(d.getTime(), { zone: tz && isKnownZone(tz) ? luxonZone(tz) : 'UTC' });
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone }).toMillis();
}

/**
 * node-ical gives every instance the master's exact duration, so a Monday
 * 08:00-to-Monday-08:00 shift ends at 07:00 or 09:00 in a DST week. Calendar
 * apps, and the people on duty, keep the wall-clock length: so do we
 * (RFC 5545 §3.8.5.3 would keep the exact duration; the README says why not).
 */
function wallClockLength(master: VEvent, teamZone: string): ((start: number) => number) | undefined {
  if (!(master.end instanceof Date) || isDateOnly(master.start, master)) return undefined;
  const tz = (master.start as { tz?: string }).tz;
  const zone = tz && isKnownZone(tz) ? tz : isFloating(master.start) ? teamZone : undefined;
  if (!zone || isFixedOffset(zone)) return undefined;
  const floating = isFloating(master.start);
  const s0 = DateTime.fromMillis(toInstant(master.start, floating, teamZone), { zone });
  const e0 = DateTime.fromMillis(toInstant(master.end, floating, teamZone), { zone });
  const length = e0.diff(s0, ['days', 'hours', 'minutes', 'seconds']);
  const exact = e0.toMillis() - s0.toMillis();
  const offsets = offsetTable(zone);
  // Only an instance across a change of offset needs the (slower) calendar arithmetic.
  if (!offsets || offsets.at(s0.toMillis()) !== offsets.at(e0.toMillis()))
    return (start) => DateTime.fromMillis(start, { zone }).plus(length).toMillis();
  return (start) =>
    offsets.at(start) === offsets.at(start + exact) ? start + exact : DateTime.fromMillis(start, { zone }).plus(length).toMillis();
}

/** The zone DTSTART's wall-clock is read in: its TZID, else the team's. */
function startZone(ev: VEvent, teamZone: string): string {
  const tz = (ev.start as { tz?: string }).tz;
  return tz && isKnownZone(tz) ? luxonZone(tz) : teamZone;
}

/**
 * Whether an instance starting at `start` is removed by an EXDATE. A DATE
 * value removes the instance on that date in DTSTART's zone; prepareLines has
 * given every other value a zone, so the answer never depends on the host's TZ.
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
      dates.add(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    } else {
      instants.add(isFloating(d) ? toInstant(d, true, zone) : d.getTime());
    }
  }
  return (start) => instants.has(start) || (dates.size > 0 && dates.has(DateTime.fromMillis(start, { zone }).toISODate()!));
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
  const excluded = exdateMatcher(ev, opts.zone);
  const out: CalendarEntry[] = [];
  // An override whose RECURRENCE-ID names an RDATE replaces that instance.
  const replaced = new Set(
    Object.values(ev.recurrences ?? {}).flatMap((r) =>
      r.recurrenceid instanceof Date ? [recurrenceInstant(r.recurrenceid, allDay, opts.zone)] : [],
    ),
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
      if (second) end = /^P/i.test(second) ? start + isoDurationMs(second) : (icalTime(second, params.TZID, opts.zone) ?? end);
      if (end < opts.from || start > opts.to || seen.has(start) || replaced.has(start)) continue;
      if (excluded(start)) continue;
      seen.add(start);
      out.push({ ...entry(ev, ev, start, end, allDay), recurrence: { of: start, override: false } });
    }
  }
  return out;
}

function icalTime(value: string | undefined, tzid: string | undefined, zone: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', z] = m;
  const where = z ? 'UTC' : tzid && isKnownZone(tzid) ? luxonZone(tzid) : zone;
  const t = DateTime.fromObject({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s }, { zone: where });
  return t.isValid ? t.toMillis() : undefined;
}

function isoDurationMs(text: string): number {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text);
  if (!m) return 0;
  const [, w = 0, d = 0, h = 0, mi = 0, s = 0] = m;
  return ((((+w * 7 + +d) * 24 + +h) * 60 + +mi) * 60 + +s) * 1000;
}
