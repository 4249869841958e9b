import { DateTime } from 'luxon';
import type { BusinessCalendar } from './businessTime.js';
import { addBusinessMinutes, businessMinutesBetween, nextBusinessMinute } from './businessTime.js';
import type { Marker, MarkerKind } from './markers.js';
import { BOOKKEEPING, parseMarker } from './markers.js';

/** One message of a discussion: its opening post, a top-level comment or a threaded reply. */
export interface Message {
  id: string;
  url: string;
  kind: 'post' | 'comment' | 'reply';
  /** null for a deleted account (GitHub may also name it "ghost": see deletedAccount) */
  author: string | null;
  /** GraphQL __typename of the author: User, Bot, Mannequin, … */
  authorType: string | null;
  association: string;
  createdAt: number;
  body: string;
  isAnswer?: boolean;
  /** hidden as spam or off-topic, or deleted: not part of the conversation */
  hidden?: boolean;
  parentId?: string;
}

export interface Discussion {
  id: string;
  number: number;
  title: string;
  url: string;
  createdAt: number;
  /** when GitHub last saw it change (a comment, a reply, an edit, a label); absent when not read */
  updatedAt?: number;
  closed: boolean;
  closedAt: number | null;
  isAnswered: boolean;
  answerChosenAt: number | null;
  category: { id: string; slug: string; name: string; isAnswerable: boolean };
  labels: string[];
  /** the opening post first, then comments and replies in time order */
  messages: Message[];
  /** whether `messages` is the whole thread or only its latest part */
  complete: boolean;
}

export interface TeamRule {
  logins: ReadonlySet<string>;
  associations: ReadonlySet<string>;
  /** bots whose markers count as the team's (config `trustedBots`), lower case, without "[bot]" */
  bots?: ReadonlySet<string>;
}

/** A bot's login as GitHub's GraphQL API gives it ("github-actions") and as people write it ("github-actions[bot]"). */
const botName = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');

/** The team rule of a config: its members' logins, the trusted associations and the trusted bots (docs/config.md, §9). */
export function teamRuleOf(
  members: ReadonlyArray<{ login: string }>,
  config: { teamAssociations: Iterable<string>; trustedBots: Iterable<string> },
): TeamRule {
  return teamRule(
    members.map((m) => m.login),
    config.teamAssociations,
    config.trustedBots,
  );
}

export function teamRule(logins: Iterable<string>, associations: Iterable<string>, trustedBots: Iterable<string> = []): TeamRule {
  return {
    logins: new Set([...logins].map((l) => l.toLowerCase())),
    associations: new Set(associations),
    bots: new Set([...trustedBots].map(botName)),
  };
}

export function isBot(m: Pick<Message, 'author' | 'authorType'>): boolean {
  return m.authorType === 'Bot' || (m.author?.toLowerCase().endsWith('[bot]') ?? false);
}

export function isTeam(m: Pick<Message, 'author' | 'authorType' | 'association'>, team: TeamRule): boolean {
  if (isBot(m)) return false;
  return (m.author !== null && team.logins.has(m.author.toLowerCase())) || team.associations.has(m.association);
}

/** A bot listed in `trustedBots`: its markers are the team's, its words never an answer. */
export function isTrustedBot(m: Pick<Message, 'author' | 'authorType'>, team: TeamRule): boolean {
  return isBot(m) && m.author !== null && (team.bots?.has(botName(m.author)) ?? false);
}

/**
 * A marker counts only in a team member's (or trusted bot's) message, so a
 * user cannot forge a handoff; and only in the opening post or a top-level
 * comment, where the tool writes them, so the short read (the latest replies)
 * and the whole thread agree on the owner.
 */
export function trustedMarker(m: Message, team: TeamRule): Marker | null {
  return m.kind !== 'reply' && (isTeam(m, team) || isTrustedBot(m, team)) ? parseMarker(m.body) : null;
}

/** A trusted marker and the message that holds it. */
export interface MarkedMessage {
  marker: Marker;
  messageId: string;
  url: string;
  createdAt: number;
  author: string | null;
}

/** The team's markers of one kind in a discussion, oldest first, with the message that holds each. */
export function markersOf(d: Discussion, team: TeamRule, kind: MarkerKind): MarkedMessage[] {
  return d.messages.flatMap((m) => {
    const marker = trustedMarker(m, team);
    return marker?.kind === kind ? [{ marker, messageId: m.id, url: m.url, createdAt: m.createdAt, author: m.author }] : [];
  });
}

/** A customer as given ("Jane Smith <jane@lab.gov>"), by name only: an email never goes into a comment. */
export function customerName(given: string): string {
  return given
    .replace(/<[^>]*>/g, '')
    .replace(/\S+@\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether an author is a deleted account: GitHub shows its content as by
 * `ghost` (https://github.com/ghost), or gives no author at all. Such an
 * author is addressed neutrally, never @mentioned.
 */
export function deletedAccount(login: string | null): boolean {
  return login === null || login.toLowerCase() === 'ghost';
}

/** An author as the team's posts name them: @login, or "a deleted account". */
export function authorRef(login: string | null): string {
  return deletedAccount(login) ? 'a deleted account' : `@${login}`;
}

/**
 * How the tool's comments greet the customer (docs/process.md#words-to-people): for a logged call,
 * the customer recorded in its contact marker, by name and never @mentioned
 * (the post's author is the team member who logged it); else the author by
 * @mention; "there" for a deleted author or a call with no customer given.
 */
export function addressee(d: Discussion, team: TeamRule): string {
  const post = d.messages.find((m) => m.kind === 'post');
  if (!post) return 'there';
  const marker = trustedMarker(post, team);
  if (marker?.kind === 'contact') {
    // Calls logged before the marker carried the customer name them in the body.
    const given = typeof marker.customer === 'string' ? marker.customer : (/^- Customer: (.+)$/m.exec(post.body)?.[1] ?? '');
    const name = given === 'not given' ? '' : customerName(given);
    return name || 'there';
  }
  return deletedAccount(post.author) ? 'there' : `@${post.author}`;
}

export type State = 'resolved' | 'waiting-on-team' | 'waiting-on-user';

export interface Assessment {
  number: number;
  title: string;
  url: string;
  author: string | null;
  state: State;
  owner: string | null;
  waitingSince: number | null;
  dueAt: number | null;
  businessHoursWaiting: number | null;
  /** business minutes until due while waiting on the team, negative once past due; null otherwise */
  businessMinutesLeft: number | null;
  lastUserActivityAt: number | null;
  daysSinceUserActivity: number | null;
  overdue: boolean;
  dueSoon: boolean;
  stale: boolean;
  /** login of the latest trusted handoff's `to`, if any */
  handedOffTo: string | null;
  /** the first message of the opening post's author, for summaries */
  via: string;
}

export interface Policy {
  calendar: BusinessCalendar;
  team: TeamRule;
  responseGoalMinutes: number;
  staleAfterDays: number;
  /** the Primary on duty at an instant, from the rotation */
  primaryAt(t: number): string | null;
}

interface Turn {
  at: number;
  side: 'team' | 'user';
}

/** The conversation as alternating turns: bots, hidden messages and bookkeeping left out. */
export function turnsOf(d: Discussion, team: TeamRule): Turn[] {
  const turns: Turn[] = [];
  for (const m of d.messages) {
    if (m.hidden || isBot(m)) continue;
    const marker = trustedMarker(m, team);
    if (m.kind === 'post' && marker?.kind === 'contact') {
      // A logged call: the call is the user's turn, the logging post the team's answer,
      // unless someone other than the Primary logged it without answering (docs/process.md#acting-roles): then the clock runs.
      const at = typeof marker.at === 'string' ? Date.parse(marker.at) : NaN;
      turns.push({ at: Number.isNaN(at) ? m.createdAt : at, side: 'user' });
      if (marker.answered !== false) turns.push({ at: m.createdAt, side: 'team' });
      continue;
    }
    if (marker && BOOKKEEPING.has(marker.kind)) continue;
    turns.push({ at: m.createdAt, side: isTeam(m, team) ? 'team' : 'user' });
  }
  return turns.sort((a, b) => a.at - b.at);
}

export function latestHandoff(d: Discussion, team: TeamRule): string | null {
  let to: string | null = null;
  for (const m of d.messages) {
    const marker = trustedMarker(m, team);
    if (marker?.kind === 'handoff' && typeof marker.to === 'string') to = marker.to;
  }
  return to;
}

/** The contact method: a logged call's `via`, else "github". */
export function viaOf(d: Discussion, team: TeamRule): string {
  const post = d.messages.find((m) => m.kind === 'post');
  const marker = post ? trustedMarker(post, team) : null;
  return marker?.kind === 'contact' && typeof marker.via === 'string' ? marker.via : 'github';
}

/** Who owes whom a reply, and by when (docs/process.md#conversation-state). */
export function assess(d: Discussion, policy: Policy, now: number): Assessment {
  const handedOffTo = latestHandoff(d, policy.team);
  const owner = handedOffTo ?? policy.primaryAt(nextBusinessMinute(policy.calendar, d.createdAt));
  const base = {
    number: d.number,
    title: d.title,
    url: d.url,
    author: d.messages.find((m) => m.kind === 'post')?.author ?? null,
    owner,
    handedOffTo,
    via: viaOf(d, policy.team),
  };
  const turns = turnsOf(d, policy.team);
  const userTurns = turns.filter((t) => t.side === 'user');
  const lastUser = userTurns.length ? userTurns[userTurns.length - 1]!.at : null;
  // Whole calendar days (DST-aware, in the team's zone) since the user last engaged.
  const daysSince =
    lastUser === null
      ? null
      : Math.floor(
          DateTime.fromMillis(now, { zone: policy.calendar.zone }).diff(
            DateTime.fromMillis(lastUser, { zone: policy.calendar.zone }),
            'days',
          ).days,
        );
  const idle = { waitingSince: null, dueAt: null, businessHoursWaiting: null, businessMinutesLeft: null, overdue: false, dueSoon: false };

  if (d.closed || d.isAnswered) {
    return { ...base, ...idle, state: 'resolved', lastUserActivityAt: lastUser, daysSinceUserActivity: daysSince, stale: false };
  }
  const last = turns[turns.length - 1];
  if (!last || last.side === 'user') {
    let lastTeam = -Infinity;
    for (const t of turns) if (t.side === 'team') lastTeam = t.at;
    const waitingSince = turns.find((t) => t.side === 'user' && t.at > lastTeam)?.at ?? d.createdAt;
    const start = nextBusinessMinute(policy.calendar, waitingSince);
    const dueAt = addBusinessMinutes(policy.calendar, start, policy.responseGoalMinutes);
    const overdue = now >= dueAt;
    const left = overdue ? -businessMinutesBetween(policy.calendar, dueAt, now) : businessMinutesBetween(policy.calendar, now, dueAt);
    return {
      ...base,
      state: 'waiting-on-team',
      waitingSince,
      dueAt,
      businessHoursWaiting: round2(businessMinutesBetween(policy.calendar, waitingSince, now) / 60),
      businessMinutesLeft: left,
      lastUserActivityAt: lastUser,
      daysSinceUserActivity: daysSince,
      overdue,
      dueSoon: !overdue && left <= 60,
      stale: false,
    };
  }
  const stale = daysSince !== null && daysSince >= policy.staleAfterDays;
  return { ...base, ...idle, state: 'waiting-on-user', lastUserActivityAt: lastUser, daysSinceUserActivity: daysSince, stale };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
