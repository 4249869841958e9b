import { DateTime } from 'luxon';
import type { DeskRecord } from './acting.js';
import type { TeamMember } from './config.js';
import type { Role, Shift } from './rotation.js';

/**
 * Swaps on a calendar the tool did not write (docs/process.md#swaps). Such a calendar
 * (a Google, Outlook or Thunderbird export, or a URL) is not edited: the swap
 * is proposed on the desk thread and takes effect when the replacement
 * accepts it there. Every machine then reads the swapped role for that week
 * from the desk thread, until the calendar shows it.
 */
export interface SwapProposal {
  key: string;
  /** the Monday of the week, YYYY-MM-DD in the team's zone */
  week: string;
  role: Role;
  /** the person relieved, as the calendar names them; null when it names nobody on the team */
  from: string | null;
  to: string;
  postedAt: number;
  url?: string;
  /** when the replacement accepted it on the desk thread */
  acceptedAt?: number;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

/** The key of a proposal: one per week, role, relieved and replacement, so a re-run posts nothing twice. */
export function swapProposalKey(weekLabel: string, role: Role, from: string | null, to: string): string {
  return `swap:${weekLabel}:${role}:${from ?? '-'}:${to}`;
}

/**
 * Proposals and their accepts, from the desk thread's records oldest first.
 * A `swap` marker with a `sequence` announces an edit of a generated
 * calendar (the calendar already shows it), so it is no proposal. An accept
 * counts only when written by the replacement, after the proposal.
 */
export function readSwaps(records: readonly DeskRecord[]): SwapProposal[] {
  const proposals: SwapProposal[] = [];
  for (const r of records) {
    const m = r.marker;
    if (m.kind === 'swap' && m.sequence === undefined) {
      const key = text(m.key);
      const week = text(m.week);
      const to = text(m.to);
      if (!key || !week || !/^\d{4}-\d{2}-\d{2}$/.test(week) || !to || (m.role !== 'primary' && m.role !== 'backup')) continue;
      if (proposals.some((p) => p.key === key)) continue;
      proposals.push({ key, week, role: m.role, from: text(m.from), to, postedAt: r.createdAt, ...(r.url ? { url: r.url } : {}) });
    } else if (m.kind === 'swap-accept') {
      const p = proposals.find((x) => x.key === m.proposal);
      if (p && p.acceptedAt === undefined && same(r.author, p.to) && r.createdAt >= p.postedAt) p.acceptedAt = r.createdAt;
    }
  }
  return proposals;
}

/** The accepted swaps in force: for each week and role, the latest accepted. */
export function acceptedSwaps(swaps: readonly SwapProposal[]): SwapProposal[] {
  const latest = new Map<string, SwapProposal>();
  for (const s of swaps.filter((x) => x.acceptedAt !== undefined).sort((a, b) => a.acceptedAt! - b.acceptedAt!))
    latest.set(`${s.week}:${s.role}`, s);
  return [...latest.values()];
}

/**
 * The rotation with the accepted swaps applied: a shift of the swapped role
 * that starts in the swapped week and still names the person relieved now
 * names the replacement. Once the calendar shows the swap (or names someone
 * else altogether), the calendar wins.
 */
export function applySwaps(shifts: readonly Shift[], swaps: readonly SwapProposal[], zone: string, team: readonly TeamMember[]): Shift[] {
  const accepted = acceptedSwaps(swaps);
  if (accepted.length === 0) return [...shifts];
  return shifts.map((s) => {
    const week = DateTime.fromMillis(s.start, { zone }).startOf('week').toISODate();
    const swap = accepted.find((x) => x.week === week && x.role === s.role);
    if (!swap || same(s.login, swap.to) || !(swap.from === null ? s.login === null : same(s.login, swap.from))) return s;
    const member = team.find((m) => same(m.login, swap.to));
    return { ...s, login: member?.login ?? swap.to, name: member?.name ?? swap.to };
  });
}

/** The proposal `login` would accept: the latest addressed to them and not yet accepted, narrowed by week and role when given. */
export function proposalFor(swaps: readonly SwapProposal[], login: string, want: { week?: string; role?: Role } = {}): SwapProposal | null {
  const open = swaps.filter(
    (s) => same(s.to, login) && s.acceptedAt === undefined && (!want.week || s.week === want.week) && (!want.role || s.role === want.role),
  );
  return open.sort((a, b) => b.postedAt - a.postedAt)[0] ?? null;
}
