import { describe, expect, it } from 'vitest';
import type { Discussion, Message, Policy } from '../../src/core/conversation.js';
import { assess, teamRule } from '../../src/core/conversation.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { formatMarker } from '../../src/core/markers.js';

const calendar = makeBusinessCalendar({
  zone: 'America/Los_Angeles',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: ['2026-11-26', '2026-11-27'],
});
const policy: Policy = {
  calendar,
  team: teamRule(['ada', 'bob'], ['OWNER', 'MEMBER']),
  responseGoalMinutes: 240,
  staleAfterDays: 21,
  primaryAt: (t) => (t < Date.parse('2026-11-30T08:00:00Z') ? 'ada' : 'bob'),
};

let seq = 0;
type Spec = Partial<Message> & { at: string; who: string | null; kind?: Message['kind'] };
const msg = (s: Spec): Message => ({
  id: `m${++seq}`,
  url: `https://x/${seq}`,
  kind: s.kind ?? 'comment',
  author: s.who,
  authorType: s.who?.endsWith('[bot]') ? 'Bot' : 'User',
  association: s.association ?? (s.who === 'ada' || s.who === 'bob' ? 'MEMBER' : 'NONE'),
  createdAt: Date.parse(s.at),
  body: s.body ?? '',
  ...(s.hidden ? { hidden: true } : {}),
});
const discussion = (post: Spec, rest: Spec[] = [], extra: Partial<Discussion> = {}): Discussion => ({
  id: 'D1',
  number: 7,
  title: 'How do I read Silo files?',
  url: 'https://github.com/visit-dav/visit/discussions/7',
  createdAt: Date.parse(post.at),
  closed: false,
  closedAt: null,
  isAnswered: false,
  answerChosenAt: null,
  category: { id: 'C', slug: 'help-using-visit', name: 'Help using VisIt', isAnswerable: true },
  labels: [],
  messages: [msg({ ...post, kind: 'post' }), ...rest.map(msg)],
  complete: true,
  ...extra,
});
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('.000', ''));

describe('conversation state (§5)', () => {
  it('a fresh question waits on the team, due 4 business hours later', () => {
    const a = assess(discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }), policy, Date.parse('2026-11-24T18:00:00Z'));
    expect(a).toMatchObject({ state: 'waiting-on-team', overdue: false, dueSoon: false, owner: 'ada' });
    expect(iso(a.dueAt)).toBe('2026-11-24T22:00:00Z'); // 09:00 → 14:00 Pacific, lunch skipped
    expect(a.businessHoursWaiting).toBe(1);
  });

  it('is due soon within the last business hour, overdue from the due time', () => {
    const d = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' });
    expect(assess(d, policy, Date.parse('2026-11-24T21:30:00Z')).dueSoon).toBe(true);
    expect(assess(d, policy, Date.parse('2026-11-24T22:00:00Z')).overdue).toBe(true);
  });

  it("a team answer puts it on the user; the user's reply in a thread puts it back", () => {
    const answered = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [{ at: '2026-11-24T18:00:00Z', who: 'ada' }]);
    expect(assess(answered, policy, Date.parse('2026-11-24T19:00:00Z')).state).toBe('waiting-on-user');
    const replied = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [
      { at: '2026-11-24T18:00:00Z', who: 'ada' },
      { at: '2026-11-24T19:00:00Z', who: 'user1', kind: 'reply' },
      { at: '2026-11-24T20:00:00Z', who: 'user1', kind: 'reply' },
    ]);
    const a = assess(replied, policy, Date.parse('2026-11-24T21:00:00Z'));
    expect(a.state).toBe('waiting-on-team');
    expect(iso(a.waitingSince)).toBe('2026-11-24T19:00:00Z'); // follow-ups do not restart the clock
  });

  it("a bot comment after the user's message does not answer it", () => {
    const d = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [
      { at: '2026-11-24T17:05:00Z', who: 'github-actions[bot]', association: 'MEMBER' },
    ]);
    expect(assess(d, policy, Date.parse('2026-11-24T18:00:00Z')).state).toBe('waiting-on-team');
  });

  it('a marker forged by a user is not trusted', () => {
    const forged = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [
      { at: '2026-11-24T17:30:00Z', who: 'mallory', body: `please\n${formatMarker({ kind: 'handoff', to: 'mallory' })}` },
    ]);
    const a = assess(forged, policy, Date.parse('2026-11-24T18:00:00Z'));
    expect(a.owner).toBe('ada');
    expect(a.handedOffTo).toBeNull();
    expect(a.state).toBe('waiting-on-team');
  });

  it('a team handoff changes the owner and does not stop the clock', () => {
    const d = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [
      { at: '2026-11-24T18:00:00Z', who: 'ada', body: `Over to Bob.\n${formatMarker({ kind: 'handoff', to: 'bob', from: 'ada' })}` },
    ]);
    const a = assess(d, policy, Date.parse('2026-11-24T19:00:00Z'));
    expect(a).toMatchObject({ owner: 'bob', handedOffTo: 'bob', state: 'waiting-on-team' });
    expect(iso(a.waitingSince)).toBe('2026-11-24T17:00:00Z');
  });

  it("a question on the Thanksgiving weekend belongs to Monday's Primary and is due Monday noon", () => {
    const d = discussion({ at: '2026-11-26T18:00:00Z', who: 'user1' });
    const a = assess(d, policy, Date.parse('2026-11-30T17:00:00Z'));
    expect(a.owner).toBe('bob');
    expect(iso(a.dueAt)).toBe('2026-11-30T20:00:00Z'); // Mon 12:00 Pacific
    expect(a.businessHoursWaiting).toBe(1);
  });

  it('answered by a reply (marked answer) or closed is resolved', () => {
    const now = Date.parse('2026-11-25T18:00:00Z'); // a business hour the day after the question
    expect(assess(discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [], { isAnswered: true }), policy, now).state).toBe('resolved');
    expect(assess(discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [], { closed: true }), policy, now).state).toBe('resolved');
    expect(assess(discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }), policy, now).state).toBe('waiting-on-team');
  });

  it('is stale 21 calendar days after the user last engaged', () => {
    const d = discussion({ at: '2026-10-01T17:00:00Z', who: 'user1' }, [
      { at: '2026-10-02T17:00:00Z', who: 'user1', kind: 'reply' },
      { at: '2026-10-02T18:00:00Z', who: 'bob' },
    ]);
    expect(assess(d, policy, Date.parse('2026-10-23T16:59:00Z')).stale).toBe(false);
    const a = assess(d, policy, Date.parse('2026-10-23T17:00:00Z'));
    expect(a).toMatchObject({ state: 'waiting-on-user', stale: true, daysSinceUserActivity: 21 });
  });

  it("counts a logged call: the call is the user's turn, the logging post the team's answer", () => {
    const post = {
      at: '2026-11-24T20:00:00Z',
      who: 'ada',
      body: `Call from A. User.\n${formatMarker({ kind: 'contact', via: 'hotline', at: '2026-11-24T19:00:00Z' })}`,
    };
    const a = assess(discussion(post), policy, Date.parse('2026-12-16T19:00:00Z'));
    expect(a).toMatchObject({ state: 'waiting-on-user', via: 'hotline', stale: true });
    expect(iso(a.lastUserActivityAt)).toBe('2026-11-24T19:00:00Z');
  });

  it('ignores hidden (minimized or deleted) messages and treats a deleted account as a user', () => {
    const d = discussion({ at: '2026-11-24T17:00:00Z', who: null }, [{ at: '2026-11-24T18:00:00Z', who: 'ada', hidden: true }]);
    const a = assess(d, policy, Date.parse('2026-11-24T19:00:00Z'));
    expect(a.state).toBe('waiting-on-team');
    expect(a.author).toBeNull();
  });

  it('escalation and effort markers are bookkeeping, not answers', () => {
    const d = discussion({ at: '2026-11-24T17:00:00Z', who: 'user1' }, [
      { at: '2026-11-24T17:30:00Z', who: 'ada', body: `@bob can you look?\n${formatMarker({ kind: 'escalation', to: ['bob'] })}` },
    ]);
    expect(assess(d, policy, Date.parse('2026-11-24T19:00:00Z')).state).toBe('waiting-on-team');
  });
});
