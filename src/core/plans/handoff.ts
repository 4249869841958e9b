import { DateTime } from 'luxon';
import type { Assessment, Discussion, TeamRule } from '../conversation.js';
import { addressee, markersOf } from '../conversation.js';
import type { Segment } from '../rotation.js';
import { fillTemplate } from '../template.js';
import { UsageError } from '../errors.js';
import { withMarker } from '../markers.js';
import { markdownText } from '../userText.js';
import type { Plan, PlannedAction } from './plan.js';
import { skipAction } from './plan.js';
import { actedAsPrimary, offDuty } from '../acting.js';
import { silentText } from '../words.js';

export interface HandoffFacts {
  now: number;
  zone: string;
  discussions: readonly Discussion[];
  assessments: readonly Assessment[];
  team: TeamRule;
  /** logins of the configured team, to warn about anyone else */
  members: readonly string[];
  timeline: readonly Segment[];
  /** the token's user, when known */
  viewer: string | null;
  template: { text: string; source: string };
  /** the note left on a discussion the outgoing Primary keeps */
  keepTemplate: { text: string; source: string };
  /** the acting roles at an instant (docs/process.md#acting-roles); the rota's when absent */
  actingAt?: (t: number) => { primary: string | null; backup: string | null };
  /** the instants the acting roles may change (away stretches, delegations, shifts), to find who acted as Primary */
  actingChanges?: readonly number[];
  /** the instant that says who is on duty now (the next business minute); `now` when absent */
  dutyAt?: number;
}

export interface HandoffFlags {
  to?: string;
  backup?: string;
  from?: string;
  keep: ReadonlySet<number>;
  effort?: number;
}

export interface HandoffPlan extends Plan {
  from: string;
  to: string;
  backup: string | null;
  week: string;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function stateText(a: Assessment): string {
  if (a.overdue) return 'waiting for our answer (overdue)';
  if (a.state === 'waiting-on-team') return 'waiting for our answer';
  if (a.stale) return 'waiting for your reply for a while';
  return 'waiting for your reply';
}

/**
 * Whose shift is handed over, and to whom. The outgoing shift is the latest
 * one `--from` was Primary of; by default the token's user's, when they were
 * Primary of the shift in progress or of the one that just ended (a Monday
 * handoff by last week's Primary), else the shift in progress. The handoff
 * goes to the Primary and Backup of the shift that follows that one.
 */
export function handoffShifts(
  timeline: readonly Segment[],
  now: number,
  viewer: string | null,
  fromFlag?: string,
): { outgoing: Segment | null; next: Segment | null } {
  const started = timeline.filter((s) => s.start <= now);
  const current = started.find((s) => now < s.end) ?? null;
  const previous =
    [...started].reverse().find((s) => s.end <= (current?.start ?? now) && !same(s.primary?.login, current?.primary?.login)) ?? null;
  const primaryOf = (login: string) => [...started].reverse().find((s) => same(s.primary?.login, login)) ?? null;
  const outgoing = fromFlag
    ? (primaryOf(fromFlag) ?? current ?? previous)
    : same(current?.primary?.login, viewer)
      ? current
      : same(previous?.primary?.login, viewer)
        ? previous
        : (current ?? previous);
  if (!outgoing) return { outgoing: null, next: null };
  const who = fromFlag ?? outgoing.primary?.login;
  const next = timeline.find((s) => s.start >= outgoing.end && !same(s.primary?.login, who)) ?? null;
  return { outgoing, next };
}

/** The week a handoff is for: the ISO week the next shift starts in. */
export function handoffWeek(nextStart: number, zone: string): string {
  return DateTime.fromMillis(nextStart, { zone }).toFormat("kkkk-'W'WW");
}

/** Whether `from` kept the discussion for `week` (`handoff --keep` leaves a trusted `keep` marker). */
export function keptFor(d: Discussion, team: TeamRule, from: string, week: string): boolean {
  return markersOf(d, team, 'keep').some((m) => m.marker.week === week && same(m.marker.from as string | undefined, from));
}

/**
 * Whose discussions the outgoing Primary hands over (docs/process.md#off-duty-owners): those of
 * everyone who acted as Primary during the shift (the Primary, delegates, an
 * acting Backup), and those whose owner is off duty now and did not keep
 * them, never the next Primary's own.
 */
export function handedOwners(
  f: Pick<HandoffFacts, 'now' | 'zone' | 'discussions' | 'team' | 'actingAt' | 'actingChanges' | 'dutyAt'>,
  outgoing: Segment | null,
  from: string,
  to: string,
): (a: Assessment) => boolean {
  const acted =
    f.actingAt && outgoing ? actedAsPrimary(f.actingAt, f.actingChanges ?? [], outgoing.start, Math.min(outgoing.end, f.now)) : [];
  const now = f.actingAt?.(f.dutyAt ?? f.now) ?? null;
  const week = outgoing ? handoffWeek(outgoing.start, f.zone) : null;
  const byNumber = new Map(f.discussions.map((d) => [d.number, d]));
  const kept = (a: Assessment) => week !== null && a.owner !== null && keptFor(byNumber.get(a.number)!, f.team, a.owner, week);
  return (a) =>
    !same(a.owner, to) && (same(a.owner, from) || acted.some((l) => same(l, a.owner)) || (now !== null && offDuty(a.owner, now, kept(a))));
}

/** End of week: one comment on each unresolved discussion of the outgoing Primary (and those they covered), for the next one. */
export function planHandoff(f: HandoffFacts, flags: HandoffFlags): HandoffPlan {
  const warnings: string[] = [];
  const { outgoing, next } = handoffShifts(f.timeline, f.now, f.viewer, flags.from);
  const from = flags.from ?? outgoing?.primary?.login ?? null;
  // The next shift's acting roles: its Primary's delegate, or its Backup when the Primary is away as it starts.
  const acting = next && f.actingAt ? f.actingAt(next.start) : null;
  const to = flags.to ?? acting?.primary ?? next?.primary?.login ?? null;
  const backup = flags.backup ?? acting?.backup ?? next?.backup?.login ?? null;
  if (!from) throw new UsageError('cannot tell who the outgoing Primary is', 'pass --from LOGIN, or check the rotation calendar');
  if (!flags.from && outgoing && outgoing.start <= f.now && f.now - outgoing.start < 86_400_000) {
    // Run on Monday morning by someone else, "the shift in progress" is the one that just began.
    warnings.push(
      `the shift in progress began ${Math.round((f.now - outgoing.start) / 3_600_000)} h ago, so @${from} is taken as the outgoing Primary; pass --from LOGIN to hand off last week's`,
    );
  }
  if (!to) throw new UsageError('cannot tell who the next Primary is', 'pass --to LOGIN, or plan the rotation further ahead');
  if (same(to, from)) throw new UsageError(`@${to} is both the outgoing and the next Primary`, 'pass --to with someone else');
  for (const l of [to, backup]) if (l && !f.members.some((m) => same(m, l))) warnings.push(`@${l} is not on the team`);
  const nextStart = next?.start ?? outgoing?.end ?? f.now;
  const week = handoffWeek(nextStart, f.zone);
  const key = `handoff/${week}/${from}`;
  const keepKey = `keep/${week}/${from}`;
  const weekStart = DateTime.fromMillis(nextStart, { zone: f.zone }).toFormat('LLL d');

  const byNumber = new Map(f.discussions.map((d) => [d.number, d]));
  // Those already handed over this week (by an earlier run) are listed as skipped, not posted again.
  const handedEarlier = (n: number) =>
    markersOf(byNumber.get(n)!, f.team, 'handoff').some((m) => m.marker.week === week && m.marker.from === from);
  const ours = handedOwners(f, outgoing, from, to);
  const owned = f.assessments.filter((a) => a.state !== 'resolved' && (ours(a) || handedEarlier(a.number)));
  const actions: PlannedAction[] = owned.map((a) => {
    const base = { kind: 'handoff', number: a.number, url: a.url };
    const d = byNumber.get(a.number)!;
    if (flags.keep.has(a.number) && !same(a.owner, from))
      return skipAction(base, `left with @${a.owner}, as --keep asks; only @${a.owner} can keep it for ${week}`);
    if (flags.keep.has(a.number)) {
      const keepBase = { ...base, kind: 'keep' };
      if (keptFor(d, f.team, from, week)) return skipAction(keepBase, `already kept by @${from} for ${week}`, keepKey);
      const text = fillTemplate(
        f.keepTemplate.text,
        { user: addressee(d, f.team), from: `@${from}`, week, week_start: weekStart, title: a.title, number: String(a.number) },
        f.keepTemplate.source,
      );
      const body = withMarker(text, 'keep', { from, week }, { key: keepKey });
      return {
        ...keepBase,
        key: keepKey,
        reason: `kept by @${from}`,
        plannedReason: `would note that @${from} keeps it`,
        preview: `#${a.number} ${a.title}\n\n${body}`,
        summary: `#${a.number} ${a.title} (kept by @${from})`,
        steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key: keepKey }],
      };
    }
    if (handedEarlier(a.number)) return skipAction(base, `already handed to @${a.handedOffTo} for ${week}`);
    const text = fillTemplate(
      f.template.text,
      {
        user: addressee(d, f.team),
        next_primary: `@${to}`,
        next_backup: backup ? `@${backup}` : 'the team',
        from: `@${from}`,
        state: stateText(a),
        week,
        week_start: weekStart,
        title: a.title,
        number: String(a.number),
      },
      f.template.source,
    );
    const owner = a.owner && !same(a.owner, from) ? { owner: a.owner } : {};
    const body = withMarker(text, 'handoff', { to, from, week, ...(backup ? { backup } : {}), ...owner }, { effort: flags.effort, key });
    return {
      ...base,
      key,
      preview: `#${a.number} ${a.title}\n\n${body}`,
      summary: `#${a.number} ${a.title} (${stateText(a)})`,
      steps: [{ op: 'comment', discussionId: d.id, number: d.number, body, key }],
    };
  });
  for (const n of flags.keep)
    if (!owned.some((a) => a.number === n)) warnings.push(`--keep #${n}: not an unresolved discussion of @${from}`);
  actions.sort((x, y) => (x.number ?? 0) - (y.number ?? 0));
  return { actions, warnings, from, to, backup, week };
}

/** A discussion closed lately, answered or not: open discussions alone never show it. */
export interface ClosedItem {
  number: number;
  title: string;
  url: string;
  closedAt: number;
}

/** How far back the summary's "Resolved this week" reaches. */
export const SUMMARY_WEEK_MS = 7 * 86_400_000;

/** The markdown summary for the meeting notes. `closed`: the discussions closed in the last week (SUMMARY_WEEK_MS). */
export function handoffSummary(
  f: Pick<HandoffFacts, 'now' | 'assessments' | 'discussions'> & {
    closed?: readonly ClosedItem[];
    /** serious incidents whose postmortem is not linked yet (docs/process.md#incidents) */
    incidents?: ReadonlyArray<{ number: number; url: string; title: string }>;
  },
  h: { from: string; to: string; backup: string | null; week: string; keep: ReadonlySet<number>; handed: ReadonlySet<number | null> },
): string {
  const weekAgo = f.now - SUMMARY_WEEK_MS;
  const resolvedAt = new Map(f.discussions.map((d) => [d.number, d.answerChosenAt ?? d.closedAt]));
  const line = (a: Pick<Assessment, 'number' | 'url' | 'title'>, extra = '') =>
    `- [#${a.number}](${a.url}) ${markdownText(a.title)}${extra}`;
  // By number in every section, whatever order GitHub listed them in.
  const all = [...f.assessments].sort((a, b) => a.number - b.number);
  // Answered this week (still open), or closed this week with or without an answer.
  const resolved = new Map<number, Pick<Assessment, 'number' | 'url' | 'title'>>();
  for (const a of all) if (a.state === 'resolved' && (resolvedAt.get(a.number) ?? -Infinity) >= weekAgo) resolved.set(a.number, a);
  for (const c of f.closed ?? []) if (c.closedAt >= weekAgo) resolved.set(c.number, c);
  const sections: Array<[string, string[]]> = [
    ['Resolved this week', [...resolved.values()].sort((a, b) => a.number - b.number).map((a) => line(a))],
    [
      `Handed over to @${h.to}`,
      all.filter((a) => h.handed.has(a.number)).map((a) => line(a, ` — ${a.state}${a.overdue ? ', overdue' : ''}`)),
    ],
    [`Kept by @${h.from}`, all.filter((a) => h.keep.has(a.number)).map((a) => line(a, ` — ${a.state}`))],
    ['Overdue', all.filter((a) => a.overdue).map((a) => line(a, a.owner ? ` — @${a.owner}` : ''))],
    ['Stale', all.filter((a) => a.stale).map((a) => line(a, ` — ${silentText(a.daysSinceUserActivity ?? 0)}`))],
    [
      'Incidents for the next project meeting',
      (f.incidents ?? []).map((i) => `- [#${i.number}](${i.url}) ${i.title} — postmortem not linked yet`),
    ],
  ];
  return `## Support handoff ${h.week}: @${h.from} → @${h.to}${h.backup ? ` (Backup @${h.backup})` : ''}\n\n${sections.map(([title, lines]) => `### ${title}\n\n${lines.length ? lines.join('\n') : '_none_'}\n`).join('\n')}`;
}

/**
 * What the previous Primary left behind: their unresolved discussions that
 * were neither handed to anyone nor kept for this shift (`handoff --keep`
 * leaves a `keep` marker), for `start` to warn about.
 */
export function leftBehind(f: {
  timeline: readonly Segment[];
  now: number;
  zone: string;
  assessments: readonly Assessment[];
  discussions: readonly Discussion[];
  team: TeamRule;
}): { from: string; items: Assessment[] } | null {
  const current = f.timeline.find((s) => s.start <= f.now && f.now < s.end) ?? null;
  const previous = [...f.timeline]
    .reverse()
    .find((s) => s.end <= (current?.start ?? f.now) && !same(s.primary?.login, current?.primary?.login));
  const from = previous?.primary?.login;
  if (!from) return null;
  const week = handoffWeek(current?.start ?? previous.end, f.zone);
  const byNumber = new Map(f.discussions.map((d) => [d.number, d]));
  const kept = (n: number) => {
    const d = byNumber.get(n);
    return d !== undefined && keptFor(d, f.team, from, week);
  };
  const items = f.assessments
    .filter(
      (a) => a.state !== 'resolved' && same(a.owner, from) && (a.handedOffTo === null || same(a.handedOffTo, from)) && !kept(a.number),
    )
    .sort((a, b) => a.number - b.number);
  return items.length ? { from, items } : null;
}
