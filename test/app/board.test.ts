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
