import { DateTime } from 'luxon';
import type { Discussion, Policy } from './conversation.js';
import { latestHandoff, trustedMarker, turnsOf, viaOf } from './conversation.js';
import { addBusinessMinutes, businessMinutesBetween, nextBusinessMinute } from './businessTime.js';
import type { Segment } from './rotation.js';
import type { TeamMember } from './config.js';
import { effortOf } from './effort.js';
import { fixesOf } from './fixes.js';

/**
 * Where an inquiry stands against the response goal:
 * - `answered`: the team responded (for a logged call, the logging itself);
 * - `overdue`: no team response and the due time has passed — outside the goal;
 * - `not-yet-due`: no team response, still inside the goal — not counted yet;
 * - `none-needed`: closed before its due time with no team response, or opened by the team.
 */
export type ResponseStatus = 'answered' | 'overdue' | 'not-yet-due' | 'none-needed';

export interface InquiryFigures {
  number: number;
  url: string;
  category: string;
  labels: string[];
  createdAt: number;
  week: string;
  /** `github`, or the contact method of a logged call */
  via: string;
  /** the Primary on duty when the clock started */
  primary: string | null;
  /** the latest handoff's `to`, else the Primary */
  owner: string | null;
  status: ResponseStatus;
  firstResponseAt: number | null;
  firstResponseHours: number | null;
  /** business hours waited with no team response, up to now or the closing (unanswered only) */
  waitingHours: number | null;
  resolvedAt: number | null;
  resolutionHours: number | null;
  wontfix: boolean;
  escalations: number;
  handoffs: number;
  promotions: number;
  /** answered with a workaround (`resolve --workaround`) */
  workaround: boolean;
  /** promoted to a product issue, its long-term fix */
  longTermFix: boolean;
  effortMinutes: number;
}

/** A classified inquiry from the local journal: when, how, and the effort; never its content. */
export interface JournalEntry {
  at: number;
  via: string;
  handler: string | null;
  effortMinutes: number | null;
}

/** Housekeeping effort from the local journal (`effort --housekeeping`), counted by when the work was done. */
export interface HousekeepingEntry {
  at: number;
  effortMinutes: number;
}

/** First-response figures of a group of GitHub inquiries; an overdue unanswered one counts at its waiting time so far. */
export interface ResponseSummary {
  /** inquiries whose outcome is known: answered, or unanswered past their due time */
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  withinGoal: number | null;
  /** no team response and past the due time */
  unanswered: number;
}

export interface GroupFigures {
  inquiries: number;
  calls: number;
  firstResponse: ResponseSummary;
}

export interface Stats {
  since: string;
  until: string;
  inquiries: number;
  byVia: Record<string, number>;
  /** GitHub inquiries only: logged calls are reported apart, classified ones have no response to measure */
  firstResponse: ResponseSummary;
  unanswered: { count: number; overdue: number; notYetDue: number };
  calls: { count: number; resolved: number; effortHours: number };
  journal: { source: string; inquiries: number; effortHours: number };
  /** `effort --housekeeping`: work for no discussion, from this machine's journal */
  housekeeping: { source: string; entries: number; effortHours: number };
  resolution: { count: number; medianHours: number | null };
  wontfix: number;
  escalations: number;
  handoffs: number;
  promotions: number;
  /** inquiries answered with a short-term constructive correction */
  workarounds: number;
  /** inquiries promoted to a product issue as their comprehensive solution */
  longTermFixes: number;
  /** workarounds with no long-term fix recorded yet */
  workaroundsWithoutFix: number;
  effortHours: number;
  byWeek: Array<{
    week: string;
    inquiries: number;
    github: number;
    calls: number;
    classified: number;
    counted: number;
    unanswered: number;
    medianFirstResponseHours: number | null;
  }>;
  byPrimary: Array<{
    login: string;
    inquiries: number;
    owned: number;
    medianFirstResponseHours: number | null;
    p90Hours: number | null;
    withinGoal: number | null;
    unanswered: number;
  }>;
  byCategory: Array<{ category: string } & GroupFigures>;
  byLabel: Array<{ label: string } & GroupFigures>;
  byPerson: Array<{ login: string; primaryWeeks: number; targetShare: number; actualShare: number }>;
  /** GitHub first responses in hours, overdue unanswered ones apart, for the distribution chart */
  distribution: { answeredHours: number[]; unansweredHours: number[]; notYetDue: number };
  goalHours: number;
}

export const JOURNAL_SOURCE = "this machine's journal";

const round2 = (x: number) => Math.round(x * 100) / 100;
const hoursOf = (cal: Policy['calendar'], from: number, to: number) => round2(businessMinutesBetween(cal, from, to) / 60);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round2(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

export const isCall = (f: Pick<InquiryFigures, 'via'>) => f.via !== 'github';

/** One inquiry's figures: the team's first human response and the resolution, in business hours, as of `now`. */
export function inquiryFigures(
  d: Discussion,
  policy: Pick<Policy, 'team' | 'calendar' | 'primaryAt' | 'responseGoalMinutes'>,
  now: number,
): InquiryFigures {
  const cal = policy.calendar;
  const turns = turnsOf(d, policy.team);
  const firstUser = turns.find((t) => t.side === 'user');
  const start = firstUser?.at ?? d.createdAt;
  const firstTeam = firstUser ? turns.find((t) => t.side === 'team' && t.at >= firstUser.at) : undefined;
  const resolvedAt = d.answerChosenAt ?? (d.closed ? d.closedAt : null);
  let escalations = 0;
  let handoffs = 0;
  let promotions = 0;
  let wontfix = false;
  for (const m of d.messages) {
    const marker = trustedMarker(m, policy.team);
    if (!marker) continue;
    if (marker.kind === 'escalation') escalations++;
    if (marker.kind === 'handoff') handoffs++;
    if (marker.kind === 'promotion') promotions++;
    if ((marker.kind === 'resolution' || marker.kind === 'stale') && marker.wontfix) wontfix = true;
  }
  // The markers' effort and the team's `Effort:` lines typed on GitHub.
  const effort = effortOf(d, policy.team);
  const fixes = fixesOf(d, policy.team);
  let status: ResponseStatus = 'answered';
  let waitingHours: number | null = null;
  if (!firstUser) status = 'none-needed';
  else if (!firstTeam) {
    // The same due time as `overdue` reports; the wait ends now, or when the discussion was closed unanswered.
    const dueAt = addBusinessMinutes(cal, nextBusinessMinute(cal, start), policy.responseGoalMinutes);
    const end = resolvedAt ?? now;
    status = end >= dueAt ? 'overdue' : resolvedAt !== null ? 'none-needed' : 'not-yet-due';
    waitingHours = hoursOf(cal, start, end);
  }
  // A weekend question belongs to the shift on duty when business hours resume.
  const primary = policy.primaryAt(nextBusinessMinute(cal, start));
  return {
    number: d.number,
    url: d.url,
    category: d.category.slug,
    labels: d.labels,
    createdAt: d.createdAt,
    week: DateTime.fromMillis(d.createdAt, { zone: cal.zone }).toFormat("kkkk-'W'WW"),
    via: viaOf(d, policy.team),
    primary,
    owner: latestHandoff(d, policy.team) ?? primary,
    status,
    firstResponseAt: firstTeam?.at ?? null,
    firstResponseHours: firstTeam ? hoursOf(cal, start, firstTeam.at) : null,
    waitingHours,
    resolvedAt,
    resolutionHours: resolvedAt !== null ? hoursOf(cal, start, resolvedAt) : null,
    wontfix: wontfix || d.labels.includes('wontfix'),
    escalations,
    handoffs,
    promotions,
    workaround: fixes.workarounds.length > 0,
    longTermFix: fixes.longTerm.length > 0,
    effortMinutes: effort,
  };
}

/** Answered inquiries at their first response, overdue unanswered ones at (at least) their wait so far. */
export function responseSummary(figures: readonly InquiryFigures[], goalHours: number): ResponseSummary {
  const github = figures.filter((f) => !isCall(f));
  const answered = github.flatMap((f) => (f.status === 'answered' && f.firstResponseHours !== null ? [f.firstResponseHours] : []));
  const overdue = github.flatMap((f) => (f.status === 'overdue' ? [f.waitingHours ?? 0] : []));
  const all = [...answered, ...overdue].sort((a, b) => a - b);
  return {
    count: all.length,
    medianHours: median(all),
    p90Hours: percentile(all, 90),
    withinGoal: all.length ? round2(answered.filter((h) => h <= goalHours).length / all.length) : null,
    unanswered: overdue.length,
  };
}

function groups(
  figures: readonly InquiryFigures[],
  keysOf: (f: InquiryFigures) => string[],
  goalHours: number,
): Array<[string, GroupFigures]> {
  const by = new Map<string, InquiryFigures[]>();
  for (const f of figures) for (const k of keysOf(f)) by.set(k, [...(by.get(k) ?? []), f]);
  return [...by.keys()].sort().map((k) => {
    const mine = by.get(k)!;
    return [k, { inquiries: mine.length, calls: mine.filter(isCall).length, firstResponse: responseSummary(mine, goalHours) }];
  });
}

export function computeStats(
  figures: readonly InquiryFigures[],
  o: {
    since: string;
    until: string;
    zone: string;
    goalHours: number;
    timeline: readonly Segment[];
    team: readonly TeamMember[];
    from: number;
    to: number;
    journal?: readonly JournalEntry[];
    housekeeping?: readonly HousekeepingEntry[];
  },
): Stats {
  const journal = (o.journal ?? []).filter((j) => j.at >= o.from && j.at < o.to);
  const housekeeping = (o.housekeeping ?? []).filter((h) => h.at >= o.from && h.at < o.to);
  const github = figures.filter((f) => !isCall(f));
  const calls = figures.filter(isCall);
  const weekOf = (t: number) => DateTime.fromMillis(t, { zone: o.zone }).toFormat("kkkk-'W'WW");
  const byVia: Record<string, number> = { github: 0 };
  for (const f of figures) byVia[f.via] = (byVia[f.via] ?? 0) + 1;
  if (journal.length) byVia.classified = journal.length;

  const weeks: Stats['byWeek'] = [];
  for (let w = DateTime.fromMillis(o.from, { zone: o.zone }).startOf('week'); w.toMillis() < o.to; w = w.plus({ weeks: 1 })) {
    const label = w.toFormat("kkkk-'W'WW");
    const inWeek = figures.filter((f) => f.week === label);
    const classified = journal.filter((j) => weekOf(j.at) === label).length;
    const r = responseSummary(inWeek, o.goalHours);
    const githubInWeek = inWeek.filter((f) => !isCall(f)).length;
    weeks.push({
      week: label,
      inquiries: inWeek.length + classified,
      github: githubInWeek,
      calls: inWeek.length - githubInWeek,
      classified,
      counted: r.count,
      unanswered: r.unanswered,
      medianFirstResponseHours: r.medianHours,
    });
  }

  const primaries = [...new Set(github.flatMap((f) => [f.primary, f.owner]).filter((p): p is string => p !== null))].sort();
  const byPrimary = primaries.map((login) => {
    const mine = github.filter((f) => f.primary === login);
    const r = responseSummary(mine, o.goalHours);
    const owned = github.filter((f) => f.owner === login).length;
    return {
      login,
      inquiries: mine.length,
      owned,
      medianFirstResponseHours: r.medianHours,
      p90Hours: r.p90Hours,
      withinGoal: r.withinGoal,
      unanswered: r.unanswered,
    };
  });

  const week = 7 * 86_400_000;
  const held = new Map<string, number>();
  for (const s of o.timeline) {
    const login = s.primary?.login;
    if (!login) continue;
    const overlap = Math.min(s.end, o.to) - Math.max(s.start, o.from);
    if (overlap > 0) held.set(login, (held.get(login) ?? 0) + overlap / week);
  }
  const totalHeld = [...held.values()].reduce((a, b) => a + b, 0);
  const totalPercent = o.team.reduce((a, m) => a + m.percentTime, 0) || 1;
  const logins = [...new Set([...o.team.map((m) => m.login), ...held.keys()])].sort();
  const byPerson = logins.map((login) => ({
    login,
    primaryWeeks: round2(held.get(login) ?? 0),
    targetShare: round2((o.team.find((m) => m.login === login)?.percentTime ?? 0) / totalPercent),
    actualShare: totalHeld ? round2((held.get(login) ?? 0) / totalHeld) : 0,
  }));

  const resolutions = figures.flatMap((f) => (f.resolutionHours === null ? [] : [f.resolutionHours]));
  const sum = (xs: readonly { effortMinutes: number | null }[]) => xs.reduce((a, f) => a + (f.effortMinutes ?? 0), 0);
  const overdue = github.filter((f) => f.status === 'overdue').length;
  const notYetDue = github.filter((f) => f.status === 'not-yet-due').length;
  return {
    since: o.since,
    until: o.until,
    inquiries: figures.length + journal.length,
    byVia,
    firstResponse: responseSummary(github, o.goalHours),
    unanswered: { count: overdue + notYetDue, overdue, notYetDue },
    calls: { count: calls.length, resolved: calls.filter((f) => f.resolvedAt !== null).length, effortHours: round2(sum(calls) / 60) },
    journal: { source: JOURNAL_SOURCE, inquiries: journal.length, effortHours: round2(sum(journal) / 60) },
    housekeeping: { source: JOURNAL_SOURCE, entries: housekeeping.length, effortHours: round2(sum(housekeeping) / 60) },
    resolution: { count: resolutions.length, medianHours: median(resolutions) },
    wontfix: figures.filter((f) => f.wontfix).length,
    escalations: figures.reduce((a, f) => a + f.escalations, 0),
    handoffs: figures.reduce((a, f) => a + f.handoffs, 0),
    promotions: figures.reduce((a, f) => a + f.promotions, 0),
    workarounds: figures.filter((f) => f.workaround).length,
    longTermFixes: figures.filter((f) => f.longTermFix).length,
    workaroundsWithoutFix: figures.filter((f) => f.workaround && !f.longTermFix).length,
    effortHours: round2((sum(figures) + sum(journal) + sum(housekeeping)) / 60),
    byWeek: weeks,
    byPrimary,
    byCategory: groups(figures, (f) => [f.category], o.goalHours).map(([category, g]) => ({ category, ...g })),
    byLabel: groups(figures, (f) => f.labels, o.goalHours).map(([label, g]) => ({ label, ...g })),
    byPerson,
    distribution: {
      answeredHours: github
        .flatMap((f) => (f.status === 'answered' && f.firstResponseHours !== null ? [f.firstResponseHours] : []))
        .sort((a, b) => a - b),
      unansweredHours: github.flatMap((f) => (f.status === 'overdue' ? [f.waitingHours ?? 0] : [])).sort((a, b) => a - b),
      notYetDue,
    },
    goalHours: o.goalHours,
  };
}

/** The columns of `stats --format csv|jsonl`: one row per inquiry, classified ones without number, URL or category. */
export const ROW_COLUMNS = [
  'number',
  'url',
  'category',
  'labels',
  'via',
  'created',
  'first_response',
  'first_response_hours',
  'response_status',
  'waiting_hours',
  'resolved',
  'resolution_hours',
  'primary',
  'owner',
  'escalations',
  'handoffs',
  'promoted',
  'wontfix',
  'effort_hours',
] as const;
export type Row = Record<(typeof ROW_COLUMNS)[number], string | number | boolean | null>;

export function inquiryRows(figures: readonly InquiryFigures[], journal: readonly JournalEntry[], o: { from: number; to: number }): Row[] {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z'));
  const rows: Row[] = figures.map((f) => ({
    number: f.number,
    url: f.url,
    category: f.category,
    labels: f.labels.join(';'),
    via: f.via,
    created: iso(f.createdAt),
    first_response: iso(f.firstResponseAt),
    first_response_hours: f.firstResponseHours,
    response_status: f.status,
    waiting_hours: f.waitingHours,
    resolved: iso(f.resolvedAt),
    resolution_hours: f.resolutionHours,
    primary: f.primary,
    owner: f.owner,
    escalations: f.escalations,
    handoffs: f.handoffs,
    promoted: f.promotions > 0,
    wontfix: f.wontfix,
    effort_hours: round2(f.effortMinutes / 60),
  }));
  const classified = journal.filter((j) => j.at >= o.from && j.at < o.to);
  const blank = {
    number: null,
    url: null,
    category: 'classified',
    labels: '',
    first_response: null,
    first_response_hours: null,
    response_status: 'none-needed',
    waiting_hours: null,
    resolved: null,
    resolution_hours: null,
    primary: null,
    escalations: 0,
    handoffs: 0,
    promoted: false,
    wontfix: false,
  };
  for (const j of classified)
    rows.push({ ...blank, via: j.via, created: iso(j.at), owner: j.handler, effort_hours: round2((j.effortMinutes ?? 0) / 60) });
  return rows.sort((a, b) => String(a.created).localeCompare(String(b.created)));
}
