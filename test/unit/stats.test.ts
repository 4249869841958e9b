import { describe, expect, it } from 'vitest';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import type { Discussion, Message } from '../../src/core/conversation.js';
import { teamRule } from '../../src/core/conversation.js';
import { inquiryFigures, responseSummary } from '../../src/core/stats.js';

// Pacific business hours; Monday 2026-12-07 08:00 PST is 16:00Z.
const calendar = makeBusinessCalendar({
  zone: 'America/Los_Angeles',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: [],
});
const policy = { calendar, team: teamRule(['ada'], ['MEMBER']), responseGoalMinutes: 240, primaryAt: () => 'ada' };
const t = (iso: string) => Date.parse(iso);
const msg = (author: string, at: string, more: Partial<Message> = {}): Message => ({
  id: at,
  url: '',
  kind: 'comment',
  author,
  authorType: 'User',
  association: author === 'ada' ? 'MEMBER' : 'NONE',
  createdAt: t(at),
  body: 'x',
  ...more,
});
const discussion = (messages: Message[], more: Partial<Discussion> = {}): Discussion => ({
  id: 'D',
  number: 1,
  title: 'q',
  url: 'u',
  createdAt: messages[0]!.createdAt,
  closed: false,
  closedAt: null,
  isAnswered: false,
  answerChosenAt: null,
  category: { id: 'C', slug: 'help', name: 'Help', isAnswerable: true },
  labels: [],
  messages: messages.map((m, i) => (i ? m : { ...m, kind: 'post' })),
  complete: true,
  ...more,
});

describe('where an inquiry stands against the goal', () => {
  it.each([
    [
      'answered in 1 h',
      [msg('u', '2026-12-07T16:00:00Z'), msg('ada', '2026-12-07T17:00:00Z')],
      {},
      '2026-12-07T20:00:00Z',
      'answered',
      null,
    ],
    [
      'unanswered, due at 12:00 and now 13:30 (the lunch hour is not business time)',
      [msg('u', '2026-12-07T16:00:00Z')],
      {},
      '2026-12-07T21:30:00Z',
      'overdue',
      4.5,
    ],
    ['unanswered, 3 h in', [msg('u', '2026-12-07T16:00:00Z')], {}, '2026-12-07T19:00:00Z', 'not-yet-due', 3],
    [
      'closed by the user after 1 h with no team reply',
      [msg('u', '2026-12-07T16:00:00Z')],
      { closed: true, closedAt: t('2026-12-07T17:00:00Z') },
      '2026-12-08T20:00:00Z',
      'none-needed',
      1,
    ],
    [
      'closed with no team reply after the due time',
      [msg('u', '2026-12-07T16:00:00Z')],
      { closed: true, closedAt: t('2026-12-08T17:00:00Z') },
      '2026-12-09T20:00:00Z',
      'overdue',
      9,
    ],
    ['opened by the team, no user message', [msg('ada', '2026-12-07T16:00:00Z')], {}, '2026-12-09T20:00:00Z', 'none-needed', null],
  ] as const)('%s', (_name, messages, more, now, status, waiting) => {
    const f = inquiryFigures(discussion([...messages], more), policy, t(now));
    expect([f.status, f.waitingHours]).toEqual([status, waiting]);
  });

  it('an overdue one is outside the goal, and counts in the median and p90 at its wait so far', () => {
    const now = t('2026-12-09T16:00:00Z'); // Wednesday 08:00: a Monday 08:00 question has waited 16 h
    const answered = inquiryFigures(discussion([msg('u', '2026-12-07T16:00:00Z'), msg('ada', '2026-12-07T16:30:00Z')]), policy, now);
    const silent = inquiryFigures(discussion([msg('u', '2026-12-07T16:00:00Z')]), policy, now);
    const fresh = inquiryFigures(discussion([msg('u', '2026-12-09T16:00:00Z')]), policy, now);
    const call = { ...answered, via: 'hotline', firstResponseHours: 0 };
    expect(responseSummary([answered, silent, fresh, call], 4)).toEqual({
      count: 2,
      medianHours: 8.25,
      p90Hours: 16,
      withinGoal: 0.5,
      unanswered: 1,
    });
  });
});
