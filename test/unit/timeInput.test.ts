import { describe, expect, it } from 'vitest';
import { parseDate, parseWhen } from '../../src/core/timeInput.js';
import { formatDuration, parseDuration } from '../../src/core/duration.js';

const LA = 'America/Los_Angeles';
// Wednesday 2026-11-25 10:00 in Los Angeles
const now = Date.parse('2026-11-25T18:00:00Z');
const when = (text: string) => parseWhen(text, now, LA).toUTC().toISO({ suppressMilliseconds: true });

describe('WHEN', () => {
  it.each([
    ['now', '2026-11-25T18:00:00Z'],
    ['today', '2026-11-25T08:00:00Z'],
    ['tomorrow', '2026-11-26T08:00:00Z'],
    ['yesterday', '2026-11-24T08:00:00Z'],
    ['monday', '2026-11-30T08:00:00Z'],
    ['Wednesday', '2026-11-25T08:00:00Z'],
    ['fri', '2026-11-27T08:00:00Z'],
    ['next week', '2026-11-30T08:00:00Z'],
    ['this week', '2026-11-23T08:00:00Z'],
    ['+2d', '2026-11-27T18:00:00Z'],
    ['-3h', '2026-11-25T15:00:00Z'],
    ['+1w2d', '2026-12-04T18:00:00Z'],
    ['2026-12-01', '2026-12-01T08:00:00Z'],
    ['2026-12-01T09:30', '2026-12-01T17:30:00Z'],
    ['2026-12-01 09:30', '2026-12-01T17:30:00Z'],
    ['2026-12-01T09:30:00Z', '2026-12-01T09:30:00Z'],
    ['2026-12-01T09:30:00+01:00', '2026-12-01T08:30:00Z'],
    ['2026-07-01', '2026-07-01T07:00:00Z'],
    ['10 minutes ago', '2026-11-25T17:50:00Z'],
    ['1 minute ago', '2026-11-25T17:59:00Z'],
    ['an hour ago', '2026-11-25T17:00:00Z'],
    ['3 Hours  ago', '2026-11-25T15:00:00Z'],
    ['2 days ago', '2026-11-23T18:00:00Z'],
    ['1 week ago', '2026-11-18T18:00:00Z'],
  ])('%s', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it.each(['soon', '2026-13-01', '+2x', '12/01/2026', '', 'mondayy', '10 minutes', 'ten minutes ago', '5 fortnights ago'])(
    'rejects "%s" with a usage error',
    (text) => {
      expect(() => parseWhen(text, now, LA, '--at')).toThrow(/invalid --at/);
    },
  );

  it('reads DATE in the team zone, not UTC', () => {
    expect(parseDate('now', Date.parse('2026-11-26T03:00:00Z'), LA)).toBe('2026-11-25');
    expect(parseDate('monday', now, LA)).toBe('2026-11-30');
  });
});

describe('durations', () => {
  it.each([
    ['90m', 90],
    ['1.5h', 90],
    ['2h30m', 150],
    ['2h 30m', 150],
    ['4h', 240],
    ['45min', 45],
    ['1d', 1440],
    ['PT2H30M', 150],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', '0m', 'abc', '2', 'h', '-1h', '2h30'])('rejects "%s"', (text) => {
    expect(() => parseDuration(text, '--effort')).toThrow(/invalid --effort/);
  });

  it.each([
    [150, '2h30m'],
    [45, '45m'],
    [240, '4h'],
  ])('formats %i minutes as %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});
