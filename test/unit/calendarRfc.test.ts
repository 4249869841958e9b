import { afterEach, describe, expect, it } from 'vitest';
import { readCalendar } from '../../src/calendar/read.js';

/**
 * The eight classes of input where the reader disagreed with RFC 5545 or
 * with itself under another host zone (issue 17), each on a minimal
 * calendar. Where the old answer depended on the host, the test reads under
 * a host zone far from the team's, as `TZ=Pacific/Kiritimati npm test` does.
 */
const ZONE = 'America/Los_Angeles';
const WINDOW = { zone: ZONE, from: Date.parse('1999-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z'), source: 'rota.ics' };
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function calendar(...parts: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...parts.flatMap((p) => p.trim().split(/\s*\n\s*/)),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function read(text: string, hostZone = 'Pacific/Kiritimati') {
  process.env.TZ = hostZone;
  const { entries, warnings } = readCalendar(text, WINDOW);
  return { shifts: entries.map((e) => `${e.summary} ${iso(e.start)} → ${iso(e.end)}`), warnings };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');

describe('1. a TZID that names no known zone', () => {
  it('without a VTIMEZONE, is read in the team zone, with one warning naming it', () => {
    const text = calendar(`
      BEGIN:VEVENT
      UID:germany
      DTSTART;TZID=Europe/Germany:20241022T230000
      DTEND;TZID=Europe/Germany:20241023T230000
      EXDATE;TZID=Europe/Germany:20241024T230000
      RRULE:FREQ=DAILY;COUNT=3
      SUMMARY:SRE Primary: @ann
      END:VEVENT`);
    for (const host of ['UTC', 'Pacific/Kiritimati']) {
      const { shifts, warnings } = read(text, host);
      // 23:00 in Los Angeles on 22 and 23 October; the third, on the 24th, is in EXDATE.
      expect(shifts).toEqual([
        'SRE Primary: @ann 2024-10-23T06:00Z → 2024-10-24T06:00Z',
        'SRE Primary: @ann 2024-10-24T06:00Z → 2024-10-25T06:00Z',
      ]);
      expect(warnings).toEqual([
        `rota.ics: time zone "Europe/Germany" is neither a known zone nor defined in the file; read in the team's zone (${ZONE})`,
      ]);
    }
  });

  it("with a custom VTIMEZONE, uses that VTIMEZONE's offsets", () => {
    const text = calendar(`
      BEGIN:VTIMEZONE
      TZID:Nowhere/Middle
      BEGIN:STANDARD
      DTSTART:16010101T000000
      TZOFFSETFROM:-0741
      TZOFFSETTO:-0741
      END:STANDARD
      END:VTIMEZONE
      BEGIN:VEVENT
      UID:middle
      DTSTART;TZID=Nowhere/Middle:20230306T134200
      DTEND;TZID=Nowhere/Middle:20230306T144200
      SUMMARY:SRE Primary: @ann
      END:VEVENT`);
    expect(read(text, 'UTC')).toEqual({ shifts: ['SRE Primary: @ann 2023-03-06T21:23Z → 2023-03-06T22:23Z'], warnings: [] });
  });

  it('with a custom VTIMEZONE that changes offset, uses the IANA zone with the same offsets and the same change days, south or north', () => {
    const zone = (name: string, standard: string, daylight: string, toDaylight: string, toStandard: string) => `
      BEGIN:VTIMEZONE
      TZID:${name}
      BEGIN:STANDARD
      DTSTART:16010101T030000
      TZOFFSETFROM:${daylight}
      TZOFFSETTO:${standard}
      RRULE:FREQ=YEARLY;${toStandard}
      END:STANDARD
      BEGIN:DAYLIGHT
      DTSTART:16010101T020000
      TZOFFSETFROM:${standard}
      TZOFFSETTO:${daylight}
      RRULE:FREQ=YEARLY;${toDaylight}
      END:DAYLIGHT
      END:VTIMEZONE`;
    const event = (uid: string, tz: string, start: string) => `
      BEGIN:VEVENT
      UID:${uid}
      DTSTART;TZID=${tz}:${start}
      DURATION:PT1H
      SUMMARY:SRE Primary: @${uid}
      END:VEVENT`;
    const text = calendar(
      zone('Custom AUS', '+1000', '+1100', 'BYMONTH=10;BYDAY=1SU', 'BYMONTH=4;BYDAY=1SU'),
      zone('Custom US', '-0500', '-0400', 'BYMONTH=3;BYDAY=2SU', 'BYMONTH=11;BYDAY=1SU'),
      event('syd-summer', 'Custom AUS', '20240115T090000'),
      event('syd-winter', 'Custom AUS', '20240715T090000'),
      event('us-after-change', 'Custom US', '20240312T090000'),
    );
    expect(read(text, 'UTC')).toEqual({
      shifts: [
        'SRE Primary: @syd-summer 2024-01-14T22:00Z → 2024-01-14T23:00Z',
        'SRE Primary: @us-after-change 2024-03-12T13:00Z → 2024-03-12T14:00Z',
        'SRE Primary: @syd-winter 2024-07-14T23:00Z → 2024-07-15T00:00Z',
      ],
      warnings: [],
    });
  });
});

it('2. drops a stale override whose DATE a newer master has removed, whatever the host zone', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:111
    SEQUENCE:3
    DTSTART;VALUE=DATE:20240701
    DTEND;VALUE=DATE:20240708
    RRULE:FREQ=WEEKLY;UNTIL=20240801;INTERVAL=2;BYDAY=MO
    EXDATE;VALUE=DATE:20240715
    SUMMARY:SRE Primary: @ann
    END:VEVENT
    BEGIN:VEVENT
    UID:111
    SEQUENCE:2
    RECURRENCE-ID;VALUE=DATE:20240715
    DTSTART;VALUE=DATE:20240702
    DTEND;VALUE=DATE:20240709
    SUMMARY:SRE Primary: @bob
    END:VEVENT`);
  for (const host of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
    expect(read(text, host).shifts, host).toEqual([
      'SRE Primary: @ann 2024-07-01T07:00Z → 2024-07-08T07:00Z',
      'SRE Primary: @ann 2024-07-29T07:00Z → 2024-08-05T07:00Z',
    ]);
  }
});

it('3. ends a DATE-TIME start with a DATE end at midnight in the start’s zone, not the host’s', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:mixed
    DTSTART:20000101T000000Z
    DTEND;VALUE=DATE:20000102
    SUMMARY:SRE Primary: @ann
    END:VEVENT`);
  const { shifts, warnings } = read(text);
  expect(shifts).toEqual(['SRE Primary: @ann 2000-01-01T00:00Z → 2000-01-02T00:00Z']);
  expect(warnings).toEqual([
    'rota.ics:7: event "SRE Primary: @ann" (UID mixed) ends on a DATE but starts at a DATE-TIME; read as midnight in the zone of its start',
  ]);
});

it('4. keeps every override of a UID whose master is not in the file (Google)', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:g1@google.com
    RECURRENCE-ID;VALUE=DATE:20121210
    DTSTART;VALUE=DATE:20121210
    DTEND;VALUE=DATE:20121211
    SUMMARY:SRE Primary: @ann
    END:VEVENT
    BEGIN:VEVENT
    UID:g1@google.com
    RECURRENCE-ID;VALUE=DATE:20131210
    DTSTART;VALUE=DATE:20131210
    DTEND;VALUE=DATE:20131211
    SUMMARY:SRE Primary: @bob
    END:VEVENT`);
  expect(read(text).shifts).toEqual([
    'SRE Primary: @ann 2012-12-10T08:00Z → 2012-12-11T08:00Z',
    'SRE Primary: @bob 2013-12-10T08:00Z → 2013-12-11T08:00Z',
  ]);
});

it('5. keeps DTSTART as the first instance when UNTIL comes before it', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:until
    DTSTART;VALUE=DATE:20231002
    DTEND;VALUE=DATE:20231009
    RRULE:FREQ=WEEKLY;UNTIL=20231001
    SUMMARY:SRE Primary: @ann
    END:VEVENT`);
  expect(read(text).shifts).toEqual(['SRE Primary: @ann 2023-10-02T07:00Z → 2023-10-09T07:00Z']);
});

it('6. reads a floating time in the team zone, even when the file’s only VTIMEZONE is a custom one', () => {
  const text = calendar(`
    BEGIN:VTIMEZONE
    TZID:Custom
    BEGIN:STANDARD
    DTSTART:16010101T000000
    TZOFFSETFROM:+0300
    TZOFFSETTO:+0300
    END:STANDARD
    END:VTIMEZONE
    BEGIN:VEVENT
    UID:floating
    DTSTART:20240108T100000
    DTEND:20240115T100000
    SUMMARY:SRE Primary: @ann
    END:VEVENT`);
  for (const host of ['UTC', 'Pacific/Kiritimati'])
    expect(read(text, host).shifts, host).toEqual(['SRE Primary: @ann 2024-01-08T18:00Z → 2024-01-15T18:00Z']);
});

it('7. expands the union of two RRULEs, with DTSTART', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:two-rules
    DTSTART;TZID=Europe/London:20230112T100000
    DTEND;TZID=Europe/London:20230112T110000
    RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=20
    RRULE:FREQ=MONTHLY;BYDAY=2MO;COUNT=2
    SUMMARY:SRE Primary: @ann
    END:VEVENT`);
  const starts = read(text).shifts.map((s) => s.split(' ')[3]);
  expect(starts).toHaveLength(22);
  expect(starts.slice(0, 6)).toEqual([
    '2023-01-12T10:00Z',
    '2023-01-19T10:00Z',
    '2023-01-26T10:00Z',
    '2023-02-02T10:00Z',
    '2023-02-09T10:00Z',
    '2023-02-13T10:00Z',
  ]);
  expect(starts).toContain('2023-03-13T10:00Z');
  expect(starts.at(-1)).toBe('2023-05-25T09:00Z'); // the 20th Thursday, 10:00 BST
});

it('8. skips an event on a date that does not exist, with a warning naming it', () => {
  const text = calendar(`
    BEGIN:VEVENT
    UID:feb30
    DTSTART:20240230T100000Z
    DTEND:20240301T100000Z
    SUMMARY:SRE Primary: @ann
    END:VEVENT
    BEGIN:VEVENT
    UID:mar1
    DTSTART:20240301T100000Z
    DTEND:20240302T100000Z
    SUMMARY:SRE Primary: @bob
    END:VEVENT`);
  const { shifts, warnings } = read(text);
  expect(shifts).toEqual(['SRE Primary: @bob 2024-03-01T10:00Z → 2024-03-02T10:00Z']);
  expect(warnings).toEqual([
    'rota.ics:4: skipped event "SRE Primary: @ann" (UID feb30): DTSTART 20240230T100000Z is not a real date or time',
  ]);
});

describe('decisions documented in the README', () => {
  it('reads an event with an empty RRULE as a one-off, with a warning, and keeps the rest of the file', () => {
    const text = calendar(`
      BEGIN:VEVENT
      UID:holiday
      DTSTART;VALUE=DATE:20240101
      DTEND;VALUE=DATE:20240102
      RRULE:
      SUMMARY:SRE Primary: @ann
      END:VEVENT
      BEGIN:VEVENT
      UID:holiday2
      DTSTART;VALUE=DATE:20240102
      RRULE:
      SUMMARY:SRE Primary: @bob
      END:VEVENT`);
    const { shifts, warnings } = read(text);
    expect(shifts).toEqual([
      'SRE Primary: @ann 2024-01-01T08:00Z → 2024-01-02T08:00Z',
      'SRE Primary: @bob 2024-01-02T08:00Z → 2024-01-03T08:00Z',
    ]);
    expect(warnings).toEqual([
      'rota.ics:8: event "SRE Primary: @ann" (UID holiday) and 1 more event have an empty RRULE; read as one-off events',
    ]);
  });

  it('keeps the wall-clock length of a timed weekly shift across DST, where RFC 5545 would keep the exact duration', () => {
    const text = calendar(`
      BEGIN:VEVENT
      UID:weekly
      DTSTART;TZID=America/Los_Angeles:20261019T080000
      DTEND;TZID=America/Los_Angeles:20261026T080000
      RRULE:FREQ=WEEKLY;COUNT=3
      SUMMARY:SRE Primary: @ann
      END:VEVENT`);
    // 1 November 2026, 02:00 PDT → 01:00 PST: the exact 168 h would end the second week at 07:00 PST (15:00Z).
    expect(read(text).shifts).toEqual([
      'SRE Primary: @ann 2026-10-19T15:00Z → 2026-10-26T15:00Z',
      'SRE Primary: @ann 2026-10-26T15:00Z → 2026-11-02T16:00Z',
      'SRE Primary: @ann 2026-11-02T16:00Z → 2026-11-09T16:00Z',
    ]);
    // The entry says where the two readings part, for `doctor` to show.
    process.env.TZ = 'UTC';
    expect(readCalendar(text, WINDOW).entries.map((e) => e.exactEnd && iso(e.exactEnd))).toEqual([
      undefined,
      '2026-11-02T15:00Z',
      undefined,
    ]);
  });
});

describe('issue 23: overrides that move onto another instance, and shifts changed or dropped, always with a warning', () => {
  it('an override moved onto another, untouched instance replaces only the instance it names (RFC 5545 §3.8.4.4; a Thunderbird export)', () => {
    const text = calendar(`
      BEGIN:VEVENT
      UID:weekly
      DTSTAMP:20260101T000000Z
      DTSTART;TZID=America/Los_Angeles:20260105T080000
      DTEND;TZID=America/Los_Angeles:20260112T080000
      RRULE:FREQ=WEEKLY;COUNT=3
      SUMMARY:SRE Primary: @ann
      END:VEVENT
      BEGIN:VEVENT
      UID:weekly
      DTSTAMP:20260101T000000Z
      RECURRENCE-ID;TZID=America/Los_Angeles:20260105T080000
      DTSTART;TZID=America/Los_Angeles:20260112T080000
      DTEND;TZID=America/Los_Angeles:20260113T080000
      SUMMARY:SRE Primary: @bob
      END:VEVENT`);
    for (const host of ['UTC', 'Pacific/Kiritimati', 'America/St_Johns']) {
      const { shifts, warnings } = read(text, host);
      // Jan 5 is replaced by Bob's day on Jan 12; Ann's weeks of Jan 12 and Jan 19 are untouched and stay.
      expect(shifts).toEqual([
        'SRE Primary: @ann 2026-01-12T16:00Z → 2026-01-19T16:00Z',
        'SRE Primary: @bob 2026-01-12T16:00Z → 2026-01-13T16:00Z',
        'SRE Primary: @ann 2026-01-19T16:00Z → 2026-01-26T16:00Z',
      ]);
      expect(warnings).toEqual([]);
    }
  });

  it('VALUE=DATE on a value that carries a time: read as the date, with a warning naming the event', () => {
    const { shifts, warnings } = read(
      calendar(`
        BEGIN:VEVENT
        UID:dated
        DTSTART;VALUE=DATE:20260105T080000
        DTEND;VALUE=DATE:20260112T080000
        SUMMARY:SRE Primary: @ann
        END:VEVENT`),
    );
    expect(shifts).toEqual(['SRE Primary: @ann 2026-01-05T08:00Z → 2026-01-12T08:00Z']);
    expect(warnings).toEqual([
      'rota.ics:6: DTSTART 20260105T080000 of event "SRE Primary: @ann" (UID dated) says VALUE=DATE but carries a time (and 1 more value like it); read as the date alone, the time dropped',
    ]);
  });

  it('a VTODO that never closes (END:VTOOD) does not swallow the events after it, and says so', () => {
    const { shifts, warnings } = read(
      calendar(`
        BEGIN:VTODO
        UID:todo
        DTSTART;VALUE=DATE:20260101
        END:VTOOD
        BEGIN:VEVENT
        UID:after
        DTSTART;VALUE=DATE:20260105
        DTEND;VALUE=DATE:20260112
        SUMMARY:SRE Primary: @ann
        END:VEVENT`),
    );
    expect(shifts).toEqual(['SRE Primary: @ann 2026-01-05T08:00Z → 2026-01-12T08:00Z']);
    expect(warnings).toEqual([
      'rota.ics:4: a VTODO never ends (no END:VTODO before the next event); it was skipped, the events after it are read',
    ]);
  });

  it("an override whose DTEND precedes its DTSTART keeps its start and the series' length, with a warning naming the event and the instance", () => {
    const { shifts, warnings } = read(
      calendar(`
        BEGIN:VEVENT
        UID:weekly
        DTSTART;TZID=America/Los_Angeles:20260105T080000
        DTEND;TZID=America/Los_Angeles:20260112T080000
        RRULE:FREQ=WEEKLY;COUNT=2
        SUMMARY:SRE Primary: @ann
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        RECURRENCE-ID;TZID=America/Los_Angeles:20260112T080000
        DTSTART;TZID=America/Los_Angeles:20260113T080000
        DTEND;TZID=America/Los_Angeles:20260112T080000
        SUMMARY:SRE Primary: @bob
        END:VEVENT`),
    );
    expect(shifts).toEqual([
      'SRE Primary: @ann 2026-01-05T16:00Z → 2026-01-12T16:00Z',
      'SRE Primary: @bob 2026-01-13T16:00Z → 2026-01-20T16:00Z',
    ]);
    expect(warnings).toEqual([
      `rota.ics: the override of "SRE Primary: @ann" (UID weekly) for 2026-01-12T16:00:00Z ends before it starts; read with the series' length, from 2026-01-13T16:00:00Z to 2026-01-20T16:00:00Z`,
    ]);
  });
});
