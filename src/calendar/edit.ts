import { DateTime, IANAZone } from 'luxon';

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

/** An event the reader takes for a shift: its SUMMARY or CATEGORIES names a role (SPEC §4). */
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
  /** existing events the generated weeks replace: shifts inside them, and any event with a generated UID */
  replaced: RawEvent[];
}

/**
 * The existing calendar with the generated weeks put in: every event outside
 * [from, to) stays byte for byte, in its place before or after them; inside,
 * the existing shifts give way to the generated ones, and other events stay.
 */
export function mergeCalendars(generated: string, existing: RawCalendar, window: { from: number; to: number }): Merged {
  const fresh = splitCalendar(generated, 'UTC');
  const uids = new Set(fresh.events.map((e) => e.uid));
  const replaced: RawEvent[] = [];
  const before: RawEvent[] = [];
  const inside: RawEvent[] = [];
  const after: RawEvent[] = [];
  for (const e of existing.events) {
    const within = e.start !== null && e.start >= window.from && e.start < window.to;
    if ((e.uid !== null && uids.has(e.uid)) || (within && isShiftEvent(e.raw))) replaced.push(e);
    else if (within) inside.push(e);
    else if (e.start !== null && e.start >= window.to) after.push(e);
    else before.push(e);
  }
  const norm = generated.replace(/\r?\n/g, '\r\n');
  const firstEvent = norm.search(/^BEGIN:VEVENT$/m);
  const head = firstEvent >= 0 ? norm.slice(0, firstEvent) : norm.replace(/END:VCALENDAR\r\n$/, '');
  const block = (events: RawEvent[]) => events.map((e) => `${e.raw}\r\n`).join('');
  const zones = existing.timezones.map((z) => `${z}\r\n`).join('');
  const text = `${head + zones + block(before) + block(fresh.events) + block(inside) + block(after)}END:VCALENDAR\r\n`;
  return { text, keptBefore: before.length, keptInside: inside.length, keptAfter: after.length, replaced };
}
