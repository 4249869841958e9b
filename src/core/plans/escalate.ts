import type { Assessment, Discussion, TeamRule } from '../conversation.js';
import { markersOf } from '../conversation.js';
import type { TeamMember } from '../config.js';
import type { Segment } from '../rotation.js';
import { onDutyAt } from '../rotation.js';
import { UsageError } from '../errors.js';
import { withMarker } from '../markers.js';
import type { Plan } from './plan.js';
import { skipAction } from './plan.js';
import { listText } from '../words.js';

/** A retry within this window with the same people is the same escalation, not a new one. */
export const SAME_ESCALATION_MS = 15 * 60_000;

export interface EscalateFacts {
  now: number;
  discussion: Discussion;
  assessment: Assessment;
  team: TeamRule;
  members: readonly TeamMember[];
  timeline: readonly Segment[];
  /** the acting Primary and Backup now (docs/process.md#acting-roles: away notices, delegations); the rota's when absent */
  acting?: { primary: string | null; backup: string | null };
}

export interface EscalateFlags {
  to: readonly string[];
  reason?: string;
  effort?: number;
}

/** Why there is a choice to make instead of a default: asked before, no acting Backup, or the acting Backup declined. */
export type ChoiceReason = 'asked-before' | 'no-backup' | 'backup-declined';

export interface Choice {
  candidates: TeamMember[];
  /** everyone an earlier escalation of the discussion asked */
  asked: string[];
  /** those who declined it and have not come back (docs/process.md#escalation) */
  declined: string[];
  why: ChoiceReason;
  /** the acting Backup now, when there is one */
  backup: string | null;
}

/** Either a plan, or the people to choose from when the default (the acting Backup, the first time) does not apply. */
export type EscalatePlan = (Plan & { choose?: undefined }) | { choose: Choice };

const sorted = (logins: readonly string[]) =>
  [...logins]
    .map((l) => l.toLowerCase())
    .sort()
    .join(',');
const lower = (l: string) => l.toLowerCase();

/** A developer's decline of a discussion (`decline`, docs/process.md#escalation): in force until its `until`, or for good. */
export interface Decline {
  who: string;
  until: number | null;
  reason: string | null;
  at: number;
  url: string;
}

/** Every trusted decline of a discussion, oldest first. */
export function declinesOf(d: Discussion, team: TeamRule): Decline[] {
  return markersOf(d, team, 'decline').flatMap((m) => {
    const who = typeof m.marker.who === 'string' ? m.marker.who : m.author;
    const until = typeof m.marker.until === 'string' ? Date.parse(m.marker.until) : null;
    if (!who) return [];
    return [
      {
        who,
        until: until !== null && Number.isFinite(until) ? until : null,
        reason: typeof m.marker.reason === 'string' ? m.marker.reason : null,
        at: m.createdAt,
        url: m.url,
      },
    ];
  });
}

/** The logins (lower case) who declined the discussion and have not come back: no `until`, or one still ahead. */
export function declinedNow(d: Discussion, team: TeamRule, now: number): Set<string> {
  return new Set(
    declinesOf(d, team)
      .filter((x) => x.until === null || x.until > now)
      .map((x) => lower(x.who)),
  );
}

/** Everyone an escalation of the discussion asked, in order. */
export function askedIn(d: Discussion, team: TeamRule): string[] {
  const to = markersOf(d, team, 'escalation').flatMap((p) => (Array.isArray(p.marker.to) ? (p.marker.to as string[]) : []));
  return to.filter((l, i) => to.findIndex((x) => lower(x) === lower(l)) === i);
}

/** The acting Primary and Backup now: as given, else the rota's. */
function actingOf(f: EscalateFacts): { primary: string | null; backup: string | null } {
  if (f.acting) return f.acting;
  const duty = onDutyAt(f.timeline, f.now, 0).current;
  return { primary: duty?.primary?.login ?? null, backup: duty?.backup?.login ?? null };
}

/**
 * Whom an escalation without `--to` may ask (docs/reference.md, §12.1): the acting
 * Backup the first time, unless there is none or they declined; otherwise a
 * choice among the members not yet asked, not declined, and neither the
 * acting Primary nor the owner.
 */
export function escalationTarget(f: EscalateFacts): { to: string } | { choose: Choice } {
  const d = f.discussion;
  const asked = askedIn(d, f.team);
  const declined = declinedNow(d, f.team, f.now);
  const { primary, backup } = actingOf(f);
  const first = markersOf(d, f.team, 'escalation').length === 0;
  if (first && backup && !declined.has(lower(backup))) return { to: backup };
  const skip = new Set([...asked, ...declined, primary, f.assessment.owner].filter((l): l is string => !!l).map(lower));
  const candidates = f.members.filter((m) => !skip.has(lower(m.login)));
  const declinedList = [...declined];
  if (candidates.length === 0)
    throw new UsageError(
      `everyone on the team has been asked about #${d.number} already${declinedList.length ? `, or declined it (${declinedList.map((l) => `@${l}`).join(', ')})` : ''}`,
      'pass --to LOGIN to ask someone again',
    );
  const why: ChoiceReason = !first ? 'asked-before' : backup ? 'backup-declined' : 'no-backup';
  return { choose: { candidates, asked, declined: declinedList, why, backup } };
}

/**
 * Who to ask: the given people; else the acting Backup the first time; else
 * a choice (the caller offers it). A re-run within 15 minutes with the same
 * people is the same escalation.
 */
export function planEscalate(f: EscalateFacts, flags: EscalateFlags): EscalatePlan {
  const d = f.discussion;
  const base = { kind: 'escalation', number: d.number, url: d.url };
  if (f.assessment.state === 'resolved') return { actions: [skipAction(base, 'already resolved')], warnings: [] };
  const previous = markersOf(d, f.team, 'escalation');
  const last = previous[previous.length - 1];
  const lastTo = (last?.marker.to as string[] | undefined) ?? [];
  if (last !== undefined && f.now - last.createdAt < SAME_ESCALATION_MS && (flags.to.length === 0 || sorted(flags.to) === sorted(lastTo))) {
    // A re-run right after an escalation (say, after a lost answer) is the same escalation.
    return {
      actions: [{ ...skipAction(base, `already escalated to ${lastTo.map((l) => `@${l}`).join(', ')} minutes ago`), url: last.url }],
      warnings: [],
    };
  }
  let to = [...flags.to];
  if (to.length === 0) {
    const target = escalationTarget(f);
    if ('choose' in target) return { choose: target.choose };
    to = [target.to];
  }
  const declined = declinedNow(d, f.team, f.now);
  const warnings = [
    ...to.filter((l) => !f.members.some((m) => lower(m.login) === lower(l))).map((l) => `@${l} is not on the team`),
    ...to.filter((l) => declined.has(lower(l))).map((l) => `@${l} declined #${d.number}; asking again as you named them`),
  ];
  const key = `escalation/${sorted(to)}`;
  const whom = askedText(to, actingOf(f));
  const text = `${to.map((l) => `@${l}`).join(' ')}, could you help with this one?${flags.reason ? `\n\n${flags.reason}` : ''}`;
  const body = withMarker(text, 'escalation', { to, ...(flags.reason ? { reason: flags.reason } : {}) }, { effort: flags.effort, key });
  return {
    actions: [
      {
        ...base,
        key,
        doneText: `asked ${whom} for help`,
        plannedText: `would ask ${whom} for help`,
        preview: `#${d.number} ${d.title}\n\n${body}`,
        steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key, windowMs: SAME_ESCALATION_MS }],
      },
    ],
    warnings,
  };
}

/** "the acting Backup @edsger-d", "@ada and the acting Backup @bob": whom an escalation asks, naming the acting role of each who holds one. */
export function askedText(to: readonly string[], acting: { primary: string | null; backup: string | null }): string {
  const role = (l: string) =>
    acting.backup && lower(acting.backup) === lower(l)
      ? 'the acting Backup '
      : acting.primary && lower(acting.primary) === lower(l)
        ? 'the acting Primary '
        : '';
  return listText(to.map((l) => `${role(l)}@${l}`));
}

/** What the person running `escalate` reads when there is a choice to make: true to what happened, never an escalation that did not. */
export function choiceText(number: number, c: Choice): string {
  const list = (ls: readonly string[]) => ls.map((l) => `@${l}`).join(', ');
  if (c.why === 'no-backup')
    return `nobody can act as Backup now (the Backup is away or acting as Primary, and no experienced member is free), so #${number} has no default to ask; choose who to ask`;
  if (c.why === 'backup-declined') return `@${c.backup} (the acting Backup) declined #${number}; choose who to ask instead`;
  return `#${number} was escalated before${c.asked.length ? ` (to ${list(c.asked)})` : ''}${c.declined.length ? `, and ${list(c.declined)} declined it` : ''}; choose who to ask next`;
}
