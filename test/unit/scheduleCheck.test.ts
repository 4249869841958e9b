import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamMember } from '../../src/core/config.js';
import type { Role, Shift } from '../../src/core/rotation.js';
import { checkSchedule } from '../../src/core/scheduleCheck.js';

const zone = 'America/Los_Angeles';
const t = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const member = (login: string): TeamMember => ({
  login,
  name: login,
  percentTime: 50,
  experienced: true,
  classifiedAccess: false,
  unavailable: [],
});
const team = ['ada', 'grace', 'katherine'].map(member);
const shift = (role: Role, login: string, start: string, end: string): Shift => ({
  role,
  login,
  name: login,
  raw: `${role} @${login}`,
  uid: `${role}-${login}-${start}`,
  start: t(start),
  end: t(end),
  modified: 0,
});
const week = [shift('primary', 'katherine', '2026-11-30', '2026-12-07'), shift('backup', 'ada', '2026-11-30', '2026-12-07')];
const problems = (extra: Shift[]) =>
  checkSchedule([...week, ...extra], team, t('2026-11-30'), t('2026-12-07'), zone)
    .problems.filter((p) => p.kind === 'overlap' || p.kind === 'same-person')
    .map((p) => p.kind);

describe('schedule check and delegations written into the calendar', () => {
  it.each([
    ['an afternoon delegation to a third member', [shift('primary', 'grace', '2026-12-01T13:00', '2026-12-01T15:00')], []],
    ['an afternoon delegation to the Backup', [shift('primary', 'ada', '2026-12-01T13:00', '2026-12-01T15:00')], []],
    ['a Backup override for a day', [shift('backup', 'grace', '2026-12-02', '2026-12-03')], []],
    ['a shift that crosses the start of the week', [shift('primary', 'grace', '2026-11-29', '2026-12-01')], ['overlap']],
    ['a second Primary for the same whole week', [shift('primary', 'grace', '2026-11-30', '2026-12-07')], ['overlap']],
    ['the Backup also named Primary for the whole week', [shift('primary', 'ada', '2026-11-30', '2026-12-07')], ['overlap', 'same-person']],
  ])('%s', (_name, extra, kinds) => {
    expect(problems(extra)).toEqual(kinds);
  });
});

describe('schedule check and experience (docs/process.md: an experienced Backup with a less experienced Primary)', () => {
  it('names a week whose Primary and Backup are both inexperienced, once, and no other', () => {
    const green = [member('ada'), { ...member('eli'), experienced: false }, { ...member('fay'), experienced: false }];
    const shifts = [
      shift('primary', 'eli', '2026-11-30', '2026-12-07'),
      shift('backup', 'fay', '2026-11-30', '2026-12-07'),
      shift('primary', 'eli', '2026-12-07', '2026-12-14'),
      shift('backup', 'ada', '2026-12-07', '2026-12-14'),
    ];
    const found = checkSchedule(shifts, green, t('2026-11-30'), t('2026-12-14'), zone).problems.filter((p) => p.kind === 'inexperienced');
    expect(found.map((p) => [p.week, p.detail])).toEqual([
      ['2026-W49', 'neither @eli (Primary) nor @fay (Backup) is experienced, from Mon Nov 30 00:00'],
    ]);
  });
});
