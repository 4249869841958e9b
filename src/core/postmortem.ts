import { DateTime } from 'luxon';
import type { Discussion, Policy } from './conversation.js';
import { isBot, isTeam, trustedMarker, turnsOf } from './conversation.js';
import { businessMinutesBetween } from './businessTime.js';
import { formatDuration } from './duration.js';
import { plural } from './words.js';
import { effortOf } from './effort.js';

export interface Milestone {
  at: number;
  what: string;
}

export interface PostmortemModel {
  number: number;
  title: string;
  url: string;
  category: string;
  state: string;
  team: string[];
  users: string[];
  milestones: Milestone[];
  firstResponseHours: number | null;
  businessHoursOpen: number;
  effortMinutes: number;
  promoted: string[];
  /** answers the team marked as workarounds: the short-term corrections */
  workarounds: string[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** What a postmortem says about a discussion, from its whole thread and the team's markers. */
export function postmortemModel(d: Discussion, policy: Pick<Policy, 'team' | 'calendar'>, now: number): PostmortemModel {
  const cal = policy.calendar;
  const milestones: Milestone[] = [];
  const team = new Set<string>();
  const users = new Set<string>();
  const promoted: string[] = [];
  const workarounds: string[] = [];
  const turns = turnsOf(d, policy.team);
  const firstUser = turns.find((t) => t.side === 'user');
  const firstTeam = firstUser ? turns.find((t) => t.side === 'team' && t.at >= firstUser.at) : undefined;
  const start = firstUser?.at ?? d.createdAt;
  const post = d.messages.find((m) => m.kind === 'post');
  const contact = post ? trustedMarker(post, policy.team) : null;
  milestones.push({
    at: start,
    what:
      contact?.kind === 'contact'
        ? `First contact (${String(contact.via)}), logged by @${post?.author}`
        : `First contact: @${post?.author ?? 'ghost'} opened the discussion`,
  });
  let firstResponseHours: number | null = null;
  if (firstTeam) {
    firstResponseHours = round1(businessMinutesBetween(cal, start, firstTeam.at) / 60);
    const who = d.messages.find((m) => m.createdAt === firstTeam.at && isTeam(m, policy.team))?.author;
    milestones.push({
      at: firstTeam.at,
      what: `First team response${who ? ` by @${who}` : ''}, after ${plural(firstResponseHours, 'business hour')}`,
    });
  }
  for (const m of d.messages) {
    if (m.hidden || isBot(m)) continue;
    if (m.author) (isTeam(m, policy.team) ? team : users).add(m.author);
    const marker = trustedMarker(m, policy.team);
    if (!marker) continue;
    const to = Array.isArray(marker.to) ? (marker.to as string[]).map((l) => `@${l}`).join(', ') : marker.to ? `@${String(marker.to)}` : '';
    if (marker.kind === 'escalation')
      milestones.push({ at: m.createdAt, what: `Escalated by @${m.author} to ${to}${marker.reason ? `: ${String(marker.reason)}` : ''}` });
    if (marker.kind === 'decline') {
      const who = typeof marker.who === 'string' ? marker.who : m.author;
      const until = typeof marker.until === 'string' ? Date.parse(marker.until) : NaN;
      const later = Number.isFinite(until)
        ? `, not before ${DateTime.fromMillis(until, { zone: cal.zone }).toFormat('ccc LLL d HH:mm')}`
        : '';
      milestones.push({ at: m.createdAt, what: `Declined by @${who}${later}${marker.reason ? `: ${String(marker.reason)}` : ''}` });
    }
    if (marker.kind === 'handoff')
      milestones.push({
        at: m.createdAt,
        what: `Handed off from @${String(marker.from)} to ${to}${marker.week ? ` for ${String(marker.week)}` : ''}`,
      });
    if (marker.kind === 'promotion' && typeof marker.issue === 'string') {
      promoted.push(marker.issue);
      milestones.push({
        at: m.createdAt,
        what: `${marker.known ? 'Added to the known issue' : 'Promoted to'} ${marker.issue}${marker.longTerm ? ', the long-term fix' : ''}`,
      });
    }
    if (marker.kind === 'resolution' && marker.workaround === true && typeof marker.answer === 'string') {
      workarounds.push(marker.answer);
      milestones.push({ at: m.createdAt, what: `Workaround given (short-term correction): ${marker.answer}` });
    }
    if ((marker.kind === 'resolution' || marker.kind === 'stale') && marker.wontfix)
      milestones.push({
        at: m.createdAt,
        what: `Closed as wontfix by @${m.author}${marker.kind === 'stale' ? ' (the user was silent)' : ''}`,
      });
  }
  const answer = d.messages.find((m) => m.isAnswer);
  if (d.isAnswered && d.answerChosenAt !== null)
    milestones.push({ at: d.answerChosenAt, what: `Answer marked${answer ? `: ${answer.url}` : ''}` });
  if (d.closed && d.closedAt !== null) milestones.push({ at: d.closedAt, what: 'Discussion closed' });
  const end = d.answerChosenAt ?? d.closedAt ?? now;
  milestones.sort((a, b) => a.at - b.at);
  return {
    number: d.number,
    title: d.title,
    url: d.url,
    category: d.category.name,
    state: d.closed ? 'closed' : d.isAnswered ? 'answered' : 'open',
    team: [...team].sort(),
    users: [...users].sort(),
    milestones,
    firstResponseHours,
    businessHoursOpen: round1(businessMinutesBetween(cal, start, end) / 60),
    effortMinutes: effortOf(d, policy.team),
    promoted,
    workarounds,
  };
}

/** The template's values. */
export function postmortemValues(m: PostmortemModel, zone: string, now: number): Record<string, string> {
  const when = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  return {
    title: m.title,
    number: String(m.number),
    url: m.url,
    category: m.category,
    state: m.state,
    date: DateTime.fromMillis(now, { zone }).toISODate()!,
    participants: [...m.team.map((l) => `@${l} (team)`), ...m.users.map((l) => `@${l}`)].join(', ') || 'none',
    effort: m.effortMinutes ? formatDuration(m.effortMinutes) : 'none recorded',
    business_hours_open: String(m.businessHoursOpen),
    first_response:
      m.firstResponseHours === null ? 'never: nobody from the team responded' : `after ${plural(m.firstResponseHours, 'business hour')}`,
    promoted: m.promoted.length ? m.promoted.join(', ') : 'none',
    workaround: m.workarounds.length ? m.workarounds.join(', ') : 'none',
    timeline: m.milestones.map((x) => `- ${when(x.at)}: ${x.what}`).join('\n'),
  };
}

export function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50) || 'discussion'
  );
}
