import { describe, expect, it } from 'vitest';
import type { Discussion, Message, Policy } from '../../src/core/conversation.js';
import { addressee, assess, markersOf, teamRule, turnsOf, viaOf } from '../../src/core/conversation.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { formatMarker } from '../../src/core/markers.js';
import type { MarkerKind } from '../../src/core/markers.js';
import { digestOf } from '../../src/core/digest.js';
import { keptFor } from '../../src/core/plans/handoff.js';

const calendar = makeBusinessCalendar({
  zone: 'America/Los_Angeles',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: [],
});
const team = teamRule(['ada', 'bob'], ['OWNER', 'MEMBER'], ['github-actions[bot]']);
const policy: Policy = {
  calendar,
  team,
  responseGoalMinutes: 240,
  staleAfterDays: 21,
  primaryAt: (t) => (t % 2 ? 'ada' : 'bob'),
};
const START = Date.parse('2026-10-01T16:00:00Z');

/** A seeded generator: the same 200 conversations on every run. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const AUTHORS = ['ada', 'bob', 'user1', 'user2', 'greeter[bot]', 'github-actions[bot]', null];
const MARKERS: Array<() => Record<string, unknown> & { kind: MarkerKind }> = [
  () => ({ kind: 'handoff', to: 'bob' }),
  () => ({ kind: 'handoff', to: 'ada' }),
  () => ({ kind: 'keep', from: 'ada', week: '2026-W41' }),
  () => ({ kind: 'escalation', to: 'bob' }),
  () => ({ kind: 'effort', minutes: 5 }),
  () => ({ kind: 'stale', wontfix: true, key: 'wontfix' }),
  () => ({ kind: 'resolution', wontfix: true }),
];

function conversation(r: () => number, n: number): Discussion {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  let t = START + n * 3_600_000;
  const call = r() < 0.15;
  const post: Message = {
    id: `D${n}-post`,
    url: `https://x/d/${n}`,
    kind: 'post',
    author: call ? 'ada' : 'user1',
    authorType: 'User',
    association: call ? 'MEMBER' : 'NONE',
    createdAt: t,
    body: call
      ? `Logged call\n- Customer: Jane Doe\n\n${formatMarker({ kind: 'contact', via: 'phone', at: new Date(t - 600_000).toISOString(), answered: r() < 0.5, ...(r() < 0.5 ? { customer: 'Jane Doe' } : {}) })}`
      : 'How do I …?',
  };
  const messages: Message[] = [post];
  let lastComment: string | null = null;
  for (let i = 0, count = Math.floor(r() * 12); i < count; i++) {
    t += Math.floor(r() * 3) * 1_800_000; // equal times happen too
    const author = pick(AUTHORS);
    const reply = lastComment !== null && r() < 0.4;
    const marked = r() < 0.3 ? pick(MARKERS)() : null;
    const body = `${r() < 0.2 ? '```\n' : ''}Some words${marked ? `\n\n${formatMarker(marked)}` : ''}`;
    const m: Message = {
      id: `D${n}-m${i}`,
      url: `https://x/d/${n}#${i}`,
      kind: reply ? 'reply' : 'comment',
      author,
      authorType: author?.endsWith('[bot]') ? 'Bot' : 'User',
      association: author === 'ada' || author === 'bob' ? 'MEMBER' : r() < 0.1 ? 'MEMBER' : 'NONE',
      createdAt: t,
      body,
      ...(r() < 0.1 ? { hidden: true } : {}),
      ...(reply ? { parentId: lastComment! } : {}),
    };
    if (!reply) lastComment = m.id;
    messages.push(m);
  }
  return {
    id: `D${n}`,
    number: n,
    title: `Q${n}`,
    url: `https://x/d/${n}`,
    createdAt: post.createdAt,
    closed: r() < 0.05,
    closedAt: null,
    isAnswered: r() < 0.1,
    answerChosenAt: null,
    category: { id: 'C', slug: 'help', name: 'Help', isAnswerable: true },
    labels: r() < 0.2 ? ['wontfix'] : [],
    messages: messages.sort((a, b) => (a.kind === 'post' ? -1 : b.kind === 'post' ? 1 : a.createdAt - b.createdAt)),
    complete: true,
  };
}

const judgments = (d: Discussion, now: number) => ({
  assessment: assess(d, policy, now),
  replied: turnsOf(d, team).some((t) => t.side === 'team'),
  kept: keptFor(d, team, 'ada', '2026-W41'),
  markers: (['handoff', 'keep', 'stale', 'resolution', 'contact'] as const).map((k) => markersOf(d, team, k)),
  addressee: addressee(d, team),
  via: viaOf(d, team),
});

describe('a discussion digest (what a watch keeps between runs)', () => {
  const r = random(42);
  const all = Array.from({ length: 200 }, (_, n) => conversation(r, n));

  it('gives every judgment the whole discussion gives, for 200 varied conversations at several instants', () => {
    const differ: number[] = [];
    for (const d of all) {
      const digest = digestOf(d, team);
      for (const now of [d.createdAt + 3_600_000, d.createdAt + 30 * 86_400_000])
        if (JSON.stringify(judgments(digest, now)) !== JSON.stringify(judgments(d, now))) differ.push(d.number);
    }
    expect(differ).toEqual([]);
  });

  it('keeps a few messages of a long thread, and no text but markers and a logged call', () => {
    const long = all.filter((d) => d.messages.length >= 10);
    expect(long.length).toBeGreaterThan(20);
    const kept = long.map((d) => digestOf(d, team).messages.length / d.messages.length);
    expect(kept.reduce((a, b) => a + b, 0) / kept.length).toBeLessThan(0.7);
    for (const d of all)
      for (const m of digestOf(d, team).messages)
        if (!(m.kind === 'post' && m.author === 'ada')) expect(m.body === '' || m.body.startsWith('<!-- visit-sre ')).toBe(true);
  });
});
