import { describe, expect, it } from 'vitest';
import { renderBoard } from '../../src/app/desk/board.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';

const facts = (now: string) => ({
  now: Date.parse(now),
  zone: 'America/Los_Angeles',
  calendar: makeBusinessCalendar({
    zone: 'America/Los_Angeles',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    windows: ['08:00-12:00', '13:00-17:00'],
    holidays: ['2026-11-26', '2026-11-27', '2026-12-25'],
    holidayNames: new Map([['2026-11-26', 'Thanksgiving Day']]),
  }),
  rota: { primary: 'ada', backup: 'bob' },
  acting: { primary: 'ada', backup: 'bob' },
  away: [],
  next: null,
  items: [],
  previousPrimary: null,
  notHandedOff: [],
  held: 0,
});

describe('the board names the holidays of the week (docs/config.md#holidays)', () => {
  it('with their names where known, and only this week', () => {
    expect(renderBoard(facts('2026-11-24T18:00:00Z'))).toContain('**Holidays this week:** Thu Nov 26 (Thanksgiving Day), Fri Nov 27\n');
    expect(renderBoard(facts('2026-12-02T18:00:00Z'))).not.toContain('Holidays this week');
  });
});

describe('the board lists the most urgent first', () => {
  const item = (number: number, dueAt: string | null, overdue: boolean) => ({
    number,
    title: `Q${number}`,
    url: `https://github.com/visit-dav/visit/discussions/${number}`,
    author: 'jdoe',
    state: 'waiting-on-team' as const,
    owner: 'ada',
    waitingSince: Date.parse('2026-12-01T16:00:00Z'),
    dueAt: dueAt === null ? null : Date.parse(dueAt),
    businessHoursWaiting: 1,
    businessMinutesLeft: overdue ? -60 : 60,
    lastUserActivityAt: Date.parse('2026-12-01T16:00:00Z'),
    daysSinceUserActivity: 0,
    overdue,
    dueSoon: false,
    stale: false,
    handedOffTo: null,
    via: 'q',
  });
  it('in each owner group, by due time, whatever order the queue came in', () => {
    const board = renderBoard({
      ...facts('2026-12-02T20:00:00Z'),
      items: [item(102, '2026-12-02T23:00:00Z', false), item(108, '2026-12-02T18:00:00Z', true), item(105, '2026-12-02T21:00:00Z', false)],
    });
    const order = [...board.matchAll(/\| \[#(\d+)\]/g)].map((m) => Number(m[1]));
    expect(order).toEqual([108, 105, 102]);
  });
});
