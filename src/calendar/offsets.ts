import path from 'node:path';
import { FixedOffsetZone, IANAZone, Info, Zone } from 'luxon';
import type { ZoneOffsetFormat, ZoneOffsetOptions } from 'luxon';
import type { FileSystem } from '../store/fs.js';
import { contentKey } from '../store/hash.js';

const WEEK = 7 * 86_400_000;

/**
 * The first instant in (start, end] with a different offset from `start`'s.
 * luxon reads offsets to the whole second, so the search ends on one.
 */
function changeIn(zone: Zone, start: number, end: number): number {
  const before = zone.offset(start);
  let lo = Math.floor(start / 1000);
  let hi = Math.ceil(end / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid * 1000) === before) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

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
      week = { before, after, at: before === after ? start + WEEK : changeIn(this.zone, start, start + WEEK) };
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

/** A zone's offsets over [from, to): `offsets[i]` holds from `changes[i - 1]` (or `from`) to `changes[i]` (or `to`). */
export interface ZoneTableData {
  v: 1;
  zone: string;
  tzdata: string;
  from: number;
  to: number;
  changes: number[];
  offsets: number[];
}

/** Reads a zone's offset changes from Intl (through luxon), week by week as OffsetTable does. */
export function buildZoneTable(zone: string, from: number, to: number, tzdata: string): ZoneTableData | undefined {
  const real = new IANAZone(zone);
  if (!real.isValid) return undefined;
  const changes: number[] = [];
  const offsets = [real.offset(from)];
  let before = offsets[0]!;
  for (let start = from; start < to; start += WEEK) {
    const end = Math.min(start + WEEK, to);
    const after = real.offset(end);
    // As in OffsetTable, a week whose ends agree has no change; one that differs may hold more than one.
    for (let t = start; before !== after; t = changes[changes.length - 1]!) {
      changes.push(changeIn(real, t, end));
      offsets.push((before = real.offset(changes[changes.length - 1]!)));
    }
  }
  return Number.isFinite(offsets[0]) ? { v: 1, zone, tzdata, from, to, changes, offsets } : undefined;
}

/**
 * A luxon zone that answers offsets from a table read from Intl once and kept
 * on disk, so a command's zone arithmetic costs no Intl at start-up (the first
 * DateTimeFormat costs ~30 ms: ICU loads its locale and zone data). Outside the
 * table, and for zone names (\`ZZZZ\`), it asks the real IANA zone.
 */
export class TableZone extends Zone {
  private real: IANAZone | undefined;
  constructor(private readonly data: ZoneTableData) {
    super();
  }
  private iana(): IANAZone {
    this.real ??= new IANAZone(this.data.zone);
    return this.real;
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.data.zone;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): true {
    return true;
  }
  override offset(ts: number): number {
    const { from, to, changes, offsets } = this.data;
    if (!(ts >= from && ts < to)) return this.iana().offset(ts);
    let lo = 0;
    let hi = changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (changes[mid]! <= ts) lo = mid + 1;
      else hi = mid;
    }
    return offsets[lo]!;
  }
  override offsetName(ts: number, opts: ZoneOffsetOptions): string | null {
    return this.iana().offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return FixedOffsetZone.instance(this.offset(ts)).formatOffset(ts, format);
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const served = new Map<string, TableZone>();
const ianaCreate = IANAZone.create.bind(IANAZone);

/**
 * From now on luxon reads `table.zone` from the table wherever a DateTime is
 * given that zone by name. luxon has no registry of zones, so its factory for
 * names is wrapped: https://github.com/moment/luxon/blob/3.7.2/src/impl/zoneUtil.js
 */
export function serveZoneTable(table: ZoneTableData): void {
  if (served.size === 0) (IANAZone as { create: (name: string) => Zone }).create = (name) => served.get(name) ?? ianaCreate(name);
  served.set(table.zone, new TableZone(table));
  tables.delete(table.zone);
}

/** The span a table covers: two years back and twelve on from the start of `now`'s year (who --next reaches ten years). */
function spanOf(now: number): { from: number; to: number } {
  const year = new Date(now).getUTCFullYear();
  return { from: Date.UTC(year - 2, 0, 1), to: Date.UTC(year + 12, 0, 1) };
}

/**
 * Serves the team's zone from a table cached on disk, built on the first run
 * of a year (or of a new tz database). Zones luxon reads without Intl (UTC,
 * fixed offsets) and names that are not zones are left to luxon.
 */
export async function serveZoneCached(zone: string, now: number, cache: { dir: string; fs: FileSystem }): Promise<void> {
  if (/^(utc|gmt|z|local|system|default)$/i.test(zone) || FixedOffsetZone.parseSpecifier(zone.toLowerCase())) return;
  const { from, to } = spanOf(now);
  const tzdata = process.versions.tz ?? process.versions.icu ?? 'unknown';
  const file = path.join(cache.dir, `${contentKey('1', zone, tzdata, String(from))}.json`);
  const hit = await cache.fs.readText(file).catch(() => undefined);
  let table: ZoneTableData | undefined;
  try {
    const data = hit === undefined ? undefined : (JSON.parse(hit) as ZoneTableData);
    if (data?.v === 1 && data.zone === zone && data.tzdata === tzdata && data.from === from && data.to === to) table = data;
  } catch {
    // A damaged entry is rebuilt below.
  }
  if (!table) {
    table = buildZoneTable(zone, from, to, tzdata);
    if (!table) return;
    // The cache is an optimisation: a read-only or full disk must not fail the command.
    await cache.fs.writeAtomic(file, JSON.stringify(table), { overwrite: true, mode: 0o600 }).catch(() => undefined);
  }
  serveZoneTable(table);
}
