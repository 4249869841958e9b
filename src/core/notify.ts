import type { Assessment } from './conversation.js';
import type { BusinessCalendar } from './businessTime.js';
import { businessMinutesBetween, isBusinessTime } from './businessTime.js';
import type { EscalationRule } from './config.js';
import { overdueStage } from './config.js';
import type { Roles } from './desk.js';
import { offDuty } from './acting.js';

/** An open discussion as `notify` sees it. */
export interface NotifyItem extends Assessment {
  /** someone on the team has replied at least once (then it is no longer `new`) */
  teamReplied: boolean;
  /** its owner kept it for this shift (`handoff --keep` leaves a `keep` marker): not off duty, and not a missed handoff */
  kept: boolean;
  /** its owner is off duty (docs/process.md#off-duty-owners), as the caller judged it (at the next business minute); else judged from `acting` */
  offDuty?: boolean;
}

export interface ShiftInfo {
  start: number;
  end: number;
  primary: string | null;
  backup: string | null;
}

export interface NotifyInput {
  items: readonly NotifyItem[];
  /** the shift in progress, and the one that ended when it began (null over a gap) */
  current: ShiftInfo | null;
  previous: ShiftInfo | null;
  /** the acting Primary and Backup now (docs/process.md#acting-roles) */
  acting: Roles;
  /** every team member's login */
  members: readonly string[];
  /** members away now: `team` skips them, `owner` passes to the acting Primary */
  away: ReadonlySet<string>;
  escalation: readonly EscalationRule[];
  /** keys the desk thread says were already sent */
  sent: ReadonlySet<string>;
  now: number;
  calendar: BusinessCalendar;
  /** desk.notifyOutsideBusinessHours */
  outsideBusinessHours: boolean;
  /** once-only reminders decided elsewhere (classified requests, contacts, expired delegation proposals: docs/process.md#acting-roles), sent and held like the rest */
  reminders?: ReadonlyArray<{
    key: string;
    title: string;
    to: string[];
    when?: 'classified-reminder' | 'contact-reminder' | 'delegate-expired';
  }>;
  /** most notifications in one comment (GitHub caps a comment at 65,536 characters); the rest wait for the next run */
  maxPerRun?: number;
}

export const MAX_PER_RUN = 50;

export type NotificationKind =
  | 'new'
  | 'due-soon'
  | 'overdue'
  | 'handoff-reminder'
  | 'missed-handoff'
  | 'classified-reminder'
  | 'contact-reminder'
  | 'delegate-expired'
  | 'off-duty'
  | `overdue+${string}`;

export interface Notification {
  /** the key of its stage (`when`) */
  key: string;
  /** every key it covers: its own and those of the less urgent stages it was reached together with, never sent apart */
  covers: string[];
  when: NotificationKind;
  /** what the line says: the inquiry overdue, due soon, or new (only while it is neither) */
  state: 'new' | 'due-soon' | 'overdue' | null;
  number: number | null;
  url: string | null;
  title: string;
  to: string[];
  /** the facts the comment's line shows */
  dueAt: number | null;
  /** business minutes past due, for overdue stages */
  lateMinutes: number | null;
  /** for handoff-reminder and missed-handoff: how many discussions */
  count: number | null;
  /** for handoff-reminder and missed-handoff: the shift it is about */
  shift: ShiftInfo | null;
  /** for off-duty: the owner who is off duty */
  owner?: string | null;
}

export interface NotifyPlan {
  /** what to send now */
  notifications: Notification[];
  /** due but held: it is outside business hours; the first run in business hours sends them */
  held: Notification[];
  /** due, but beyond this run's share: the next run sends them */
  deferred: Notification[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `NUMBER@WAITING_SINCE:WHEN`: a new waiting period has a new key. */
export function notificationKey(number: number, waitingSince: number, when: string): string {
  return `${number}@${iso(waitingSince)}:${when}`;
}

/** `shift@START:WHEN` for the once-a-shift notifications. */
export function shiftKey(shiftStart: number, when: 'handoff-reminder' | 'missed-handoff'): string {
  return `shift@${iso(shiftStart)}:${when}`;
}

/** Whether the item's owner is off duty now (docs/process.md#off-duty-owners): neither acting role, and they did not keep it. */
export function ownerOffDuty(item: NotifyItem, input: Pick<NotifyInput, 'acting'>): boolean {
  return item.offDuty ?? offDuty(item.owner, input.acting, item.kept);
}

/** The owner, or the acting Primary while the owner is away, off duty or unknown. */
function ownerNow(item: NotifyItem, input: NotifyInput): string | null {
  if (item.owner && !input.away.has(item.owner) && !ownerOffDuty(item, input)) return item.owner;
  return input.acting.primary ?? item.owner;
}

export function recipients(names: readonly string[], item: NotifyItem | null, input: NotifyInput): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name === 'owner') out.push(...(item ? [ownerNow(item, input)] : [input.acting.primary]).filter((l): l is string => l !== null));
    else if (name === 'primary') out.push(...(input.acting.primary ? [input.acting.primary] : []));
    else if (name === 'backup') out.push(...(input.acting.backup ? [input.acting.backup] : []));
    else if (name === 'team') out.push(...input.members.filter((m) => !input.away.has(m)));
    else out.push(name);
  }
  const seen = new Set<string>();
  return out.filter((l) => !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()));
}

/** Whether a rule's `when` holds for an item now; for overdue stages, how late it is. */
function stageHolds(rule: EscalationRule, item: NotifyItem, input: NotifyInput): { late: number | null } | null {
  if (item.state !== 'waiting-on-team' || item.waitingSince === null || item.dueAt === null) return null;
  if (rule.when === 'new') return item.teamReplied ? null : { late: null };
  if (rule.when === 'due-soon') return item.dueSoon && !item.overdue ? { late: null } : null;
  const stage = overdueStage(rule.when);
  if (stage === null || !item.overdue) return null;
  const late = businessMinutesBetween(input.calendar, item.dueAt, input.now);
  return late >= stage ? { late } : null;
}

/** How urgent a stage is: new, due soon, overdue, then overdue+DURATION by its duration. */
function urgency(when: string): number {
  if (when === 'new') return 0;
  if (when === 'due-soon') return 1;
  return 2 + (overdueStage(when) ?? 0);
}

/**
 * What `notify` sends now (docs/process.md#notifications): for each open
 * discussion, one line at the most urgent escalation stage it has reached and
 * not been told of, to that stage's people, covering the keys of the stages
 * it passed on the way (so none of them is sent later); the end-of-shift
 * reminder and a missed handoff; each key once, and none outside business
 * hours unless the team asked for them.
 */
export function planNotifications(input: NotifyInput): NotifyPlan {
  const due: Notification[] = [];
  const items = [...input.items].sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.number - b.number);
  for (const item of items) {
    const reached = input.escalation
      .map((rule) => ({ rule, holds: stageHolds(rule, item, input), key: notificationKey(item.number, item.waitingSince ?? 0, rule.when) }))
      .filter((r) => r.holds !== null && !input.sent.has(r.key));
    if (reached.length === 0) continue;
    const top = reached.reduce((a, b) => (urgency(b.rule.when) > urgency(a.rule.when) ? b : a));
    due.push({
      key: top.key,
      covers: [top.key, ...reached.filter((r) => r !== top).map((r) => r.key)],
      when: top.rule.when as NotificationKind,
      state: item.overdue ? 'overdue' : item.dueSoon ? 'due-soon' : 'new',
      number: item.number,
      url: item.url,
      title: item.title,
      to: recipients(top.rule.notify, item, input),
      dueAt: item.dueAt,
      lateMinutes: item.overdue ? businessMinutesBetween(input.calendar, item.dueAt!, input.now) : null,
      count: null,
      shift: null,
    });
  }
  for (const item of items) {
    // An inquiry whose owner is off duty: the acting Primary hears once that it is theirs meanwhile.
    if (item.state !== 'waiting-on-team' || item.waitingSince === null || !ownerOffDuty(item, input)) continue;
    const key = notificationKey(item.number, item.waitingSince, 'off-duty');
    if (input.sent.has(key)) continue;
    due.push({
      key,
      covers: [key],
      when: 'off-duty',
      state: item.overdue ? 'overdue' : item.dueSoon ? 'due-soon' : 'new',
      number: item.number,
      url: item.url,
      title: item.title,
      to: input.acting.primary ? [input.acting.primary] : [],
      dueAt: item.dueAt,
      lateMinutes: null,
      count: null,
      shift: null,
      owner: item.owner,
    });
  }
  due.push(...shiftNotifications(input).filter((n) => !input.sent.has(n.key)));
  for (const r of input.reminders ?? []) {
    if (!input.sent.has(r.key))
      due.push({
        key: r.key,
        covers: [r.key],
        when: r.when ?? 'classified-reminder',
        state: null,
        number: null,
        url: null,
        title: r.title,
        to: r.to,
        dueAt: null,
        lateMinutes: null,
        count: null,
        shift: null,
      });
  }
  const quiet = !input.outsideBusinessHours && !isBusinessTime(input.calendar, input.now);
  if (quiet) return { notifications: [], held: due, deferred: [] };
  // The shift's own notifications first, then the most urgent discussions.
  due.sort(
    (a, b) =>
      (a.number === null ? 0 : 1) - (b.number === null ? 0 : 1) || (a.dueAt ?? 0) - (b.dueAt ?? 0) || (a.number ?? 0) - (b.number ?? 0),
  );
  const max = input.maxPerRun ?? MAX_PER_RUN;
  return { notifications: due.slice(0, max), held: [], deferred: due.slice(max) };
}

const unresolved = (a: NotifyItem) => a.state !== 'resolved';

/** Discussions the previous Primary still owns that were neither handed off nor kept. */
export function notHandedOff(input: Pick<NotifyInput, 'items' | 'current' | 'previous'>): NotifyItem[] {
  const { current, previous } = input;
  if (!current || !previous?.primary || previous.primary === current.primary) return [];
  return input.items.filter((a) => unresolved(a) && a.owner === previous.primary && !a.kept);
}

function shiftNotifications(input: NotifyInput): Notification[] {
  const out: Notification[] = [];
  const { current, calendar, now } = input;
  if (!current) return out;
  const base = { number: null, url: null, dueAt: null, lateMinutes: null, state: null };
  // The last business hour of the shift: remind its Primary to hand off.
  const left = businessMinutesBetween(calendar, now, current.end);
  const owned = current.primary ? input.items.filter((a) => unresolved(a) && a.owner === current.primary).length : 0;
  if (current.primary && left > 0 && left <= 60 && owned > 0) {
    out.push({
      ...base,
      key: shiftKey(current.start, 'handoff-reminder'),
      covers: [shiftKey(current.start, 'handoff-reminder')],
      when: 'handoff-reminder',
      title: 'end of shift: hand off',
      to: [current.primary],
      count: owned,
      shift: current,
    });
  }
  // From the second business hour of a shift: what the last one did not hand off.
  const missed = notHandedOff(input);
  if (missed.length > 0 && businessMinutesBetween(calendar, current.start, now) >= 60) {
    const to = [input.previous!.primary!, ...(current.primary ? [current.primary] : [])];
    out.push({
      ...base,
      key: shiftKey(current.start, 'missed-handoff'),
      covers: [shiftKey(current.start, 'missed-handoff')],
      when: 'missed-handoff',
      title: 'missed handoff',
      to,
      count: missed.length,
      shift: input.previous,
    });
  }
  return out;
}
