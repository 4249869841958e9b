import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  makeBusinessCalendar,
  nextBusinessMinute,
  parseWindow,
} from '../../src/core/businessTime.js';

const LA = 'America/Los_Angeles';
const visit = makeBusinessCalendar({
  zone: LA,
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: ['2026-11-26', '2026-11-27', '2026-12-25', '2026-07-03'],
});

const at = (local: string, zone = LA) => DateTime.fromISO(local, { zone }).toMillis();
const show = (ms: number, zone = LA) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

describe('due time with the 4 h goal (08-12, 13-17 Pacific, Mon-Fri)', () => {
  it.each([
    ['Fri 16:30 is due Monday 11:30', '2026-11-20T16:30', 'Mon 2026-11-23T11:30'],
    ['11:59 counts one minute before lunch', '2026-11-24T11:59', 'Tue 2026-11-24T16:59'],
    ['12:30 starts after lunch', '2026-11-24T12:30', 'Tue 2026-11-24T17:00'],
    ['16:59 runs into the next morning', '2026-11-24T16:59', 'Wed 2026-11-25T11:59'],
    ['17:00 starts the next morning', '2026-11-24T17:00', 'Wed 2026-11-25T12:00'],
    ['08:00 is due at 12:00, not 13:00', '2026-11-24T08:00', 'Tue 2026-11-24T12:00'],
    ['Saturday waits for Monday', '2026-11-21T10:00', 'Mon 2026-11-23T12:00'],
    ['Wednesday 15:00 skips Thanksgiving and the day after', '2026-11-25T15:00', 'Mon 2026-11-30T10:00'],
    ['a Friday holiday then the weekend', '2026-07-02T16:00', 'Mon 2026-07-06T11:00'],
    ['a message on the holiday itself', '2026-07-03T09:00', 'Mon 2026-07-06T12:00'],
    ['spring-forward Sunday waits for Monday', '2026-03-08T02:30', 'Mon 2026-03-09T12:00'],
    ['spring-forward week: Friday before to Monday after', '2026-03-06T15:00', 'Mon 2026-03-09T10:00'],
    ['fall-back week: Friday before to Monday after', '2026-10-30T16:00', 'Mon 2026-11-02T11:00'],
    ['fall-back Sunday 01:30 (twice) waits for Monday', '2026-11-01T01:30', 'Mon 2026-11-02T12:00'],
  ])('%s', (_name, local, due) => {
    expect(show(addBusinessMinutes(visit, nextBusinessMinute(visit, at(local)), 240))).toBe(due);
  });
});

describe('business minutes between two instants', () => {
  it.each([
    ['a whole ordinary day', '2026-11-24T00:00', '2026-11-25T00:00', 480],
    ['the lunch hour does not count', '2026-11-24T11:00', '2026-11-24T14:00', 120],
    ['a weekend counts nothing', '2026-11-21T00:00', '2026-11-23T00:00', 0],
    ['Thanksgiving week', '2026-11-23T00:00', '2026-11-30T00:00', 3 * 480],
    ['across spring-forward (the lost hour is at night)', '2026-03-06T16:00', '2026-03-09T09:00', 120],
    ['across fall-back', '2026-10-30T16:00', '2026-11-02T09:00', 120],
    ['reversed range is zero', '2026-11-24T14:00', '2026-11-24T10:00', 0],
  ])('%s', (_name, from, to, minutes) => {
    expect(businessMinutesBetween(visit, at(from), at(to))).toBe(minutes);
  });
});

describe('next business minute', () => {
  it.each([
    ['inside a window stays put', '2026-11-24T09:15', 'Tue 2026-11-24T09:15'],
    ['lunch moves to 13:00', '2026-11-24T12:00', 'Tue 2026-11-24T13:00'],
    ['evening moves to the next morning', '2026-11-24T19:00', 'Wed 2026-11-25T08:00'],
    ['Friday evening moves to Monday', '2026-11-20T17:00', 'Mon 2026-11-23T08:00'],
    ['before Christmas skips the holiday', '2026-12-24T17:30', 'Mon 2026-12-28T08:00'],
  ])('%s', (_name, local, expected) => {
    expect(show(nextBusinessMinute(visit, at(local)))).toBe(expected);
  });
});

describe('other configured hours', () => {
  it('one 09:00-17:00 window in Berlin', () => {
    const berlin = makeBusinessCalendar({
      zone: 'Europe/Berlin',
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      windows: ['09:00-17:00'],
      holidays: [],
    });
    expect(show(addBusinessMinutes(berlin, at('2026-03-27T15:00', 'Europe/Berlin'), 240), 'Europe/Berlin')).toBe('Mon 2026-03-30T11:00');
    expect(businessMinutesBetween(berlin, at('2026-03-23T00:00', 'Europe/Berlin'), at('2026-03-30T00:00', 'Europe/Berlin'))).toBe(5 * 480);
  });
  it('a Saturday morning window', () => {
    const sat = makeBusinessCalendar({
      zone: LA,
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
      windows: ['08:00-12:00'],
      holidays: [],
    });
    expect(show(addBusinessMinutes(sat, at('2026-11-20T11:00'), 240))).toBe('Sat 2026-11-21T11:00');
  });
  it('a window through midnight of a 24-hour desk', () => {
    const allDay = makeBusinessCalendar({
      zone: 'UTC',
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
      windows: ['00:00-24:00'],
      holidays: [],
    });
    expect(businessMinutesBetween(allDay, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-08T00:00:00Z'))).toBe(7 * 1440);
  });
  it('a window holding the spring-forward gap has one hour less that day', () => {
    const night = makeBusinessCalendar({ zone: LA, days: ['Sun'], windows: ['01:00-05:00'], holidays: [] });
    expect(businessMinutesBetween(night, at('2026-03-08T00:00'), at('2026-03-09T00:00'))).toBe(180);
    expect(businessMinutesBetween(night, at('2026-11-01T00:00'), at('2026-11-02T00:00'))).toBe(300);
  });
  it.each(['8-12', '12:00-08:00', '08:00-25:00', '08:60-09:00', ''])('rejects the window "%s"', (w) => {
    expect(parseWindow(w)).toBeUndefined();
  });
  it('rejects overlapping windows, unknown days and zones', () => {
    expect(() => makeBusinessCalendar({ zone: LA, days: ['Mon'], windows: ['08:00-12:00', '11:00-13:00'], holidays: [] })).toThrow(
      /overlap/,
    );
    expect(() => makeBusinessCalendar({ zone: LA, days: ['Funday'], windows: ['08:00-12:00'], holidays: [] })).toThrow(/Funday/);
    expect(() => makeBusinessCalendar({ zone: 'Mars/Olympus', days: ['Mon'], windows: ['08:00-12:00'], holidays: [] })).toThrow(/Mars/);
  });
});

describe('properties over several years', () => {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2029-01-01T00:00:00Z') - start;
  const instant = fc.integer({ min: 0, max: span / 60_000 }).map((m) => start + m * 60_000);

  it('adding the minutes between two instants lands on the later one (or the next business minute)', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const minutes = businessMinutesBetween(visit, from, to);
        const landed = addBusinessMinutes(visit, from, minutes);
        if (minutes === 0) return landed === nextBusinessMinute(visit, from);
        return landed <= to && businessMinutesBetween(visit, landed, to) === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('minutes are additive: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        return businessMinutesBetween(visit, a, c) === businessMinutesBetween(visit, a, b) + businessMinutesBetween(visit, b, c);
      }),
      { numRuns: 300 },
    );
  });

  it('a deadline is always business time or the end of a window, and exactly N minutes away', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 5000 }), (t, n) => {
        const due = addBusinessMinutes(visit, t, n);
        const onEdge = isBusinessTime(visit, due - 60_000);
        return onEdge && businessMinutesBetween(visit, t, due) === n;
      }),
      { numRuns: 300 },
    );
  });

  it('no weekend or holiday minute ever counts', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const local = DateTime.fromMillis(t, { zone: LA });
        const off = local.weekday > 5 || visit.holidays.has(local.toISODate()!) || local.hour < 8 || local.hour >= 17 || local.hour === 12;
        return off ? !isBusinessTime(visit, t) : isBusinessTime(visit, t);
      }),
      { numRuns: 1000 },
    );
  });
});
