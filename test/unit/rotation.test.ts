import { describe, expect, it } from 'vitest';
import type { CalendarEntry, Shift } from '../../src/core/rotation.js';
import { buildTimeline, identifyPerson, onDutyAt, resolveRole, shiftsFromEntries } from '../../src/core/rotation.js';
import type { TeamMember } from '../../src/core/config.js';

const member = (login: string, name: string, email?: string): TeamMember => ({
  login,
  name,
  ...(email ? { email } : {}),
  percentTime: 50,
  experienced: false,
  classifiedAccess: false,
  unavailable: [],
});
const team = [
  member('ann', 'Ann Lee', 'ann@example.org'),
  member('ann-marie', 'Ann Marie Cole'),
  member('bo', 'Bo Chen', 'bo@example.org'),
];
const day = 86_400_000;
const t0 = Date.parse('2026-11-23T08:00:00Z');

const entry = (summary: string, start: number, end: number, extra: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: summary,
  summary,
  description: '',
  categories: [],
  attendees: [],
  start,
  end,
  modified: 0,
  allDay: false,
  ...extra,
});

describe('who a shift names (§4 order)', () => {
  it.each([
    ['an @login in the summary wins', 'Primary: Bo Chen (@ann)', '', [], 'ann'],
    ['an unknown @login still names a person', 'Primary: @zed-x', '', [], 'zed-x'],
    ['an @login in the description', 'Primary', 'this week: @bo', [], 'bo'],
    ['an attendee email', 'Primary', '', ['BO@example.org'], 'bo'],
    ['a full name in the summary, longest first', 'Primary – Ann Marie Cole', '', [], 'ann-marie'],
    ['a login in the summary', 'Primary ann', '', [], 'ann'],
    ['an email is not an @mention', 'Primary (mail ann@example.org)', '', [], 'ann'],
  ])('%s', (_name, summary, description, attendees, login) => {
    expect(identifyPerson(summary, description, attendees, team)?.login).toBe(login);
  });

  it('returns null when nobody on the team is named', () => {
    expect(identifyPerson('Primary: Jane Visitor', '', [], team)).toBeNull();
  });

  it('takes the display name beside an unknown @login', () => {
    expect(identifyPerson('SRE Primary: Zed Xu (@zed-x)', '', [], [])).toEqual({ login: 'zed-x', name: 'Zed Xu' });
  });
});

describe('which events are shifts', () => {
  it('finds the role in SUMMARY or CATEGORIES, any case, as a word', () => {
    const shifts = shiftsFromEntries(
      [
        entry('PRIMARY @ann', t0, t0 + day),
        entry('Bo Chen', t0, t0 + day, { categories: ['SRE', 'Backup'] }),
        entry('Team lunch @bo', t0, t0 + day),
        entry('Backupless planning @bo', t0, t0 + day),
      ],
      team,
    );
    expect(shifts.map((s) => [s.role, s.login])).toEqual([
      ['primary', 'ann'],
      ['backup', 'bo'],
    ]);
  });

  it('splits an event that names both roles', () => {
    const shifts = shiftsFromEntries([entry('On call – Primary: Ann Lee / Backup: @bo', t0, t0 + 7 * day)], team);
    expect(shifts.map((s) => [s.role, s.login])).toEqual([
      ['primary', 'ann'],
      ['backup', 'bo'],
    ]);
  });

  it('keeps a shift naming nobody, with its raw text', () => {
    const [s] = shiftsFromEntries([entry('Primary: Jane Visitor', t0, t0 + day)], team);
    expect(s).toMatchObject({ role: 'primary', login: null, raw: 'Primary: Jane Visitor' });
  });
});

describe('overlapping shifts of one role', () => {
  const shift = (login: string, start: number, end: number, modified = 0, uid = login): Shift => ({
    role: 'primary',
    login,
    name: login,
    raw: login,
    uid,
    start,
    end,
    modified,
  });

  it('the shorter one wins: a swap on top of the weekly pattern', () => {
    const pieces = resolveRole([shift('ann', t0, t0 + 7 * day), shift('bo', t0 + 2 * day, t0 + 4 * day)]);
    expect(pieces.map((p) => [p.login, (p.start - t0) / day, (p.end - t0) / day])).toEqual([
      ['ann', 0, 2],
      ['bo', 2, 4],
      ['ann', 4, 7],
    ]);
  });

  it('on a tie, the later modification wins, whatever the order', () => {
    const a = shift('ann', t0, t0 + 7 * day, 100);
    const b = shift('bo', t0, t0 + 7 * day, 200);
    expect(resolveRole([a, b])[0]!.login).toBe('bo');
    expect(resolveRole([b, a])[0]!.login).toBe('bo');
  });

  it('keeps back-to-back shifts of the same person as separate shifts', () => {
    const pieces = resolveRole([shift('ann', t0, t0 + 7 * day, 0, 'w1'), shift('ann', t0 + 7 * day, t0 + 14 * day, 0, 'w2')]);
    expect(pieces.map((p) => (p.end - p.start) / day)).toEqual([7, 7]);
  });
});

describe('the timeline and who is on duty', () => {
  const shifts = shiftsFromEntries(
    [
      entry('Primary @ann', t0, t0 + 7 * day),
      entry('Backup @bo', t0, t0 + 7 * day),
      entry('Primary @bo', t0 + 7 * day, t0 + 14 * day),
      entry('Backup @ann', t0 + 7 * day, t0 + 14 * day),
      entry('Primary @ann', t0 + 21 * day, t0 + 28 * day),
    ],
    team,
  );
  const timeline = buildTimeline(shifts);

  it('answers who is on duty and who is next', () => {
    const duty = onDutyAt(timeline, t0 + day, 2);
    expect([duty.current?.primary?.login, duty.current?.backup?.login]).toEqual(['ann', 'bo']);
    expect(duty.upcoming.map((s) => [s.primary?.login, s.backup?.login ?? null])).toEqual([
      ['bo', 'ann'],
      ['ann', null],
    ]);
  });

  it('has nobody on duty in a gap, and still lists what comes next', () => {
    const duty = onDutyAt(timeline, t0 + 15 * day, 1);
    expect(duty.current).toBeNull();
    expect(duty.upcoming[0]!.start).toBe(t0 + 21 * day);
  });

  it('a Backup on duty two weeks running has two shifts, one per week', () => {
    const tl = buildTimeline(
      shiftsFromEntries(
        [
          entry('Primary @ann', t0, t0 + 7 * day),
          entry('Backup @bo', t0, t0 + 7 * day, { uid: 'b1' }),
          entry('Primary @ann-marie', t0 + 7 * day, t0 + 14 * day),
          entry('Backup @bo', t0 + 7 * day, t0 + 14 * day, { uid: 'b2' }),
        ],
        team,
      ),
    );
    const duty = onDutyAt(tl, t0 + day, 2);
    expect(duty.current!.backup!.end).toBe(t0 + 7 * day);
    expect(duty.upcoming.map((s) => [s.start, s.primary?.login, s.backup?.login, s.backup?.start])).toEqual([
      [t0 + 7 * day, 'ann-marie', 'bo', t0 + 7 * day],
    ]);
  });

  it('treats a shift end as exclusive', () => {
    expect(onDutyAt(timeline, t0 + 7 * day, 0).current?.primary?.login).toBe('bo');
  });
});
