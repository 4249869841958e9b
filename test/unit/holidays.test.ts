import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from '../support/deps.js';
import { nodeFileSystem } from '../../src/store/fs.js';
import { publicHolidays } from '../../src/calendar/publicHolidays.js';
import { computePublicHolidays } from '../../src/calendar/holidayLibrary.js';
import { loadHolidays } from '../../src/calendar/holidays.js';
import { holidaysInForce, holidaysRunningOut } from '../../src/core/holidays.js';
import { addBusinessMinutes, makeBusinessCalendar } from '../../src/core/businessTime.js';

const opm = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'holidays', 'us-federal-2025-2030.json'), 'utf8')) as {
  holidays: Array<[string, string]>;
};

/**
 * The federal holidays of 5 U.S.C. 6103(a), computed here from the statute
 * with nothing but Date.UTC, each moved to the day federal offices observe it
 * (5 U.S.C. 6103(b), Executive Order 11582 sec. 3(a)): Saturday to the Friday
 * before, Sunday to the Monday after.
 */
function statute(year: number): string[] {
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const fixed = (month: number, day: number) => {
    const t = Date.UTC(year, month - 1, day);
    const wd = new Date(t).getUTCDay();
    return iso(t + (wd === 6 ? -1 : wd === 0 ? 1 : 0) * 86_400_000);
  };
  const nth = (month: number, weekday: number, n: number) => {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(Date.UTC(year, month - 1, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7));
  };
  const lastMonday = (month: number) => {
    const last = new Date(Date.UTC(year, month, 0));
    return iso(last.getTime() - ((last.getUTCDay() - 1 + 7) % 7) * 86_400_000);
  };
  return [
    fixed(1, 1),
    nth(1, 1, 3),
    nth(2, 1, 3),
    lastMonday(5),
    fixed(6, 19),
    fixed(7, 4),
    nth(9, 1, 1),
    nth(10, 1, 2),
    fixed(11, 11),
    nth(11, 4, 4),
    fixed(12, 25),
  ];
}

const inRange = (d: string) => d >= '2025-01-01' && d <= '2030-12-31';
const weekday = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());

describe('US public holidays by rule, 2025–2030, against OPM', () => {
  it('the fixture is the statute: 66 weekday holidays, observed days included', () => {
    const computed = [2025, 2026, 2027, 2028, 2029, 2030, 2031].flatMap(statute).filter(inRange).sort();
    expect(opm.holidays.map(([d]) => d)).toEqual(computed);
    expect(computed).toHaveLength(66);
    // the observed days that the old three-date config missed
    expect(computed).toEqual(
      expect.arrayContaining(['2026-07-03', '2027-06-18', '2027-07-05', '2027-12-24', '2027-12-31', '2028-11-10', '2029-11-12']),
    );
  });

  it('date-holidays gives exactly those weekdays, each with its name', () => {
    const library = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].flatMap((y) => computePublicHolidays('US', null, y));
    const weekdays = library.filter((h) => inRange(h.date) && weekday(h.date));
    expect(weekdays.map((h) => h.date)).toEqual(opm.holidays.map(([d]) => d));
    expect(weekdays.find((h) => h.date === '2027-12-31')?.name).toMatch(/New Year's Day/);
    expect(weekdays.find((h) => h.date === '2028-11-10')?.name).toMatch(/Veterans Day/);
  });

  it('the business clock skips them: Friday Dec 24 2027 and Friday Dec 31 2027 are closed', async () => {
    const list = await loadHolidays(
      { country: 'US', region: null, dates: [], except: [], calendar: null },
      { now: Date.parse('2027-06-01T12:00:00Z'), zone: 'America/Los_Angeles', cacheDir: tempDir(), location: null },
      { fs: nodeFileSystem, fetch: globalThis.fetch, now: () => 0, warn: () => {} },
    );
    const cal = makeBusinessCalendar({
      zone: 'America/Los_Angeles',
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      windows: ['08:00-12:00', '13:00-17:00'],
      holidays: list.map((h) => h.date),
    });
    // Thursday Dec 23 2027, 15:00 Pacific, plus 4 business hours: 2 on Thursday, then Monday Dec 27 08:00-10:00.
    expect(new Date(addBusinessMinutes(cal, Date.parse('2027-12-23T23:00:00Z'), 240)).toISOString()).toBe('2027-12-27T18:00:00.000Z');
    expect(new Date(addBusinessMinutes(cal, Date.parse('2027-12-30T23:00:00Z'), 240)).toISOString()).toBe('2028-01-03T18:00:00.000Z');
  });
});

describe('the holidays in force', () => {
  it('merges the calendar, the library and the organisation days, and except removes any of them', () => {
    const list = holidaysInForce(
      { dates: ['2026-11-27', '2026-12-24'], except: ['2026-12-24', '2026-11-11'] },
      {
        calendar: [{ date: '2026-12-25', name: 'Christmas (lab closed)' }],
        publicHolidays: [
          { date: '2026-11-11', name: 'Veterans Day' },
          { date: '2026-11-26', name: 'Thanksgiving Day' },
          { date: '2026-12-25', name: 'Christmas Day' },
        ],
      },
    );
    expect(list).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-11-27', name: null },
      { date: '2026-12-25', name: 'Christmas (lab closed)' },
    ]);
  });

  it.each([
    ['a country rule never runs out', { country: 'US' }, [], null],
    ['a list ending in 59 days runs out', { country: null }, ['2026-12-01', '2027-01-29'], '2027-01-29'],
    ['a list ending in 61 days does not', { country: null }, ['2027-01-31'], null],
    ['an empty list has run out', { country: null }, [], 'none'],
  ])('%s', (_, rule, dates, last) => {
    const list = dates.map((date) => ({ date, name: null }));
    const out = holidaysRunningOut(rule, list, Date.parse('2026-12-01T12:00:00Z'), 'America/Los_Angeles');
    expect(out === null ? null : (out.last?.date ?? 'none')).toBe(last);
  });
});

describe('the holiday cache', () => {
  it('keeps each year on disk by library version, country, region and year, and reads it back instead of the library', async () => {
    const dir = tempDir();
    const cache = { dir, fs: nodeFileSystem };
    const first = await publicHolidays({ country: 'US', region: 'CA' }, [2027], cache);
    expect(first.map((h) => h.date)).toContain('2027-03-31');
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^1-\d+\.\d+\.\d+-US-CA-2027\.json$/)]);
    // What the file says is what the next run sees: the library is not asked again.
    writeFileSync(path.join(dir, files[0]!), JSON.stringify([{ date: '2027-01-02', name: 'from the cache' }]));
    expect(await publicHolidays({ country: 'US', region: 'CA' }, [2027], cache)).toEqual([{ date: '2027-01-02', name: 'from the cache' }]);
    // A damaged entry is computed again.
    writeFileSync(path.join(dir, files[0]!), '{');
    expect((await publicHolidays({ country: 'US', region: 'CA' }, [2027], cache)).length).toBeGreaterThan(10);
  });
});
