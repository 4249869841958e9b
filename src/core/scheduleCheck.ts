import { DateTime } from 'luxon';
import type { TeamMember } from './config.js';
import type { Role, Segment, Shift } from './rotation.js';
import { buildTimeline } from './rotation.js';
import { plural } from './words.js';

export type ProblemKind = 'gap' | 'overlap' | 'same-person' | 'inexperienced' | 'unknown-person' | 'unavailable' | 'share';

export interface Problem {
  kind: ProblemKind;
  /** ISO week of the problem's start, e.g. 2026-W49; null for whole-range problems */
  week: string | null;
  start: number | null;
  end: number | null;
  detail: string;
}

export interface ShareLine {
  login: string;
  targetShare: number;
  targetWeeks: number;
  primaryWeeks: number;
  backupWeeks: number;
}

const WEEK = 7 * 86_400_000;

function weekOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("kkkk-'W'WW");
}

/**
 * A shift strictly inside a longer one of the same role is a one-off override
 * (a delegation for an afternoon, a swap for a day): §4 says the shorter one
 * wins, so it is meant, not a conflict.
 */
function isOverride(inner: Shift, outer: Shift): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && inner.end - inner.start < outer.end - outer.start;
}

/**
 * What `schedule check` reports over [from, to): gaps, overlaps, the same
 * person in both roles, people not on the team, shifts during unavailability,
 * and each member's Primary share against their percent-time target.
 */
export function checkSchedule(
  shifts: readonly Shift[],
  team: readonly TeamMember[],
  from: number,
  to: number,
  zone: string,
): { problems: Problem[]; shares: ShareLine[] } {
  const problems: Problem[] = [];
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('ccc LLL d HH:mm');
  const inRange = shifts.filter((s) => s.end > from && s.start < to);
  const members = new Map(team.map((m) => [m.login.toLowerCase(), m]));

  for (const role of ['primary', 'backup'] as Role[]) {
    const list = inRange.filter((s) => s.role === role).sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j]!.start < list[i]!.end; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.login !== null && a.login === b.login) continue;
        if (isOverride(a, b) || isOverride(b, a)) continue;
        problems.push({
          kind: 'overlap',
          week: weekOf(b.start, zone),
          start: b.start,
          end: Math.min(a.end, b.end),
          detail: `two ${role} shifts overlap: "${a.raw}" and "${b.raw}" (${local(b.start)} → ${local(Math.min(a.end, b.end))})`,
        });
      }
    }
  }
  const seenUnknown = new Set<string>();
  for (const s of inRange) {
    if (s.login === null || !members.has(s.login.toLowerCase())) {
      const key = `${s.raw}|${s.login}`;
      if (seenUnknown.has(key)) continue;
      seenUnknown.add(key);
      problems.push({
        kind: 'unknown-person',
        week: weekOf(s.start, zone),
        start: s.start,
        end: s.end,
        detail: `${s.role} shift "${s.raw}" names ${s.login ? `@${s.login}, who is not on the team` : 'nobody on the team'}`,
      });
    }
  }

  const timeline = buildTimeline(shifts).filter((s) => s.end > from && s.start < to);
  for (const role of ['primary', 'backup'] as Role[]) {
    let cursor = from;
    for (const seg of timeline.filter((s) => s[role])) {
      if (seg.start > cursor)
        problems.push({
          kind: 'gap',
          week: weekOf(cursor, zone),
          start: cursor,
          end: seg.start,
          detail: `no ${role} from ${local(cursor)} to ${local(seg.start)}`,
        });
      cursor = Math.max(cursor, seg.end);
    }
    if (cursor < to)
      problems.push({
        kind: 'gap',
        week: weekOf(cursor, zone),
        start: cursor,
        end: to,
        detail: `no ${role} from ${local(cursor)} to ${local(to)}`,
      });
  }
  // A Primary override naming the week's Backup is a delegation to the Backup: someone else backs up meanwhile.
  const delegatedToBackup = (seg: Segment) =>
    inRange.some(
      (o) =>
        o.role === 'primary' &&
        o.login === seg.primary?.login &&
        o.start <= seg.start &&
        seg.end <= o.end &&
        inRange.some((w) => w.role === 'primary' && w !== o && isOverride(o, w)),
    );
  const green = new Set<string>();
  for (const seg of timeline) {
    // docs/process.md: an experienced Backup is paired with a less experienced Primary.
    const p = seg.primary?.login ? members.get(seg.primary.login.toLowerCase()) : undefined;
    const b = seg.backup?.login ? members.get(seg.backup.login.toLowerCase()) : undefined;
    const week = weekOf(seg.start, zone);
    if (p && b && p !== b && !p.experienced && !b.experienced && !green.has(`${week}:${p.login}:${b.login}`)) {
      green.add(`${week}:${p.login}:${b.login}`);
      problems.push({
        kind: 'inexperienced',
        week,
        start: seg.start,
        end: seg.end,
        detail: `neither @${p.login} (Primary) nor @${b.login} (Backup) is experienced, from ${local(Math.max(seg.start, from))}`,
      });
    }
    if (seg.primary?.login && seg.primary.login === seg.backup?.login && !delegatedToBackup(seg)) {
      problems.push({
        kind: 'same-person',
        week: weekOf(seg.start, zone),
        start: seg.start,
        end: seg.end,
        detail: `@${seg.primary.login} is both Primary and Backup from ${local(Math.max(seg.start, from))} to ${local(Math.min(seg.end, to))}`,
      });
    }
    for (const a of [seg.primary, seg.backup]) {
      const m = a?.login ? members.get(a.login.toLowerCase()) : undefined;
      if (!m) continue;
      const first = DateTime.fromMillis(Math.max(seg.start, from), { zone }).toISODate()!;
      const last = DateTime.fromMillis(Math.min(seg.end, to) - 1, { zone }).toISODate()!;
      const away = m.unavailable.find((u) => u.from <= last && u.to >= first);
      if (away)
        problems.push({
          kind: 'unavailable',
          week: weekOf(seg.start, zone),
          start: seg.start,
          end: seg.end,
          detail: `@${m.login} is ${a!.role} from ${first} to ${last} but unavailable ${away.from} – ${away.to}${away.reason ? ` (${away.reason})` : ''}`,
        });
    }
  }

  const weeks = (to - from) / WEEK;
  const total = team.reduce((s, m) => s + m.percentTime, 0) || 1;
  const held = (login: string, role: Role) =>
    timeline.reduce(
      (sum, seg) =>
        seg[role]?.login?.toLowerCase() === login.toLowerCase() ? sum + (Math.min(seg.end, to) - Math.max(seg.start, from)) : sum,
      0,
    ) / WEEK;
  const shares = team.map((m) => ({
    login: m.login,
    targetShare: m.percentTime / total,
    targetWeeks: round1((weeks * m.percentTime) / total),
    primaryWeeks: round1(held(m.login, 'primary')),
    backupWeeks: round1(held(m.login, 'backup')),
  }));
  for (const s of shares) {
    if (Math.abs(s.primaryWeeks - s.targetWeeks) > 1) {
      problems.push({
        kind: 'share',
        week: null,
        start: null,
        end: null,
        detail: `@${s.login} is Primary ${plural(s.primaryWeeks, 'week')} against a target of ${s.targetWeeks} (${Math.round(s.targetShare * 100)}% of the team's time)`,
      });
    }
  }
  problems.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.kind.localeCompare(b.kind));
  return { problems, shares };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export type { Segment };
