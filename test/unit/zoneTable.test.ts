import { describe, expect, it } from 'vitest';
import { DateTime, IANAZone } from 'luxon';
import { buildZoneTable, serveZoneCached, TableZone } from '../../src/calendar/offsets.js';
import { nodeFileSystem } from '../../src/store/fs.js';
import { tempDir } from '../support/deps.js';
import { readdirSync } from 'node:fs';

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2038, 0, 1);

describe('zone offsets from a table read from Intl once', () => {
  it.each([
    'America/Los_Angeles',
    'Europe/London',
    'Australia/Lord_Howe', // a 30-minute change
    'Africa/Casablanca', // two changes around Ramadan each year
    'Asia/Kolkata', // none
    'America/St_Johns', // a 3:30 offset
  ])('%s: the same offset as luxon asking Intl, every 7 hours and at each change to the millisecond', (zone) => {
    const table = buildZoneTable(zone, FROM, TO, 'test')!;
    const served = new TableZone(table);
    const real = new IANAZone(zone);
    const instants: number[] = [];
    for (let ts = FROM - 40 * 86_400_000; ts < TO + 40 * 86_400_000; ts += 7 * 3_600_000 + 17_000) instants.push(ts);
    for (const at of table.changes) instants.push(at - 1000, at - 1, at, at + 1, at + 999);
    const differ = instants.filter((ts) => served.offset(ts) !== real.offset(ts)).map((ts) => new Date(ts).toISOString());
    expect(differ).toEqual([]);
    // How many changes there are is the tz data's business (Morocco's Ramadan
    // changes differ between ICU releases), so count them independently: every
    // change Intl shows on a 6-hour walk must be in the table, and no others.
    const seen: number[] = [];
    let before = real.offset(FROM);
    for (let ts = FROM + 6 * 3_600_000; ts <= TO; ts += 6 * 3_600_000) {
      const now = real.offset(ts);
      if (now !== before) seen.push(ts);
      before = now;
    }
    expect(table.changes.length).toBe(seen.length);
    // Zones with yearly summer time have at least two changes a year.
    if (['America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns'].includes(zone)) {
      expect(table.changes.length).toBeGreaterThanOrEqual(28);
    }
    expect(served.formatOffset(FROM, 'short')).toBe(real.formatOffset(FROM, 'short'));
    expect(served.equals(real) && real.equals(served)).toBe(true);
  });

  it('is not built for a name that is not a zone', () => {
    expect(buildZoneTable('Mars/Olympus_Mons', FROM, TO, 'test')).toBeUndefined();
  });

  it('once served from the cache, DateTimes in the zone use it and agree with Intl', async () => {
    const dir = tempDir();
    const now = Date.parse('2026-11-25T18:00:00Z');
    await serveZoneCached('America/Denver', now, { dir, fs: nodeFileSystem });
    expect(readdirSync(dir)).toHaveLength(1);
    await serveZoneCached('America/Denver', now, { dir, fs: nodeFileSystem }); // read back, not rebuilt
    const t = DateTime.fromISO('2027-03-14T03:30', { zone: 'America/Denver' });
    expect(t.zone).toBeInstanceOf(TableZone);
    expect(t.toISO()).toBe('2027-03-14T03:30:00.000-06:00');
    expect(t.minus({ hours: 2 }).toISO()).toBe('2027-03-14T00:30:00.000-07:00');
    expect(t.toFormat('ZZZZ')).toBe('MDT');
    expect(DateTime.fromISO('2027-03-14T02:30', { zone: 'America/Denver' }).toISO()).toBe('2027-03-14T03:30:00.000-06:00');
    // Outside the table's years, Intl answers.
    expect(DateTime.fromISO('1999-07-01T12:00', { zone: 'America/Denver' }).offset).toBe(-360);
  });

  it('leaves UTC and fixed offsets to luxon', async () => {
    const dir = tempDir();
    for (const zone of ['UTC', 'utc+2', 'UTC-05:30']) await serveZoneCached(zone, Date.now(), { dir, fs: nodeFileSystem });
    expect(readdirSync(dir)).toHaveLength(0);
  });
});
