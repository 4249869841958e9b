import { DateTime } from 'luxon';
import type { Discussion, Policy } from './conversation.js';
import { trustedMarker, turnsOf, viaOf } from './conversation.js';
import { businessMinutesBetween, nextBusinessMinute } from './businessTime.js';
import type { Segment } from './rotation.js';
import type { TeamMember } from './config.js';

export interface InquiryFigures {
  number: number;
  createdAt: number;
  week: string;
  via: string;
  /** the Primary on duty when the clock started */
  primary: string | null;
  firstResponseHours: number | null;
  resolutionHours: number | null;
  wontfix: boolean;
  escalations: number;
  handoffs: number;
  promotions: number;
  effortMinutes: number;
}

export interface Stats {
  since: string;
  until: string;
  inquiries: number;
  byVia: Record<string, number>;
  firstResponse: { count: number; medianHours: number | null; p90Hours: number | null; withinGoal: number | null };
  resolution: { count: number; medianHours: number | null };
  wontfix: number;
  escalations: number;
  handoffs: number;
  promotions: number;
  effortHours: number;
  byWeek: Array<{ week: string; inquiries: number; medianFirstResponseHours: number | null }>;
  byPrimary: Array<{ login: string; inquiries: number; medianFirstResponseHours: number | null; withinGoal: number | null }>;
  byPerson: Array<{ login: string; primaryWeeks: number; targetShare: number; actualShare: number }>;
  /** every inquiry's first response in hours, for the distribution chart */
  firstResponseHours: number[];
  goalHours: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

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
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One inquiry's figures: the team's first human response and the resolution, in business hours. */
export function inquiryFigures(d: Discussion, policy: Pick<Policy, 'team' | 'calendar' | 'primaryAt'>): InquiryFigures {
  const cal = policy.calendar;
  const turns = turnsOf(d, policy.team);
  const firstUser = turns.find((t) => t.side === 'user');
  const start = firstUser?.at ?? d.createdAt;
  const firstTeam = firstUser ? turns.find((t) => t.side === 'team' && t.at >= firstUser.at) : undefined;
  const resolvedAt = d.answerChosenAt ?? (d.closed ? d.closedAt : null);
  let escalations = 0;
  let handoffs = 0;
  let promotions = 0;
  let effort = 0;
  let wontfix = false;
  for (const m of d.messages) {
    const marker = trustedMarker(m, policy.team);
    if (!marker) continue;
    if (marker.kind === 'escalation') escalations++;
    if (marker.kind === 'handoff') handoffs++;
    if (marker.kind === 'promotion') promotions++;
    if ((marker.kind === 'resolution' || marker.kind === 'stale') && marker.wontfix) wontfix = true;
    if (typeof marker.effortMinutes === 'number') effort += marker.effortMinutes;
  }
  return {
    number: d.number,
    createdAt: d.createdAt,
    week: DateTime.fromMillis(d.createdAt, { zone: cal.zone }).toFormat("kkkk-'W'WW"),
    via: viaOf(d, policy.team),
    // A weekend question belongs to the shift on duty when business hours resume.
    primary: policy.primaryAt(nextBusinessMinute(cal, start)),
    firstResponseHours: firstTeam ? round2(businessMinutesBetween(cal, start, firstTeam.at) / 60) : null,
    resolutionHours: resolvedAt !== null ? round2(businessMinutesBetween(cal, start, resolvedAt) / 60) : null,
    wontfix: wontfix || d.labels.includes('wontfix'),
    escalations,
    handoffs,
    promotions,
    effortMinutes: effort,
  };
}

export function computeStats(
  figures: readonly InquiryFigures[],
  o: { since: string; until: string; zone: string; goalHours: number; timeline: readonly Segment[]; team: readonly TeamMember[]; from: number; to: number },
): Stats {
  const responses = figures.flatMap((f) => (f.firstResponseHours === null ? [] : [f.firstResponseHours])).sort((a, b) => a - b);
  const within = (xs: number[]) => (xs.length ? round2(xs.filter((h) => h <= o.goalHours).length / xs.length) : null);
  const byVia: Record<string, number> = { github: 0 };
  for (const f of figures) byVia[f.via] = (byVia[f.via] ?? 0) + 1;

  const weeks: Stats['byWeek'] = [];
  for (let w = DateTime.fromMillis(o.from, { zone: o.zone }).startOf('week'); w.toMillis() < o.to; w = w.plus({ weeks: 1 })) {
    const label = w.toFormat("kkkk-'W'WW");
    const inWeek = figures.filter((f) => f.week === label);
    const med = median(inWeek.flatMap((f) => (f.firstResponseHours === null ? [] : [f.firstResponseHours])));
    weeks.push({ week: label, inquiries: inWeek.length, medianFirstResponseHours: med === null ? null : round2(med) });
  }

  const primaries = [...new Set(figures.map((f) => f.primary).filter((p): p is string => p !== null))].sort();
  const byPrimary = primaries.map((login) => {
    const mine = figures.filter((f) => f.primary === login);
    const rs = mine.flatMap((f) => (f.firstResponseHours === null ? [] : [f.firstResponseHours]));
    const med = median(rs);
    return { login, inquiries: mine.length, medianFirstResponseHours: med === null ? null : round2(med), withinGoal: within(rs) };
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
  const med = median(responses);
  const medRes = median(resolutions);
  return {
    since: o.since,
    until: o.until,
    inquiries: figures.length,
    byVia,
    firstResponse: { count: responses.length, medianHours: med === null ? null : round2(med), p90Hours: percentile(responses, 90), withinGoal: within(responses) },
    resolution: { count: resolutions.length, medianHours: medRes === null ? null : round2(medRes) },
    wontfix: figures.filter((f) => f.wontfix).length,
    escalations: figures.reduce((a, f) => a + f.escalations, 0),
    handoffs: figures.reduce((a, f) => a + f.handoffs, 0),
    promotions: figures.reduce((a, f) => a + f.promotions, 0),
    effortHours: round2(figures.reduce((a, f) => a + f.effortMinutes, 0) / 60),
    byWeek: weeks,
    byPrimary,
    byPerson,
    firstResponseHours: responses,
    goalHours: o.goalHours,
  };
}
