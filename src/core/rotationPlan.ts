import { DateTime } from 'luxon';
import type { TeamMember } from './config.js';
import type { Role } from './rotation.js';
import { UsageError } from './errors.js';

export interface PastWeek {
  monday: string;
  role: Role;
  login: string;
}

export interface RotationPlanInput {
  team: readonly TeamMember[];
  /** a Monday, YYYY-MM-DD */
  start: string;
  weeks: number;
  /** weeks already in the rotation before `start`; they count toward each share */
  history?: readonly PastWeek[];
}

export interface PlannedWeek {
  monday: string;
  primary: string;
  backup: string;
}

export interface Fairness {
  login: string;
  targetShare: number;
  primaryWeeks: number;
  backupWeeks: number;
  /** weeks since the last Primary shift, at the end of the plan; null when never */
  weeksSinceLastPrimary: number | null;
}

export interface RotationPlan {
  weeks: PlannedWeek[];
  fairness: Fairness[];
}

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function isMonday(date: string): boolean {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return d.isValid && d.weekday === 1;
}

export function isUnavailable(member: TeamMember, monday: string): boolean {
  const sunday = addDays(monday, 6);
  return member.unavailable.some((u) => u.from <= sunday && u.to >= monday);
}

const byLogin = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Plans a rotation by deficit round-robin weighted by percent-time: each week
 * the member furthest below their share of Primary weeks so far (history
 * included) takes it, subject to §7's constraints. Deterministic: ties break
 * by login.
 */
export function planRotation(input: RotationPlanInput): RotationPlan {
  const { team } = input;
  if (!isMonday(input.start)) throw new UsageError(`--start ${input.start} is not a Monday`, 'shifts run Monday to Monday: pass a Monday');
  if (team.length < 2)
    throw new UsageError('planning needs a team of at least two members', 'list the team in the config or its team file');
  const total = team.reduce((s, m) => s + m.percentTime, 0);
  if (total <= 0) throw new UsageError('every team member has percentTime 0', 'give at least one member a positive percentTime');
  const share = new Map(team.map((m) => [m.login, m.percentTime / total]));
  const primaryCount = new Map(team.map((m) => [m.login, 0]));
  const backupCount = new Map(team.map((m) => [m.login, 0]));
  const lastPrimary = new Map<string, string>();

  const history = (input.history ?? []).filter((h) => h.monday < input.start && share.has(h.login));
  const historyWeeks = new Set(history.filter((h) => h.role === 'primary').map((h) => h.monday)).size;
  for (const h of history) {
    (h.role === 'primary' ? primaryCount : backupCount).set(h.login, (h.role === 'primary' ? primaryCount : backupCount).get(h.login)! + 1);
    if (h.role === 'primary' && (lastPrimary.get(h.login) ?? '') < h.monday) lastPrimary.set(h.login, h.monday);
  }
  const previousMonday = addDays(input.start, -7);
  let previousPrimary = history.find((h) => h.role === 'primary' && h.monday === previousMonday)?.login;
  const backupWeeksSoFar = () => [...backupCount.values()].reduce((a, b) => a + b, 0);

  const weeks: PlannedWeek[] = [];
  for (let i = 0; i < input.weeks; i++) {
    const monday = addDays(input.start, 7 * i);
    const elapsed = historyWeeks + i + 1;
    const available = team.filter((m) => !isUnavailable(m, monday));
    const deficit = (m: TeamMember, counts: Map<string, number>, weeksSoFar: number) =>
      weeksSoFar * share.get(m.login)! - counts.get(m.login)!;
    const primaries = available
      .filter((m) => m.login !== previousPrimary && m.percentTime > 0)
      .sort((a, b) => deficit(b, primaryCount, elapsed) - deficit(a, primaryCount, elapsed) || byLogin(a.login, b.login));
    if (primaries.length === 0) {
      const reason = available.length === 0 ? 'everyone is unavailable' : 'nobody available was not Primary the week before';
      throw new UsageError(
        `cannot plan week ${weekLabel(monday)} (${monday}): no one can be Primary (${reason})`,
        'adjust the unavailability, or plan a shorter range',
      );
    }
    const backupElapsed = backupWeeksSoFar() + 1;
    let chosen: PlannedWeek | undefined;
    for (const primary of primaries) {
      const backups = available
        .filter((m) => m.login !== primary.login && (primary.experienced || m.experienced))
        .sort((a, b) => deficit(b, backupCount, backupElapsed) - deficit(a, backupCount, backupElapsed) || byLogin(a.login, b.login));
      if (backups[0]) {
        chosen = { monday, primary: primary.login, backup: backups[0].login };
        break;
      }
    }
    if (!chosen) {
      throw new UsageError(
        `cannot plan week ${weekLabel(monday)} (${monday}): no experienced Backup is available for an inexperienced Primary`,
        'mark more members "experienced", or adjust the unavailability',
      );
    }
    weeks.push(chosen);
    primaryCount.set(chosen.primary, primaryCount.get(chosen.primary)! + 1);
    backupCount.set(chosen.backup, backupCount.get(chosen.backup)! + 1);
    lastPrimary.set(chosen.primary, monday);
    previousPrimary = chosen.primary;
  }

  const end = addDays(input.start, 7 * input.weeks);
  const fairness = [...team]
    .sort((a, b) => byLogin(a.login, b.login))
    .map((m) => {
      const last = lastPrimary.get(m.login);
      return {
        login: m.login,
        targetShare: share.get(m.login)!,
        primaryWeeks: weeks.filter((w) => w.primary === m.login).length,
        backupWeeks: weeks.filter((w) => w.backup === m.login).length,
        weeksSinceLastPrimary: last ? Math.round(DateTime.fromISO(end).diff(DateTime.fromISO(last), 'weeks').weeks) - 1 : null,
      };
    });
  return { weeks, fairness };
}

export function weekLabel(monday: string): string {
  return DateTime.fromISO(monday, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
}
