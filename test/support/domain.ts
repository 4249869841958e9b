/** Builders of domain objects (discussions, policies, timelines) for the fast tests of plans. */
import type { Discussion, Message, Policy } from '../../src/core/conversation.js';
import { assess, teamRule } from '../../src/core/conversation.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import type { Segment } from '../../src/core/rotation.js';
import { formatMarker } from '../../src/core/markers.js';
import type { MarkerKind } from '../../src/core/markers.js';

export const ZONE = 'America/Los_Angeles';
export const TEAM = ['ada', 'bob', 'cho', 'dee', 'eli'];
export const team = teamRule(TEAM, ['OWNER', 'MEMBER']);
export const members = TEAM.map((login) => ({
  login,
  name: login.toUpperCase(),
  percentTime: 50,
  experienced: login !== 'eli',
  classifiedAccess: false,
  unavailable: [],
}));

/** Weekly shifts from Monday 08:00 Pacific (16:00Z): [primary, backup] per week, starting Mon Nov 23 2026. */
export function weeks(...pairs: Array<[string, string]>): Segment[] {
  const first = Date.parse('2026-11-23T16:00:00Z');
  const WEEK = 7 * 86_400_000;
  const who = (login: string, role: 'primary' | 'backup', start: number) => ({
    role,
    login,
    name: login.toUpperCase(),
    raw: login,
    start,
    end: start + WEEK,
  });
  return pairs.map(([p, b], i) => {
    const start = first + i * WEEK;
    return { start, end: start + WEEK, primary: who(p, 'primary', start), backup: who(b, 'backup', start) };
  });
}

export function policyOf(timeline: readonly Segment[], staleAfterDays = 21): Policy {
  return {
    calendar: makeBusinessCalendar({
      zone: ZONE,
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      windows: ['08:00-12:00', '13:00-17:00'],
      holidays: ['2026-11-26', '2026-11-27'],
    }),
    team,
    responseGoalMinutes: 240,
    staleAfterDays,
    primaryAt: (t) => timeline.find((s) => s.start <= t && t < s.end)?.primary?.login ?? null,
  };
}

let seq = 0;
export interface Spec {
  at: string;
  who: string | null;
  body?: string;
  kind?: Message['kind'];
  hidden?: boolean;
  association?: string;
}

export const marker = (kind: MarkerKind, fields: Record<string, unknown> = {}) => formatMarker({ kind, ...fields });

export function msg(s: Spec): Message {
  seq += 1;
  return {
    id: `M${seq}`,
    url: `https://github.com/visit-dav/visit/discussions/1#discussioncomment-${seq}`,
    kind: s.kind ?? 'comment',
    author: s.who,
    authorType: s.who?.endsWith('[bot]') ? 'Bot' : 'User',
    association: s.association ?? (s.who && TEAM.includes(s.who) ? 'MEMBER' : 'NONE'),
    createdAt: Date.parse(s.at),
    body: s.body ?? 'text',
    ...(s.hidden ? { hidden: true } : {}),
  };
}

export function discussion(number: number, post: Spec, rest: Spec[] = [], extra: Partial<Discussion> = {}): Discussion {
  return {
    id: `D${number}`,
    number,
    title: `Question ${number}`,
    url: `https://github.com/visit-dav/visit/discussions/${number}`,
    createdAt: Date.parse(post.at),
    closed: false,
    closedAt: null,
    isAnswered: false,
    answerChosenAt: null,
    category: { id: 'C1', slug: 'help-using-visit', name: 'Help using VisIt', isAnswerable: true },
    labels: [],
    messages: [msg({ ...post, kind: 'post' }), ...rest.map(msg)],
    complete: true,
    ...extra,
  };
}

export const judged = (ds: Discussion[], policy: Policy, now: number) => ds.map((d) => assess(d, policy, now));
