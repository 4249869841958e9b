import type { TeamMember } from './config.js';

export type Role = 'primary' | 'backup';
export const ROLES: readonly Role[] = ['primary', 'backup'];

/** One calendar event instance, as the calendar reader hands it over. */
export interface CalendarEntry {
  uid: string;
  summary: string;
  description: string;
  categories: string[];
  attendees: string[];
  /** epoch ms, end exclusive */
  start: number;
  end: number;
  /** LAST-MODIFIED, else DTSTAMP, epoch ms; 0 when absent */
  modified: number;
  /** a whole-day event (DATE values), already placed in the team's zone */
  allDay: boolean;
  /** set when the instance crosses a change of UTC offset: where RFC 5545's exact duration would end it (`end` keeps the wall-clock length) */
  exactEnd?: number;
  /**
   * An instance of a recurring event: the instant its series names it by
   * (an EXDATE removes it there), and whether an override (RECURRENCE-ID)
   * stands in for it. Absent for a one-off event.
   */
  recurrence?: { of: number; override: boolean };
}

/** A shift: one role, one person (or nobody we recognise), one time range. */
export interface Shift {
  role: Role;
  login: string | null;
  name: string;
  /** the SUMMARY as written, kept so an unknown person is never silently dropped */
  raw: string;
  uid: string;
  start: number;
  end: number;
  modified: number;
  /** see CalendarEntry.exactEnd */
  exactEnd?: number;
}

/** Who holds a role over a stretch of time, after overrides are applied. */
export interface Assignment {
  role: Role;
  login: string | null;
  name: string;
  raw: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  primary: Assignment | null;
  backup: Assignment | null;
}

const ROLE_WORD: Record<Role, RegExp> = { primary: /\bprimary\b/i, backup: /\bbackup\b/i };
const MENTION = /(?:^|[^\w@/.])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\w@])/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wholeWord(text: string, word: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_-])${escapeRegExp(word)}(?:$|[^\\p{L}\\p{N}_-])`, 'iu').test(text);
}

/** The display name a summary gives next to a login, as in "Full Name (@login)". */
function nameBesideLogin(text: string, login: string): string | undefined {
  const m = new RegExp(`([^:()@]+?)\\s*\\(@${escapeRegExp(login)}\\)`, 'i').exec(text);
  return m?.[1]?.trim() || undefined;
}

interface Person {
  login: string | null;
  name: string;
}

/**
 * Finds the person a shift names, in the order §4 gives: an @login in the
 * text, an attendee whose email is a team member's, a team member's full name
 * or login in the text.
 */
export function identifyPerson(
  text: string,
  description: string,
  attendees: readonly string[],
  team: readonly TeamMember[],
): Person | null {
  const byLogin = (login: string) => team.find((m) => m.login.toLowerCase() === login.toLowerCase());
  for (const source of [text, description]) {
    const m = MENTION.exec(source);
    if (m) {
      const member = byLogin(m[1]!);
      return { login: member?.login ?? m[1]!, name: member?.name ?? nameBesideLogin(source, m[1]!) ?? m[1]! };
    }
  }
  for (const email of attendees) {
    const member = team.find((t) => t.email && t.email.toLowerCase() === email.toLowerCase());
    if (member) return { login: member.login, name: member.name };
  }
  // Longest names first, so "Ann Lee" is not mistaken for "Ann".
  const candidates = [...team].sort((a, b) => b.name.length - a.name.length);
  for (const member of candidates) {
    if (wholeWord(text, member.name) || wholeWord(text, member.login)) return { login: member.login, name: member.name };
  }
  return null;
}

/**
 * Turns calendar entries into shifts. An entry is a shift when its SUMMARY or
 * CATEGORIES name a role; an entry that names both roles ("Primary: Ann /
 * Backup: Bo") yields one shift per role, each with its own part of the text.
 */
/** An entry the reader takes for a shift: its SUMMARY, else its CATEGORIES, names a role (docs/config.md#reading-the-calendar). */
export function isShiftEntry(e: Pick<CalendarEntry, 'summary' | 'categories'>): boolean {
  return ROLES.some((r) => ROLE_WORD[r].test(e.summary) || e.categories.some((c) => ROLE_WORD[r].test(c)));
}

export function shiftsFromEntries(entries: readonly CalendarEntry[], team: readonly TeamMember[]): Shift[] {
  const shifts: Shift[] = [];
  for (const e of entries) {
    const inSummary = ROLES.filter((r) => ROLE_WORD[r].test(e.summary));
    const inCategories = ROLES.filter((r) => e.categories.some((c) => ROLE_WORD[r].test(c)));
    const roles = inSummary.length > 0 ? inSummary : inCategories;
    for (const role of roles) {
      let text = e.summary;
      if (inSummary.length === 2) {
        const other = ROLE_WORD[role === 'primary' ? 'backup' : 'primary'];
        const at = e.summary.search(ROLE_WORD[role]);
        const rest = e.summary.slice(at);
        const stop = rest.slice(1).search(other);
        text = stop < 0 ? rest : rest.slice(0, stop + 1);
      }
      const person = identifyPerson(text, roles.length === 2 ? '' : e.description, roles.length === 2 ? [] : e.attendees, team);
      shifts.push({
        role,
        login: person?.login ?? null,
        name: person?.name ?? e.summary,
        raw: e.summary,
        uid: e.uid,
        start: e.start,
        end: e.end,
        modified: e.modified,
        ...(e.exactEnd !== undefined ? { exactEnd: e.exactEnd } : {}),
      });
    }
  }
  return shifts;
}

/**
 * Lays one role's shifts on a timeline. Where shifts overlap, the shorter one
 * wins (a one-off swap on top of a recurring pattern); on a tie, the one
 * modified last; then by UID, so the answer never depends on file order.
 */
export function resolveRole(shifts: readonly Shift[]): Assignment[] {
  const ordered = [...shifts]
    .filter((s) => s.end > s.start)
    .sort(
      (a, b) =>
        a.end - a.start - (b.end - b.start) || b.modified - a.modified || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) || a.start - b.start,
    );
  const taken: Array<[number, number]> = [];
  const pieces: Assignment[] = [];
  for (const s of ordered) {
    let cursor = s.start;
    const free: Array<[number, number]> = [];
    for (const [ts, te] of taken) {
      if (te <= cursor) continue;
      if (ts >= s.end) break;
      if (ts > cursor) free.push([cursor, ts]);
      cursor = Math.max(cursor, te);
    }
    if (cursor < s.end) free.push([cursor, s.end]);
    for (const [fs, fe] of free) {
      pieces.push({ role: s.role, login: s.login, name: s.name, raw: s.raw, start: fs, end: fe });
      const at = taken.findIndex(([ts]) => ts > fs);
      taken.splice(at < 0 ? taken.length : at, 0, [fs, fe]);
    }
  }
  // Each event stays its own shift, even when the same person holds the next
  // one too: start and end are what the calendar says.
  return pieces.sort((a, b) => a.start - b.start);
}

/** Splits time into stretches where the Primary and the Backup stay the same. */
export function buildTimeline(shifts: readonly Shift[]): Segment[] {
  const primary = resolveRole(shifts.filter((s) => s.role === 'primary'));
  const backup = resolveRole(shifts.filter((s) => s.role === 'backup'));
  const bounds = [...new Set([...primary, ...backup].flatMap((a) => [a.start, a.end]))].sort((a, b) => a - b);
  const segments: Segment[] = [];
  let pi = 0;
  let bi = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    while (pi < primary.length && primary[pi]!.end <= start) pi++;
    while (bi < backup.length && backup[bi]!.end <= start) bi++;
    const p = primary[pi] && primary[pi]!.start <= start ? primary[pi]! : null;
    const b = backup[bi] && backup[bi]!.start <= start ? backup[bi]! : null;
    if (!p && !b) continue;
    const last = segments[segments.length - 1];
    if (last && last.end === start && last.primary === p && last.backup === b) last.end = end;
    else segments.push({ start, end, primary: p, backup: b });
  }
  return segments;
}

export interface OnDuty {
  at: number;
  current: Segment | null;
  upcoming: Segment[];
}

/** Who is on duty at `at`, and the next `next` stretches after the current one. */
export function onDutyAt(timeline: readonly Segment[], at: number, next: number): OnDuty {
  const current = timeline.find((s) => s.start <= at && at < s.end) ?? null;
  const after = current ? current.end : at;
  const upcoming = timeline.filter((s) => s.start >= after).slice(0, Math.max(0, next));
  return { at, current, upcoming };
}
