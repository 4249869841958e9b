import { windowsZonesTable } from './windowsZones.js';
import { DateTime, IANAZone } from 'luxon';

/**
 * Text-level repairs made before node-ical sees a calendar, so that nothing it
 * does falls back on the host's time zone. node-ical reads a time in the
 * host's zone whenever it cannot place it: an unknown TZID, a floating time,
 * a DATE where a DATE-TIME was due. Here every date-time of an event gets a
 * zone that luxon and node-ical both resolve the same way:
 *
 * - a TZID naming an IANA zone stays as it is; a Windows or display name, a
 *   VTIMEZONE's X-LIC-LOCATION, or an offset label becomes its IANA zone or a
 *   fixed `UTC±hhmm`;
 * - a custom VTIMEZONE is read from its own offsets (RFC 5545 makes them
 *   authoritative): one offset gives a fixed zone, two give the IANA zone with
 *   the same winter and summer offsets;
 * - a TZID that is neither known nor defined in the file is read in the team's
 *   zone, with one warning per file;
 * - a floating DTSTART is read in the team's zone, and a floating DTEND, EXDATE,
 *   RDATE or RECURRENCE-ID in the zone of its event's DTSTART.
 *
 * Malformed events are repaired or skipped here too, always with a warning.
 * Lines are rewritten in place, never added or removed, so line numbers in
 * warnings stay those of the file as written.
 */

export interface Prepared {
  lines: string[];
  /** the RRULEs after the first of each master event (RFC 2445 allowed several), by UID */
  extraRules: Map<string, { dtstart: string; rules: string[] }>;
}

interface Property {
  name: string;
  params: Array<[string, string]>;
  value: string;
}

const DATE_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'EXDATE', 'RDATE', 'RECURRENCE-ID']);
/** a property whose value, when invalid, leaves no event to show */
const ESSENTIAL = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID']);
const RELEVANT = new Set([...DATE_PROPS, 'RRULE', 'UID', 'SUMMARY']);
/** a line node-ical keeps as an unknown property and we ignore */
const IGNORED = 'X-VISIT-SRE-IGNORED';

export function parseProperty(line: string): Property | undefined {
  const m = /^([A-Za-z0-9-]+)/.exec(line);
  if (!m) return undefined;
  const name = m[1]!.toUpperCase();
  const params: Array<[string, string]> = [];
  let i = m[1]!.length;
  while (line[i] === ';') {
    const eq = line.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = line.slice(i + 1, eq).toUpperCase();
    let j = eq + 1;
    let value = '';
    if (line[j] === '"') {
      const close = line.indexOf('"', j + 1);
      if (close < 0) return undefined;
      value = line.slice(j + 1, close);
      j = close + 1;
    } else {
      while (j < line.length && line[j] !== ';' && line[j] !== ':') j++;
      value = line.slice(eq + 1, j);
    }
    params.push([key, value]);
    i = j;
  }
  if (line[i] !== ':') return undefined;
  return { name, params, value: line.slice(i + 1) };
}

function formatProperty(p: Property): string {
  const params = p.params.map(([k, v]) => `;${k}=${/[;:,]/.test(v) ? `"${v}"` : v}`).join('');
  return `${p.name}${params}:${p.value}`;
}

function param(p: Property, key: string): string | undefined {
  return p.params.find(([k]) => k === key)?.[1];
}

function withParam(p: Property, key: string, value: string | undefined): Property {
  const params = p.params.filter(([k]) => k !== key);
  if (value !== undefined) params.push([key, value]);
  return { ...p, params };
}

const validZones = new Map<string, boolean>();
/** An IANA name, or a fixed `UTC±hhmm` (memoised: each check builds an Intl formatter). */
export function isKnownZone(name: string | undefined): boolean {
  if (!name) return false;
  let ok = validZones.get(name);
  if (ok === undefined) {
    ok = /^UTC[+-]\d{4}$/.test(name) || IANAZone.isValidZone(name);
    validZones.set(name, ok);
  }
  return ok;
}

function offsetZone(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A fixed offset is written `UTC±hhmm`: node-ical reads it as an offset, and
 * a colon would end the TZID parameter. luxon wants `UTC±hh:mm`.
 */
export function luxonZone(name: string): string {
  return name.replace(/^UTC([+-]\d{2})(\d{2})$/, 'UTC$1:$2');
}

export function isFixedOffset(name: string): boolean {
  return name === 'UTC' || /^UTC[+-]\d{4}$/.test(name);
}

/** "+0530", "-0741", "+05:30", "UTC+2", "GMT-04:00", "(UTC+01:00) Amsterdam, Berlin" → minutes east of UTC. */
function offsetLabel(text: string | undefined): number | undefined {
  const m = /^\(?(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?(?:\)|\s|$)/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) >= 60 || minutes > 14 * 60) return undefined;
  return (m[1] === '-' ? -1 : 1) * minutes;
}

let windowsZones: Map<string, string> | undefined;
/** node-ical's table of Windows and Outlook display names, loaded only when a file uses one. */
function windowsZone(name: string): string | undefined {
  if (!windowsZones) {
    windowsZones = new Map();
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    try {
      const table = windowsZonesTable();
      for (const [label, data] of Object.entries(table)) {
        const iana = data.iana?.[0];
        if (!iana) continue;
        const bare = label.replace(/^\((?:UTC|GMT)[^)]*\)\s*/i, '');
        for (const variant of [label, bare, ...(bare !== label ? bare.split(',') : [])]) {
          if (!windowsZones.has(norm(variant))) windowsZones.set(norm(variant), iana);
        }
      }
    } catch {
      // Without the table, such names fall through to their offset label or the team's zone.
    }
  }
  const norm = name.replace(/\s+/g, ' ').trim().toLowerCase();
  const hit =
    windowsZones.get(norm) ??
    name
      .split(',')
      .map((s) => windowsZones!.get(s.replace(/\s+/g, ' ').trim().toLowerCase()))
      .find(Boolean);
  return hit && isKnownZone(hit) ? hit : undefined;
}

const PREFERRED_AREAS = ['Europe/', 'America/', 'Asia/', 'Australia/', 'Pacific/', 'Africa/', 'Atlantic/', 'Indian/'];
/** A fixed year, so the answer never depends on the day the tool runs. */
const PROBE_YEAR = 2024;

/** The IANA zone (preferring the big areas, then by name) with these winter and summer offsets. */
/** A change of offset a VTIMEZONE describes: from → to, at a UTC instant of PROBE_YEAR when its rule says. */
interface Transition {
  from: number;
  to: number;
  at?: number;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The UTC instant in PROBE_YEAR of a yearly rule like `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` starting at local `time`. */
function ruleInstant(rule: string | undefined, start: string | undefined, from: number): number | undefined {
  const month = Number(/BYMONTH=(\d{1,2})/i.exec(rule ?? '')?.[1]);
  const byday = /BYDAY=([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)\b/i.exec(rule ?? '');
  const time = /T(\d{2})(\d{2})/.exec(start ?? '');
  if (!month || !byday || !time) return undefined;
  const weekday = WEEKDAYS.indexOf(byday[2]!.toUpperCase());
  const n = Number(byday[1] ?? 1);
  let day: number;
  if (n > 0) {
    const first = new Date(Date.UTC(PROBE_YEAR, month - 1, 1)).getUTCDay();
    day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  } else {
    const lastDate = new Date(Date.UTC(PROBE_YEAR, month, 0));
    day = lastDate.getUTCDate() - ((lastDate.getUTCDay() - weekday + 7) % 7) + (n + 1) * 7;
  }
  return Date.UTC(PROBE_YEAR, month - 1, day, Number(time[1]), Number(time[2])) - from * 60_000;
}

const byOffsets = new Map<string, string | undefined>();
function zoneWithOffsets(standard: number, daylight: number, changes: Transition[]): string | undefined {
  const key = JSON.stringify([standard, daylight, changes]);
  if (!byOffsets.has(key)) byOffsets.set(key, findZoneWithOffsets(standard, daylight, changes));
  return byOffsets.get(key);
}

/**
 * The IANA zone (preferring the big areas, then by name) that has both
 * offsets and, where the VTIMEZONE gives yearly rules, changes on the same days.
 */
function findZoneWithOffsets(standard: number, daylight: number, changes: Transition[]): string | undefined {
  const zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  const rank = (z: string) => {
    const i = PREFERRED_AREAS.findIndex((a) => z.startsWith(a));
    return i < 0 ? PREFERRED_AREAS.length : i;
  };
  const ruled = changes.filter((c): c is Required<Transition> => c.at !== undefined);
  const margin = 36 * 3_600_000;
  return zones
    .filter((z) => {
      const zone = IANAZone.create(z);
      if (ruled.length > 0) return ruled.every((c) => zone.offset(c.at - margin) === c.from && zone.offset(c.at + margin) === c.to);
      const jan = zone.offset(Date.UTC(PROBE_YEAR, 0, 15));
      const jul = zone.offset(Date.UTC(PROBE_YEAR, 6, 15));
      return (jan === standard && jul === daylight) || (jan === daylight && jul === standard);
    })
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
}

/** The zone a VTIMEZONE block describes, read from its own offsets. */
function zoneOfBlock(block: string[]): string | undefined {
  const location = block
    .map(parseProperty)
    .find((p) => p?.name === 'X-LIC-LOCATION')
    ?.value.trim();
  if (location && isKnownZone(location)) return location;
  // The observances in force are the last of each kind (RFC 5545 lists them oldest first in practice).
  const last: Record<string, { from?: number; to?: number; rule?: string; start?: string }> = {};
  const all = new Set<number>();
  let kind = '';
  for (const line of block) {
    const p = parseProperty(line);
    if (!p) continue;
    if (p.name === 'BEGIN') {
      kind = p.value.trim().toUpperCase();
      last[kind] = {};
    }
    const o = last[kind];
    if (!o) continue;
    if (p.name === 'TZOFFSETTO' || p.name === 'TZOFFSETFROM') {
      const minutes = offsetLabel(p.value);
      if (minutes === undefined) continue;
      if (p.name === 'TZOFFSETTO') {
        o.to = minutes;
        all.add(minutes);
      } else {
        o.from = minutes;
      }
    }
    if (p.name === 'RRULE') o.rule = p.value;
    if (p.name === 'DTSTART') o.start = p.value;
  }
  const standard = last.STANDARD?.to ?? last.DAYLIGHT?.to;
  if (standard === undefined) return undefined;
  const daylight = last.DAYLIGHT?.to ?? standard;
  if (all.size === 1 || standard === daylight) return offsetZone(standard);
  const changes = [last.STANDARD, last.DAYLIGHT].map((o) => ({
    from: o!.from ?? o!.to!,
    to: o!.to!,
    at: ruleInstant(o!.rule, o!.start, o!.from ?? o!.to!),
  }));
  return zoneWithOffsets(standard, daylight, changes);
}

class ZoneResolver {
  private readonly cache = new Map<string, string>();
  /** names with no VTIMEZONE that are no known zone */
  readonly unknown = new Set<string>();
  /** names whose VTIMEZONE matches no known zone */
  readonly unmatched = new Set<string>();
  constructor(
    private readonly blocks: Map<string, string[]>,
    private readonly teamZone: string,
  ) {}

  resolve(raw: string): string {
    let hit = this.cache.get(raw);
    if (hit === undefined) {
      hit = this.lookup(raw);
      this.cache.set(raw, hit);
    }
    return hit;
  }

  private lookup(raw: string): string {
    const name = raw.trim().replace(/^"|"$/g, '');
    if (isKnownZone(name)) return name;
    const block = this.blocks.get(name);
    // libical (Evolution) prefixes zone names: /freeassociation.sourceforge.net/Tzfile/America/Los_Angeles.
    const parts = name.split('/').filter(Boolean);
    for (let i = 1; name.startsWith('/') && i < parts.length; i++) {
      const candidate = parts.slice(i).join('/');
      if (isKnownZone(candidate)) return candidate;
    }
    const windows = /[ ,(]/.test(name) ? windowsZone(name) : undefined;
    const offset = offsetLabel(name);
    const found = windows ?? (block && zoneOfBlockCached(block)) ?? (offset !== undefined ? offsetZone(offset) : undefined);
    if (found) return found;
    (block ? this.unmatched : this.unknown).add(name);
    return this.teamZone;
  }
}

const blockZones = new WeakMap<string[], string | null>();
function zoneOfBlockCached(block: string[]): string | undefined {
  if (!blockZones.has(block)) blockZones.set(block, zoneOfBlock(block) ?? null);
  return blockZones.get(block) ?? undefined;
}

const DATE_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** false for a well-formed value naming no real instant (30 February, 25:00); undefined when not in basic format. */
function isRealDate(value: string): boolean | undefined {
  const m = DATE_VALUE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const year = +y!;
  const month = +mo!;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && +d! >= 1 && +d! <= days && +h <= 23 && +mi <= 59 && +s <= 60;
}

function realDates(p: Property): boolean {
  return p.value.split(',').every((v) => v.split('/').every((part) => /^[+-]?P/i.test(part) || isRealDate(part) !== false));
}

/** The exclusive DATE end of a day-long event that ends at this DATE-TIME, read where it was written. */
function endDate(value: string, zone: string): string {
  const m = DATE_VALUE.exec(value)!;
  const [, y, mo, d, h = '0', mi = '0', s = '0', z] = m;
  const t = DateTime.fromObject({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s }, { zone: z ? 'UTC' : zone });
  const day = t.startOf('day');
  return (t > day ? day.plus({ days: 1 }) : day).toFormat('yyyyMMdd');
}

export function describeEvent(summary: string | undefined, uid: string | undefined): string {
  return `"${summary?.trim() || '(no SUMMARY)'}" (UID ${uid?.trim() || '(no UID)'})`;
}

/**
 * Rewrites the unfolded lines of a calendar as described above. `lineMap`
 * gives each unfolded line's number in the file as written.
 */
export function prepareLines(lines: string[], opts: { zone: string; source: string }, warnings: string[], lineMap: number[]): Prepared {
  const out = [...lines];
  const at = (i: number) => `${opts.source}:${lineMap[i] ?? i + 1}`;
  const ignore = (i: number) => {
    out[i] = `${IGNORED}:${i}`;
  };

  // VTIMEZONE blocks by TZID, and VEVENT blocks with the indices of their own (not VALARM) lines.
  const blocks = new Map<string, string[]>();
  const events: Array<{ first: number; last: number; own: number[] }> = [];
  const unclosed: Array<{ line: string; kind: string }> = [];
  const timedDates: Array<{ line: string; event: string; value: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i]!.charCodeAt(0) | 32) !== 98) continue; // only BEGIN lines open a block
    if (/^BEGIN:VTIMEZONE/i.test(lines[i]!)) {
      const start = i;
      while (i < lines.length && !/^END:VTIMEZONE/i.test(lines[i]!)) i++;
      const block = lines.slice(start, i + 1);
      const tzid = block
        .map(parseProperty)
        .find((p) => p?.name === 'TZID')
        ?.value.trim()
        .replace(/^"|"$/g, '');
      if (tzid) blocks.set(tzid, block);
    } else if (/^BEGIN:VEVENT/i.test(lines[i]!)) {
      const ev = { first: i, last: i, own: [] as number[] };
      let depth = 0;
      for (i++; i < lines.length; i++) {
        if (/^END:VEVENT/i.test(lines[i]!) && depth === 0) break;
        if (/^BEGIN:/i.test(lines[i]!)) depth++;
        else if (/^END:/i.test(lines[i]!)) depth--;
        else if (depth === 0) ev.own.push(i);
      }
      ev.last = i;
      events.push(ev);
    } else if (/^BEGIN:(VTODO|VJOURNAL|VFREEBUSY)\s*$/i.test(lines[i]!)) {
      // Not shifts; and node-ical files components by UID, so a VTODO could replace the VEVENT of the same UID.
      const kind = lines[i]!.slice(6).trim().toUpperCase();
      const end = new RegExp(`^END:${kind}\\s*$`, 'i');
      const first = i;
      // None of them may hold a VEVENT: one that never ends (END:VTOOD) must not swallow the events after it.
      for (; i < lines.length && !end.test(lines[i]!) && !/^(BEGIN:VEVENT|END:VCALENDAR)\s*$/i.test(lines[i]!); i++) ignore(i);
      if (i < lines.length && end.test(lines[i]!)) ignore(i);
      else {
        unclosed.push({ line: at(first), kind });
        i--;
      }
    }
  }

  const zones = new ZoneResolver(blocks, opts.zone);
  const extraRules: Prepared['extraRules'] = new Map();
  const emptyRules: Array<{ line: string; event: string }> = [];
  for (const ev of events) {
    const props = ev.own
      .filter((i) => RELEVANT.has(/^[A-Za-z-]*/.exec(lines[i]!)![0].toUpperCase()))
      .map((i) => ({ i, p: parseProperty(lines[i]!) }))
      .filter((x): x is { i: number; p: Property } => !!x.p);
    const get = (name: string) => props.find((x) => x.p.name === name);
    const dtstart = get('DTSTART');
    const name = () => describeEvent(get('SUMMARY')?.p.value, get('UID')?.p.value);
    const startTz = dtstart && param(dtstart.p, 'TZID');
    const startIsDate = !!dtstart && (param(dtstart.p, 'VALUE')?.toUpperCase() === 'DATE' || /^\d{8}$/.test(dtstart.p.value.trim()));
    const eventZone = startTz ? zones.resolve(startTz) : dtstart?.p.value.trim().endsWith('Z') ? 'UTC' : opts.zone;

    const bad = props.find((x) => ESSENTIAL.has(x.p.name) && !realDates(x.p));
    if (bad) {
      warnings.push(`${at(ev.first)}: skipped event ${name()}: ${bad.p.name} ${bad.p.value.trim()} is not a real date or time`);
      for (let i = ev.first; i <= ev.last; i++) ignore(i);
      continue;
    }

    const rules: number[] = [];
    for (const { i, p } of props) {
      if (p.name === 'RRULE') {
        if (p.value.trim() === '') {
          emptyRules.push({ line: at(i), event: name() });
          ignore(i);
        } else {
          rules.push(i);
        }
        continue;
      }
      if (!DATE_PROPS.has(p.name)) continue;
      let q = p;
      if (!ESSENTIAL.has(q.name) && !realDates(q)) {
        const kept = q.value.split(',').filter((v) => realDates({ ...q, value: v }));
        warnings.push(
          `${at(i)}: ignored ${q.name} values of ${name()} that are not real dates: ${q.value
            .split(',')
            .filter((v) => !kept.includes(v))
            .join(', ')}`,
        );
        if (kept.length === 0) {
          ignore(i);
          continue;
        }
        q = { ...q, value: kept.join(',') };
      }
      if (param(q, 'VALUE')?.toUpperCase() === 'DATE' && /\d{8}T\d{6}/.test(q.value)) {
        // VALUE=DATE says the value is a date: its time is dropped, as the parameter says, and the file is told so.
        timedDates.push({ line: at(i), event: name(), value: `${q.name} ${q.value.trim()}` });
        q = { ...q, value: q.value.replace(/(\d{8})T\d{6}Z?/g, '$1') };
      }
      const tz = param(q, 'TZID');
      const isDate = param(q, 'VALUE')?.toUpperCase() === 'DATE' || /^\d{8}$/.test(q.value.split(',')[0]!.trim());
      if (q.name === 'DTEND' && isDate && dtstart && !startIsDate) {
        // A DATE end to a DATE-TIME start: midnight of that date, in the start's zone.
        warnings.push(`${at(i)}: event ${name()} ends on a DATE but starts at a DATE-TIME; read as midnight in the zone of its start`);
        q = withParam(withParam({ ...q, value: `${q.value.trim()}T000000` }, 'VALUE', undefined), 'TZID', eventZone);
      } else if (q.name === 'DTEND' && !isDate && startIsDate) {
        // A DATE-TIME end to a DATE start: the event covers the days up to the one it ends in.
        warnings.push(`${at(i)}: event ${name()} starts on a DATE but ends at a DATE-TIME; read as ending with that day`);
        q = withParam(
          withParam({ ...q, value: endDate(q.value.trim(), tz ? luxonZone(zones.resolve(tz)) : 'UTC') }, 'TZID', undefined),
          'VALUE',
          'DATE',
        );
      } else if (tz) {
        q = withParam(q, 'TZID', zones.resolve(tz));
      } else if (!isDate && !q.value.trim().endsWith('Z') && param(q, 'VALUE')?.toUpperCase() !== 'PERIOD') {
        q = withParam(q, 'TZID', q.name === 'DTSTART' ? opts.zone : eventZone);
      }
      if (q !== p) out[i] = formatProperty(q);
    }
    if (rules.length > 1 && dtstart && !get('RECURRENCE-ID')) {
      const uid = get('UID')?.p.value.trim() ?? '';
      extraRules.set(uid, { dtstart: out[dtstart.i]!, rules: rules.slice(1).map((i) => lines[i]!) });
      rules.slice(1).forEach(ignore);
    }
  }
  // One warning for them all: holiday exports write an empty RRULE on every event.
  const [firstEmpty] = emptyRules;
  if (firstEmpty) {
    const more = emptyRules.length > 1 ? ` and ${emptyRules.length - 1} more event${emptyRules.length > 2 ? 's' : ''}` : '';
    warnings.push(
      `${firstEmpty.line}: event ${firstEmpty.event}${more} ha${more ? 've' : 's'} an empty RRULE; read as one-off event${more ? 's' : ''}`,
    );
  }
  const [firstTimed] = timedDates;
  if (firstTimed) {
    const more = timedDates.length > 1 ? ` (and ${timedDates.length - 1} more value${timedDates.length > 2 ? 's' : ''} like it)` : '';
    warnings.push(
      `${firstTimed.line}: ${firstTimed.value} of event ${firstTimed.event} says VALUE=DATE but carries a time${more}; read as the date alone, the time dropped`,
    );
  }
  const [firstOpen] = unclosed;
  if (firstOpen) {
    const more = unclosed.length > 1 ? ` (and ${unclosed.length - 1} more like it)` : '';
    warnings.push(
      `${firstOpen.line}: a ${firstOpen.kind} never ends (no END:${firstOpen.kind} before the next event)${more}; it was skipped, the events after it are read`,
    );
  }
  const names = (set: Set<string>) => [...set].map((n) => `"${n}"`).join(', ');
  if (zones.unknown.size > 0)
    warnings.push(
      `${opts.source}: time zone ${names(zones.unknown)} is neither a known zone nor defined in the file; read in the team's zone (${opts.zone})`,
    );
  if (zones.unmatched.size > 0)
    warnings.push(
      `${opts.source}: the VTIMEZONE of ${names(zones.unmatched)} matches no known zone's offsets and changes; read in the team's zone (${opts.zone})`,
    );
  return { lines: out, extraRules };
}
