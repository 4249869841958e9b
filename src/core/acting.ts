import { DateTime } from 'luxon';
import type { TeamMember } from './config.js';
import type { Marker } from './markers.js';
import type { BusinessCalendar } from './businessTime.js';
import { businessMinutesBetween } from './businessTime.js';
import type { SwapProposal } from './swaps.js';
import { readSwaps } from './swaps.js';

/**
 * Who actually holds the Primary and Backup roles at an instant (SPEC §10):
 * the rota says who is on duty; away notices, team members' `unavailable`
 * ranges and delegations (read from the desk thread) say who is at their desk.
 */

/** A stretch during which someone is away from their desk. Times are epoch ms, `until` exclusive. */
export interface AwayStretch {
  login: string;
  from: number;
  until: number;
  note?: string;
  /** where it was read: an away notice on the desk thread, or the team file's `unavailable` */
  source: 'desk' | 'team';
  /** the notice's idempotency key (desk notices only) */
  key?: string;
  /** when the notice was posted (desk notices only) */
  postedAt?: number;
  url?: string;
}

/** A formal hand-over of the Primary role for a while. */
export interface Delegation {
  /** the Primary who delegated */
  from: string;
  to: string;
  start: number;
  until: number;
  key: string;
  postedAt: number;
  url?: string;
}

/** A trusted marker read from the desk thread, with when its comment was made (the desk reader's entries fit). */
export interface DeskRecord {
  marker: Marker;
  createdAt: number;
  url?: string;
  /** the comment's author, where the reader knows it */
  author?: string;
}

export interface ClassifiedRequest {
  number: number;
  key: string;
  neededBy: number;
  /** the member who logged the inquiry and holds the contact */
  handler: string | null;
  access: string[];
  postedAt: number;
  url?: string;
  /** the first claim wins */
  claimedBy: string | null;
}

/** What the desk thread says about the team, once cancellations and replacements are applied. */
export interface DeskState {
  away: AwayStretch[];
  delegations: Delegation[];
  requests: ClassifiedRequest[];
  /** swap proposals (SPEC §12.4), oldest first, each with its accept when the replacement gave one */
  swaps: SwapProposal[];
  /** every idempotency key already on the thread, so a re-run posts nothing twice */
  keys: Set<string>;
}

const instant = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
};
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * Delegations that overlap for the same shift: the later replaces the earlier
 * one whole. A marker names its shift (the delegating Primary's shift start);
 * without it, the same delegating Primary counts as the same shift.
 */
function sameShift(a: Delegation & { shift?: string }, b: Delegation & { shift?: string }): boolean {
  if (a.from.toLowerCase() !== b.from.toLowerCase()) return false;
  return a.shift === undefined || b.shift === undefined || a.shift === b.shift;
}

export function overlaps(a: { start: number; until: number }, b: { start: number; until: number }): boolean {
  return a.start < b.until && b.start < a.until;
}

/** Reads the desk thread's trusted markers, oldest first, into away stretches, delegations and requests. */
export function readDesk(entries: readonly DeskRecord[]): DeskState {
  const ordered = [...entries].sort((a, b) => a.createdAt - b.createdAt);
  const keys = new Set<string>();
  const away: AwayStretch[] = [];
  const delegations: Array<Delegation & { shift?: string }> = [];
  const requests: ClassifiedRequest[] = [];
  for (const e of ordered) {
    const m = e.marker;
    const key = text(m.key);
    if (key) keys.add(key);
    // notify's markers list the keys of a whole batch
    if (Array.isArray(m.keys)) for (const k of m.keys) if (typeof k === 'string') keys.add(k);
    if (m.kind === 'away') {
      const login = text(m.who);
      const from = instant(m.from);
      const until = instant(m.until);
      if (!login || from === null || until === null || until <= from) continue;
      away.push({
        login,
        from,
        until,
        source: 'desk',
        postedAt: e.createdAt,
        ...(key ? { key } : {}),
        ...(text(m.note) ? { note: m.note as string } : {}),
        ...(e.url ? { url: e.url } : {}),
      });
    } else if (m.kind === 'away-cancel') {
      const i = away.findIndex((a) => a.key !== undefined && a.key === m.cancels);
      if (i >= 0) away.splice(i, 1);
    } else if (m.kind === 'delegate') {
      const from = text(m.from);
      const to = text(m.to);
      const start = instant(m.start);
      const until = instant(m.until);
      if (!from || !to || start === null || until === null || until <= start) continue;
      const d = {
        from,
        to,
        start,
        until,
        key: key ?? `delegate:${from}:${to}:${m.start}:${m.until}`,
        postedAt: e.createdAt,
        ...(e.url ? { url: e.url } : {}),
        ...(text(m.shift) ? { shift: m.shift as string } : {}),
      };
      for (let i = delegations.length - 1; i >= 0; i--)
        if (sameShift(delegations[i]!, d) && overlaps(delegations[i]!, d)) delegations.splice(i, 1);
      delegations.push(d);
    } else if (m.kind === 'classified') {
      const neededBy = instant(m.neededBy);
      if (!key || neededBy === null || typeof m.number !== 'number' || requests.some((r) => r.key === key)) continue;
      const access = Array.isArray(m.access) ? m.access.filter((l): l is string => typeof l === 'string') : [];
      requests.push({
        number: m.number,
        key,
        neededBy,
        handler: text(m.handler),
        access,
        postedAt: e.createdAt,
        claimedBy: null,
        ...(e.url ? { url: e.url } : {}),
      });
    } else if (m.kind === 'claim') {
      const request = requests.find((r) => r.key === m.request);
      const who = text(m.who);
      if (request && who && request.claimedBy === null) request.claimedBy = who;
    }
  }
  return { away, delegations: delegations.map(({ shift: _shift, ...d }) => d), requests, swaps: readSwaps(ordered), keys };
}

/** Team members' `unavailable` ranges (whole days in the team's zone, `to` inclusive) as away stretches. */
export function awayFromTeam(team: readonly TeamMember[], zone: string): AwayStretch[] {
  return team.flatMap((m) =>
    m.unavailable.map((u) => ({
      login: m.login,
      from: DateTime.fromISO(u.from, { zone }).startOf('day').toMillis(),
      until: DateTime.fromISO(u.to, { zone }).startOf('day').plus({ days: 1 }).toMillis(),
      source: 'team' as const,
      ...(u.reason ? { note: u.reason } : {}),
    })),
  );
}

/** The stretches running at `at`. */
export function awayAt(stretches: readonly AwayStretch[], at: number): AwayStretch[] {
  return stretches.filter((s) => s.from <= at && at < s.until);
}

const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

export function isAwayAt(stretches: readonly AwayStretch[], login: string | null, at: number): boolean {
  return login !== null && stretches.some((s) => same(s.login, login) && s.from <= at && at < s.until);
}

/** Why someone holds a role. */
export type ActingReason =
  | 'rota'
  | 'delegation'
  | 'primary-away'
  | 'delegate-away'
  | 'backup-away'
  | 'backup-acting-primary'
  | 'everyone-away';

export interface Acting {
  login: string | null;
  reason: ActingReason;
  /** the delegation in force, when the role comes from one */
  delegation?: Delegation;
}

export interface ActingRoles {
  at: number;
  primary: Acting;
  backup: Acting;
  /** who is away at `at` */
  away: AwayStretch[];
}

export interface ActingInput {
  at: number;
  /** the rota's Primary and Backup at `at` (logins; null when nobody or nobody we know) */
  primary: string | null;
  backup: string | null;
  team: readonly TeamMember[];
  away: readonly AwayStretch[];
  delegations: readonly Delegation[];
}

/** The delegation running at `at` for this Primary: the latest posted wins. */
export function delegationAt(delegations: readonly Delegation[], primary: string | null, at: number): Delegation | null {
  const running = delegations.filter((d) => same(d.from, primary) && d.start <= at && at < d.until);
  return running.sort((a, b) => b.postedAt - a.postedAt)[0] ?? null;
}

/** Experienced members in team-file order, starting after `after` (wrapping), so "the next" is well defined. */
function nextExperienced(team: readonly TeamMember[], after: string | null): TeamMember[] {
  const i = team.findIndex((m) => same(m.login, after));
  const rotated = i < 0 ? [...team] : [...team.slice(i + 1), ...team.slice(0, i + 1)];
  return rotated.filter((m) => m.experienced);
}

/**
 * The acting roles at an instant (SPEC §10). Acting Primary: the delegate
 * while a delegation runs; else the Backup when the Primary is away; else the
 * Primary. When that person is away too, the next candidate in that order
 * (delegate, Primary, Backup), then the next experienced member not away.
 * Acting Backup: the Backup unless away or acting as Primary, else the next
 * experienced member (team-file order after the Backup) who is not away, not
 * the acting Primary and not the Primary who delegated.
 */
export function actingRoles(input: ActingInput): ActingRoles {
  const { at, primary, backup, team } = input;
  const away = awayAt(input.away, at);
  const isAway = (login: string | null) => isAwayAt(away, login, at);
  const delegation = delegationAt(input.delegations, primary, at);

  let acting: Acting;
  if (delegation && !isAway(delegation.to)) acting = { login: delegation.to, reason: 'delegation', delegation };
  else if (!isAway(primary))
    acting = { login: primary, reason: delegation ? 'delegate-away' : 'rota', ...(delegation ? { delegation } : {}) };
  else if (backup !== null && !isAway(backup))
    acting = { login: backup, reason: delegation ? 'delegate-away' : 'primary-away', ...(delegation ? { delegation } : {}) };
  else {
    const stand = nextExperienced(team, backup).find((m) => !isAway(m.login) && !same(m.login, primary) && !same(m.login, backup));
    acting = stand ? { login: stand.login, reason: 'primary-away' } : { login: primary, reason: 'everyone-away' };
  }

  const excluded = (login: string) => same(login, acting.login) || (delegation !== null && same(login, delegation.from));
  let actingBackup: Acting;
  if (backup !== null && !isAway(backup) && !excluded(backup)) actingBackup = { login: backup, reason: 'rota' };
  else {
    const stand = nextExperienced(team, backup).find((m) => !isAway(m.login) && !excluded(m.login));
    const why: ActingReason = backup !== null && !isAway(backup) && same(backup, acting.login) ? 'backup-acting-primary' : 'backup-away';
    actingBackup = stand ? { login: stand.login, reason: why } : { login: null, reason: 'everyone-away' };
  }
  return { at, primary: acting, backup: actingBackup, away };
}

/** The business time a stretch covers, and whether it is shorter than the response goal (no notice needed then). */
export function awayLength(
  cal: BusinessCalendar,
  from: number,
  until: number,
  goalMinutes: number,
): { businessMinutes: number; short: boolean } {
  const businessMinutes = businessMinutesBetween(cal, from, until);
  return { businessMinutes, short: businessMinutes < goalMinutes };
}
