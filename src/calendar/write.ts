import { createRequire } from 'node:module';
import { DateTime } from 'luxon';
import type { Role } from '../core/rotation.js';

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
      attendees: w.email ? [{ email: w.email, name: w.name }] : [],
      x: [
        { key: 'X-VISIT-SRE-ROLE', value: w.role },
        { key: 'X-VISIT-SRE-LOGIN', value: w.login },
      ],
    });
  }
  return cal.toString();
}
