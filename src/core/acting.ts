import { DateTime } from 'luxon';
import type { TeamMember } from './config.js';
import type { Marker } from './markers.js';
import type { BusinessCalendar } from './businessTime.js';
import { businessMinutesBetween } from './businessTime.js';
import type { SwapProposal } from './swaps.js';
import { readSwaps } from './swaps.js';

/**
 * Who actually holds the Primary and Backup roles at an instant (docs/process.md#acting-roles):
 * the rota says who is on duty; away notices, team members' `unavailable`
 * ranges and delegations (read from the desk thread) say who is at their desk.
 * A delegation is by mutual agreement (docs/process.md#delegation): a proposal by the acting
 * Primary, in force once the delegate accepts, until it ends or is cancelled.
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

/**
 * Where a delegation stands (docs/process.md#delegation): a proposal until the delegate
 * accepts; declined or cancelled by the people it concerns; replaced when a
 * later proposal for the same shift is accepted.
 */
export type DelegationState = 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'replaced';

/** A formal hand-over of the Primary role for a while, by mutual agreement. */
export interface Delegation {
  /** the Primary who proposed it (the author of the proposal) */
  from: string;
  to: string;
  start: number;
  until: number;
  key: string;
  postedAt: number;
  url?: string;
  state: DelegationState;
  /** when the delegate accepted; null while it is a proposal (or was never accepted) */
  acceptedAt: number | null;
  /** when it was declined, cancelled or replaced */
  endedAt: number | null;
}

/** A trusted marker read from the desk thread, with when its comment was made (the desk reader's entries fit). */
export interface DeskRecord {
  marker: Marker;
  createdAt: number;
  url?: string;
  /** who posted it: a delegation and the answers to it count only from the people they concern */
  author?: string | null;
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
  /** when that claim was posted */
  claimedAt?: number;
}

/** A serious incident, for the next project meeting until its postmortem is linked (`postmortem --link`). */
export interface Incident {
  number: number;
  url: string;
  title: string;
  markedAt: number;
  by: string | null;
  postmortem: string | null;
}

/** A contact someone other than the acting Primary received (docs/process.md, the three-way handoff). */
export interface RedirectedContact {
  number: number;
  url: string;
  owner: string;
  receiver: string;
  /** the receiver answered the customer: nothing left to hand over */
  answered: boolean;
  postedAt: number;
  /** the owner ran `log-call --confirm`: the customer reached them */
  confirmed: boolean;
}

/** What the desk thread says about the team, once cancellations and replacements are applied. */
export interface DeskState {
  away: AwayStretch[];
  delegations: Delegation[];
  requests: ClassifiedRequest[];
  /** swap proposals (docs/process.md#swaps), oldest first, each with its accept when the replacement gave one */
  swaps: SwapProposal[];
  /** contacts that reached someone other than their owner (`misdirected`), oldest first, with whether the owner confirmed reaching the customer */
  contacts: RedirectedContact[];
  /** serious incidents marked on the desk thread (`postmortem --incident`), oldest first, each open until its postmortem is linked */
  incidents: Incident[];
  /** every idempotency key already on the thread, so a re-run posts nothing twice */
  keys: Set<string>;
}

const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());
const instant = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
};
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * Delegations for the same shift: a marker names its shift (the delegating
 * Primary's shift start); without it, the same delegating Primary counts as
 * the same shift.
 */
function sameShift(a: Delegation & { shift?: string }, b: Delegation & { shift?: string }): boolean {
  if (!same(a.from, b.from)) return false;
  return a.shift === undefined || b.shift === undefined || a.shift === b.shift;
}

const open = (d: Delegation) => d.state === 'proposed' || d.state === 'accepted';

/**
 * An answer to a proposal, from the comment's author (docs/process.md#delegation): the
 * delegate accepts or declines a proposal; the Primary or the delegate
 * cancels a proposal or a delegation in force. Accepting ends every earlier
 * open delegation of the same shift that overlaps it, from that moment on.
 * Anything else (someone else's answer, an answer to what is over) is ignored.
 */
function answer(
  delegations: Array<Delegation & { shift?: string }>,
  kind: 'delegate-accept' | 'delegate-decline' | 'delegate-cancel',
  proposal: unknown,
  author: string | null | undefined,
  at: number,
): void {
  const d = delegations.find((x) => x.key === proposal);
  if (!d || !open(d)) return;
  if (kind === 'delegate-cancel') {
    if (same(author, d.from) || same(author, d.to)) Object.assign(d, { state: 'cancelled', endedAt: at });
    return;
  }
  if (d.state !== 'proposed' || !same(author, d.to) || at >= d.until) return;
  if (kind === 'delegate-decline') {
    Object.assign(d, { state: 'declined', endedAt: at });
    return;
  }
  Object.assign(d, { state: 'accepted', acceptedAt: at });
  for (const o of delegations)
    if (o !== d && open(o) && o.postedAt < d.postedAt && sameShift(o, d) && overlaps(o, d))
      Object.assign(o, { state: 'replaced', endedAt: at });
}

/**
 * Who may propose a delegation (docs/process.md#delegation): the acting Primary, that is the
 * rota's Primary or whoever stands in for them (`ActingRoles.mayDelegate`),
 * and nobody else.
 */
export function mayPropose(proposer: string, mayDelegate: readonly string[]): boolean {
  return mayDelegate.some((l) => same(l, proposer));
}

/** Whether a delegation is in force at `at`: accepted, from its start (or its acceptance, if later) until it ends. */
export function inForce(d: Delegation, at: number): boolean {
  return d.acceptedAt !== null && Math.max(d.start, d.acceptedAt) <= at && at < Math.min(d.until, d.endedAt ?? Infinity);
}

/** Proposals never accepted whose window ended in (from, to]: `notify` tells their Primary once. */
export function expiredProposals(delegations: readonly Delegation[], from: number, to: number): Delegation[] {
  return delegations.filter((d) => d.state === 'proposed' && d.until > from && d.until <= to);
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
  const contacts: RedirectedContact[] = [];
  const incidents: Incident[] = [];
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
      // A proposal counts only when its proposer posted it; whether they were the acting Primary, actingRoles checks.
      if (!same(e.author, from)) continue;
      const k = key ?? `delegate:${from}:${to}:${m.start}:${m.until}`;
      if (delegations.some((d) => d.key === k)) continue;
      delegations.push({
        from,
        to,
        start,
        until,
        key: k,
        postedAt: e.createdAt,
        state: 'proposed',
        acceptedAt: null,
        endedAt: null,
        ...(e.url ? { url: e.url } : {}),
        ...(text(m.shift) ? { shift: m.shift as string } : {}),
      });
    } else if (m.kind === 'delegate-accept' || m.kind === 'delegate-decline' || m.kind === 'delegate-cancel') {
      answer(delegations, m.kind, m.proposal, e.author, e.createdAt);
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
    } else if (m.kind === 'misdirected') {
      const owner = text(m.owner);
      const receiver = text(m.receiver);
      const url = text(m.url);
      if (owner && receiver && url && typeof m.number === 'number' && !contacts.some((c) => c.url === url))
        contacts.push({ number: m.number, url, owner, receiver, answered: m.answered === true, postedAt: e.createdAt, confirmed: false });
    } else if (m.kind === 'incident') {
      const url = text(m.url);
      if (url && typeof m.number === 'number' && !incidents.some((i) => i.url === url))
        incidents.push({ number: m.number, url, title: text(m.title) ?? '', markedAt: e.createdAt, by: text(m.by), postmortem: null });
    } else if (m.kind === 'postmortem') {
      for (const i of incidents) if (i.url === m.url) i.postmortem = text(m.postmortem);
    } else if (m.kind === 'contact-confirmed') {
      for (const c of contacts) if (c.url === m.url) c.confirmed = true;
    } else if (m.kind === 'claim') {
      const request = requests.find((r) => r.key === m.request);
      const who = text(m.who);
      if (request && who && request.claimedBy === null) Object.assign(request, { claimedBy: who, claimedAt: e.createdAt });
    }
  }
  return {
    away,
    delegations: delegations.map(({ shift: _shift, ...d }) => d),
    requests,
    swaps: readSwaps(ordered),
    contacts,
    incidents,
    keys,
  };
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

/** The delegation that concerns an instant, as `who` shows it: in force (or accepted for later), else a proposal waiting for its answer. */
export interface DelegationView {
  delegation: Delegation;
  state: 'proposed' | 'accepted';
  /** when it takes (or took) effect: its start, or its acceptance if later */
  start: number;
  /** when it ends: its until, or its cancellation if earlier */
  until: number;
}

export interface ActingRoles {
  at: number;
  primary: Acting;
  backup: Acting;
  /** who is away at `at` */
  away: AwayStretch[];
  /** who may propose a delegation at `at`: the rota's Primary, and whoever stands in for them (docs/process.md#delegation) */
  mayDelegate: string[];
  /** the delegation of this shift in force or accepted for later, else the latest open proposal; null when none */
  delegation: DelegationView | null;
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

const byLogin = (logins: readonly string[]) => (d: Delegation) => logins.some((l) => same(l, d.from));

/** The delegation in force at `at` from one of `proposers`: the latest accepted wins. */
export function delegationAt(delegations: readonly Delegation[], proposers: readonly string[], at: number): Delegation | null {
  const running = delegations.filter((d) => byLogin(proposers)(d) && inForce(d, at));
  return running.sort((a, b) => (b.acceptedAt ?? 0) - (a.acceptedAt ?? 0))[0] ?? null;
}

/** What `who` shows about delegation at `at`: the one in force, else one accepted for later, else the latest open proposal. */
function delegationView(delegations: readonly Delegation[], proposers: readonly string[], at: number): DelegationView | null {
  const mine = delegations.filter((d) => byLogin(proposers)(d) && open(d) && at < Math.min(d.until, d.endedAt ?? Infinity));
  const running = delegationAt(mine, proposers, at);
  const later = mine.filter((d) => d.state === 'accepted').sort((a, b) => a.start - b.start)[0];
  const proposed = mine.filter((d) => d.state === 'proposed').sort((a, b) => b.postedAt - a.postedAt)[0];
  const d = running ?? later ?? proposed;
  if (!d) return null;
  return d.acceptedAt === null
    ? { delegation: d, state: 'proposed', start: d.start, until: d.until }
    : { delegation: d, state: 'accepted', start: Math.max(d.start, d.acceptedAt), until: Math.min(d.until, d.endedAt ?? Infinity) };
}

/** Experienced members in team-file order, starting after `after` (wrapping), so "the next" is well defined. */
function nextExperienced(team: readonly TeamMember[], after: string | null): TeamMember[] {
  const i = team.findIndex((m) => same(m.login, after));
  const rotated = i < 0 ? [...team] : [...team.slice(i + 1), ...team.slice(0, i + 1)];
  return rotated.filter((m) => m.experienced);
}

/**
 * The acting roles at an instant (docs/process.md#acting-roles, §12.2). Acting Primary: the
 * delegate while an accepted delegation runs; else the Backup when the
 * Primary is away; else the Primary. When that person is away too, the next
 * candidate in that order (delegate, Primary, Backup), then the next
 * experienced member not away. Only a delegation proposed by the rota's
 * Primary, or by whoever stands in for them, counts. Acting Backup: the
 * Backup unless away or acting as Primary, else the next experienced member
 * (team-file order after the Backup) who is not away, not the acting Primary
 * and not the Primary who delegated.
 */
export function actingRoles(input: ActingInput): ActingRoles {
  const { at, primary, backup, team } = input;
  const away = awayAt(input.away, at);
  const isAway = (login: string | null) => isAwayAt(away, login, at);

  let standIn: Acting;
  if (!isAway(primary)) standIn = { login: primary, reason: 'rota' };
  else if (backup !== null && !isAway(backup)) standIn = { login: backup, reason: 'primary-away' };
  else {
    const stand = nextExperienced(team, backup).find((m) => !isAway(m.login) && !same(m.login, primary) && !same(m.login, backup));
    standIn = stand ? { login: stand.login, reason: 'primary-away' } : { login: primary, reason: 'everyone-away' };
  }
  const mayDelegate = [primary, standIn.login].filter((l, i, all): l is string => l !== null && all.findIndex((x) => same(x, l)) === i);
  const delegation = delegationAt(input.delegations, mayDelegate, at);

  let acting: Acting;
  if (delegation && !isAway(delegation.to)) acting = { login: delegation.to, reason: 'delegation', delegation };
  else if (delegation) {
    const back = same(standIn.login, primary) || same(standIn.login, backup);
    acting = { ...standIn, reason: back && standIn.reason !== 'everyone-away' ? 'delegate-away' : standIn.reason, delegation };
  } else acting = standIn;

  const excluded = (login: string) => same(login, acting.login) || (delegation !== null && same(login, delegation.from));
  let actingBackup: Acting;
  if (backup !== null && !isAway(backup) && !excluded(backup)) actingBackup = { login: backup, reason: 'rota' };
  else {
    const stand = nextExperienced(team, backup).find((m) => !isAway(m.login) && !excluded(m.login));
    const why: ActingReason = backup !== null && !isAway(backup) && same(backup, acting.login) ? 'backup-acting-primary' : 'backup-away';
    actingBackup = stand ? { login: stand.login, reason: why } : { login: null, reason: 'everyone-away' };
  }
  return {
    at,
    primary: acting,
    backup: actingBackup,
    away,
    mayDelegate,
    delegation: delegationView(input.delegations, mayDelegate, at),
  };
}

/**
 * Whether an inquiry's owner is off duty (docs/process.md#off-duty-owners): neither the acting
 * Primary nor the acting Backup now, and they did not keep it this week
 * (`handoff --keep`). An unknown owner is nobody's, not off duty.
 */
export function offDuty(owner: string | null, acting: { primary: string | null; backup: string | null }, kept: boolean): boolean {
  return owner !== null && !kept && !same(owner, acting.primary) && !same(owner, acting.backup);
}

/**
 * Everyone who acted as Primary during [from, to): the holder at `from` and
 * at each instant in between where the acting roles may change (away
 * stretches and delegations starting or ending, shifts turning).
 */
export function actedAsPrimary(
  actingAt: (t: number) => { primary: string | null },
  changes: readonly number[],
  from: number,
  to: number,
): string[] {
  const holders = [from, ...changes.filter((t) => t > from && t < to)].map((t) => actingAt(t).primary);
  return holders.filter((l, i): l is string => l !== null && holders.findIndex((x) => same(x, l)) === i);
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
