import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import type { Role } from '../core/rotation.js';
import { foldLine } from './edit.js';

type IcalGenerator = typeof import('ical-generator');

export interface WeekAssignment {
  role: Role;
  /** the Monday the shift starts, YYYY-MM-DD in the team's zone */
  monday: string;
  login: string;
  name: string;
  email?: string;
  /** bumped when a published week is changed, so subscribers update */
  sequence?: number;
}

export const PRODID = { company: 'visit-sre', product: 'rotation', language: 'EN' } as const;

/** "sre-2026-W48-primary@visit-sre": stable, so re-imports replace rather than duplicate. */
export function shiftUid(monday: string, role: Role, zone: string): string {
  const d = DateTime.fromISO(monday, { zone });
  return `sre-${d.toFormat("kkkk-'W'WW")}-${role}@visit-sre`;
}

export function shiftSummary(role: Role, name: string, login: string): string {
  return `SRE ${role === 'primary' ? 'Primary' : 'Backup'}: ${name} (@${login})`;
}

/**
 * Writes the rotation as iCal: one all-day event per role per week, Monday to
 * the next Monday (exclusive). Byte-for-byte deterministic: UIDs and DTSTAMP
 * are explicit and events are ordered by week, then role.
 */
export function writeRotation(weeks: readonly WeekAssignment[], opts: { zone: string; now: number; name?: string }): string {
  const ical = (createRequire(import.meta.url)('ical-generator') as IcalGenerator).default;
  const cal = ical({ prodId: PRODID, name: opts.name ?? 'SRE rotation', timezone: null });
  const stamp = DateTime.fromMillis(opts.now, { zone: 'UTC' }).startOf('second');
  const ordered = [...weeks].sort((a, b) => (a.monday < b.monday ? -1 : a.monday > b.monday ? 1 : a.role === 'primary' ? -1 : 1));
  for (const w of ordered) {
    const start = DateTime.fromISO(w.monday, { zone: opts.zone });
    cal.createEvent({
      id: shiftUid(w.monday, w.role, opts.zone),
      sequence: w.sequence ?? 0,
      start,
      end: start.plus({ weeks: 1 }),
      allDay: true,
      stamp,
      summary: shiftSummary(w.role, w.name, w.login),
      categories: [{ name: 'SRE' }, { name: w.role === 'primary' ? 'Primary' : 'Backup' }],
      x: [
        { key: 'X-VISIT-SRE-ROLE', value: w.role },
        { key: 'X-VISIT-SRE-LOGIN', value: w.login },
      ],
    });
  }
  return `${withAttendees(cal.toString(), ordered, opts.zone)}\r\n`;
}

/**
 * A parameter value as RFC 5545 §3.2 and RFC 6868 allow it: quoted, with a
 * caret, a line break and a double quote written ^^, ^n and ^' (a quoted value
 * cannot hold a DQUOTE, and ical-generator's \" is not legal: Python's
 * icalendar drops such an attendee, ical.js cuts the name short). Other
 * control characters cannot appear at all and are left out.
 */
export function paramValue(value: string): string {
  const encoded = value
    .replace(/\^/g, '^^')
    .replace(/\r?\n|\r/g, '^n')
    .replace(/"/g, "^'")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
  return `"${encoded}"`;
}

/** The ATTENDEE line of a shift's person, unfolded. */
export function attendeeLine(name: string, email: string): string {
  return `ATTENDEE;ROLE=REQ-PARTICIPANT;CN=${paramValue(name)}:MAILTO:${email}`;
}

/** Puts each shift's ATTENDEE line after its SUMMARY, where ical-generator would, but quoted legally. */
function withAttendees(text: string, weeks: readonly WeekAssignment[], zone: string): string {
  const byUid = new Map(weeks.map((w) => [shiftUid(w.monday, w.role, zone), w]));
  const lines = text.split('\r\n');
  const out: string[] = [];
  let current: WeekAssignment | undefined;
  let pending: string | undefined;
  for (const line of lines) {
    if (pending !== undefined && !line.startsWith(' ')) {
      out.push(foldLine(pending));
      pending = undefined;
    }
    out.push(line);
    if (line.startsWith('UID:')) current = byUid.get(line.slice(4));
    else if (line.startsWith('SUMMARY') && current?.email) pending = attendeeLine(current.name, current.email);
  }
  return out.join('\r\n');
}
