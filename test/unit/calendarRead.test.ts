import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCalendar } from '../../src/calendar/read.js';
import { REAL_FIXTURES, SHARED_FIXTURES } from '../support/deps.js';
import { expectSameAsShared } from '../support/vendored.js';

const ZONE = 'America/Los_Angeles';
const WIDE = { zone: ZONE, from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2030-01-01T00:00:00Z') };
const HOST_ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'];
const realFiles = readdirSync(REAL_FIXTURES)
  .filter((f) => f.endsWith('.ics'))
  .sort();
const originalTz = process.env.TZ;

function read(file: string, extra: Partial<typeof WIDE> = {}) {
  return readCalendar(readFileSync(path.join(REAL_FIXTURES, file), 'utf8'), { ...WIDE, ...extra, source: file });
}

const iso = (ms: number) => new Date(ms).toISOString();

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('every real-world export in shared/fixtures/ics-real', () => {
  it('is present, and the same as the shared folder when that sits beside the repo', () => {
    expect(realFiles.length).toBeGreaterThanOrEqual(19);
    expectSameAsShared(REAL_FIXTURES, SHARED_FIXTURES, (f) => f.endsWith('.ics'));
  });

  it.each(realFiles)('%s reads without error and the same under every host TZ', (file) => {
    const answers = HOST_ZONES.map((tz) => {
      process.env.TZ = tz;
      const { entries, warnings } = read(file);
      return JSON.stringify({ entries: entries.map((e) => [e.uid, e.summary, iso(e.start), iso(e.end), e.allDay]), warnings });
    });
    expect(new Set(answers).size).toBe(1);
    const { entries } = JSON.parse(answers[0]!) as { entries: unknown[] };
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('what the reader must do itself (CALENDAR-NOTES)', () => {
  it('drops cancelled events (Apple)', () => {
    const summaries = read('nodeical__tentative-apple-calendar.ics').entries.map((e) => e.summary);
    expect(summaries).toEqual(['Tentative', 'Confirmed', 'No Status']);
  });

  it('reads parameterised SUMMARY values as text (Outlook LANGUAGE=)', () => {
    expect(read('pyicalendar__timezone_same_start.ics').entries[0]!.summary).toBe('Test 4');
  });

  it('maps Evolution TZIDs to their IANA name', () => {
    const [e] = read('npm-icalendar__evolution.ics').entries;
    expect(iso(e!.start)).toBe('2012-01-04T17:00:00.000Z'); // 09:00 in Los Angeles
  });

  it('keeps the events of a file with Microsoft CDO "BYDAY=MO, TU" and an unknown zone name', () => {
    const { entries } = read('pyicalendar__issue_165_missing_event.ics');
    expect(entries).toHaveLength(14);
    expect(iso(entries[0]!.start)).toBe('2015-07-03T08:00:00.000Z'); // 10:00 at +02:00
    expect(iso(entries.at(-1)!.start)).toBe('2015-07-22T08:00:00.000Z'); // UNTIL is inclusive
  });

  it('lets the higher SEQUENCE win for a UID published twice', () => {
    const { entries } = read('nodeical__duplicate-uid-sequence.ics');
    expect(entries.map((e) => e.summary)).toEqual(['Team Meeting (SEQUENCE 2)', 'Updated version (SEQUENCE 3) - should win']);
  });

  it('applies a RECURRENCE-ID listed before its master (Google)', () => {
    const starts = read('nodeical__google-recurrence-order.ics').entries.map((e) => iso(e.start));
    expect(starts).toEqual(['2026-02-10T17:00:00.000Z', '2026-02-11T17:30:00.000Z', '2026-02-12T17:00:00.000Z']);
  });

  it('reads Windows zone names and quoted display names', () => {
    const { entries } = read('nodeical__windows-quoted-tz-rrule.ics');
    expect(entries).toHaveLength(10);
    expect(iso(entries[0]!.start)).toBe('2015-07-06T16:00:00.000Z'); // 12:00 Eastern
  });

  it('expands RDATE, which node-ical ignores, without doubling an overridden one', () => {
    const starts = read('icaljs__recur_instances.ics').entries.map((e) => iso(e.start));
    expect(starts).toContain('2023-11-23T09:00:00.000Z');
    expect(starts).toContain('2012-11-10T18:00:00.000Z');
    expect(starts).toContain('2012-11-30T18:00:00.000Z');
    expect(starts).not.toContain('2012-11-05T18:00:00.000Z'); // replaced by its override
    expect(starts).toContain('2012-11-07T04:00:00.000Z');
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('reads floating EXDATEs in the zone of DTSTART, so they never depend on the host', () => {
    const bad = read('nodeical__biweekly-exdate-until.ics', { to: Date.parse('2018-01-01T00:00:00Z') }).entries.filter((e) =>
      e.summary.includes('bad times'),
    );
    expect(bad.map((e) => iso(e.start))).toContain('2017-12-18T14:00:00.000Z');
    const good = read('nodeical__biweekly-exdate-until.ics').entries.filter((e) => e.summary.includes('comma-separated'));
    expect(good.map((e) => iso(e.start))).not.toContain('2017-07-06T14:00:00.000Z');
    expect(good).toHaveLength(21);
  });

  it('places all-day events in the team zone, whatever the host', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    const { entries } = read('icalexpander__all-day.ics', { to: Date.parse('2018-06-01T00:00:00Z') });
    expect(entries[0]!.allDay).toBe(true);
    expect(iso(entries[0]!.start)).toBe('2018-05-19T07:00:00.000Z'); // midnight in Los Angeles
    expect(entries[0]!.end - entries[0]!.start).toBe(86_400_000);
  });

  it('expands shifts that started before the window (expandOngoing)', () => {
    const { entries } = read('icalexpander__all-day.ics', {
      from: Date.parse('2018-05-19T12:00:00Z'),
      to: Date.parse('2018-05-19T13:00:00Z'),
    });
    expect(entries.map((e) => iso(e.start))).toEqual(['2018-05-19T07:00:00.000Z']);
  });
});

describe('tolerance', () => {
  const header = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n';
  const event = (uid: string, extra: string) =>
    `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T160000Z\r\nDTEND:20260112T160000Z\r\nSUMMARY:SRE Primary: @${uid}\r\n${extra}END:VEVENT\r\n`;

  it('skips one malformed event with a warning naming it and its line, and keeps the rest', () => {
    const text = `${header}${event('ann', '')}${event('bob', 'RRULE:FREQ=WEEKLY;BYDAY=XX\r\n')}${event('cat', '')}END:VCALENDAR\r\n`;
    const { entries, warnings } = readCalendar(text, { ...WIDE, source: 'rota.ics' });
    expect(entries.map((e) => e.summary)).toEqual(['SRE Primary: @ann', 'SRE Primary: @cat']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^rota\.ics:\d+: skipped event "SRE Primary: @bob" \(UID bob\)/);
  });

  it.each([
    ['an empty file', '', /is empty/],
    ['binary data', '\u0000\u0001PNG', /binary/],
    ['HTML from a login page', '<html><body>Sign in</body></html>', /not an iCalendar file/],
  ])('rejects %s with a usage error naming the file', (_name, text, message) => {
    expect(() => readCalendar(text, { ...WIDE, source: 'rota.ics' })).toThrow(message);
  });

  it('reads a truncated file up to its last whole event', () => {
    const text = `${header}${event('ann', '')}BEGIN:VEVENT\r\nUID:bob\r\nDTSTART:2026`;
    const { entries } = readCalendar(text, { ...WIDE, source: 'rota.ics' });
    expect(entries.map((e) => e.summary)).toEqual(['SRE Primary: @ann']);
  });
});
