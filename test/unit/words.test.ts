import { describe, expect, it } from 'vitest';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { businessSpan, businessWeekOf, clockText, dueText, listText, plural, silentText } from '../../src/core/words.js';

describe('counts say their noun in the right number', () => {
  it.each([
    [0, 'inquiry', 'inquiries', '0 inquiries'],
    [1, 'inquiry', 'inquiries', '1 inquiry'],
    [2, 'inquiry', 'inquiries', '2 inquiries'],
    [1, 'business hour', undefined, '1 business hour'],
    [1.5, 'business hour', undefined, '1.5 business hours'],
    [62, 'discussion', undefined, '62 discussions'],
  ])('%d %s', (n, one, many, want) => expect(plural(n, one, many)).toBe(want));
});

describe('the response clock in one unit', () => {
  it.each([
    [0.4, '1 business min'],
    [30, '30 business min'],
    [90, '1.5 business h'],
    [60, '1 business h'],
    [7 * 60, '7 business h'],
    [14.2 * 60, '14 business h'],
    [8 * 60 * 2, '2 business days'],
    [23 * 60, '3 business days'],
    [80 * 60, '2 business weeks'],
    [1620 * 60, '41 business weeks'],
  ])('%f min → %s', (m, want) => expect(businessSpan(m)).toBe(want));

  it('a team with a 6-hour, 4-day week counts its own days', () => {
    const week = businessWeekOf({ windows: ['09:00-12:00', '13:00-16:00'], days: ['Mon', 'Tue', 'Wed', 'Thu'] });
    expect(businessSpan(18 * 60, week)).toBe('3 business days');
    expect(businessSpan(50 * 60, week)).toBe('2 business weeks');
  });

  it('a business calendar serves as the week', () => {
    const cal = makeBusinessCalendar({ zone: 'UTC', days: ['Mon', 'Tue'], windows: ['09:00-10:00'], holidays: [] });
    expect(businessSpan(2 * 60, cal)).toBe('2 business days');
  });

  it.each([
    [90, 'due in 1.5 business h'],
    [-7 * 60, 'overdue by 7 business h'],
    [0, 'overdue by 1 business min'],
  ])('%i min left: %s', (left, want) => expect(dueText(left)).toBe(want));

  it('hourly (the board): whole hours, so the text changes at most once an hour', () => {
    expect(dueText(-59, undefined, { hourly: true })).toBe('overdue by < 1 business h');
    expect(dueText(-(7 * 60 + 59), undefined, { hourly: true })).toBe('overdue by 7 business h');
  });

  it.each([
    [{ state: 'waiting-on-team', businessMinutesLeft: -420 }, 'overdue by 7 business h'],
    [{ state: 'waiting-on-team', businessMinutesLeft: 30 }, 'due in 30 business min'],
    [{ state: 'waiting-on-user', stale: true, daysSinceUserActivity: 25.6 }, 'stale: user silent 25 days'],
    [{ state: 'waiting-on-user', stale: false, daysSinceUserActivity: 1 }, 'waiting on the user'],
    [{ state: 'resolved' }, 'resolved'],
  ] as const)('%j: %s', (a, want) =>
    expect(clockText({ stale: false, daysSinceUserActivity: null, businessMinutesLeft: null, ...a })).toBe(want),
  );

  it('silence in days, in the right number', () => {
    expect(silentText(1)).toBe('user silent 1 day');
  });
});

describe('a list as a sentence says it', () => {
  it.each([
    [[], ''],
    [['@ada'], '@ada'],
    [['@ada', '@bob'], '@ada and @bob'],
    [['@ada', '@bob', '@cho'], '@ada, @bob and @cho'],
  ])('%j', (items, text) => expect(listText(items)).toBe(text));
});
