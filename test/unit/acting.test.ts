import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TeamMember } from '../../src/core/config.js';
import type { AwayStretch, Delegation, DeskRecord } from '../../src/core/acting.js';
import { actedAsPrimary, actingRoles, awayAt, awayFromTeam, awayLength, offDuty, readDesk } from '../../src/core/acting.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import type { Marker } from '../../src/core/markers.js';

const zone = 'America/Los_Angeles';
const member = (login: string, experienced: boolean, extra: Partial<TeamMember> = {}): TeamMember => ({
  login,
  name: login,
  percentTime: 50,
  experienced,
  classifiedAccess: false,
  unavailable: [],
  ...extra,
});
// team-file order matters: "the next experienced member" counts from the Backup onward
const team = [member('ada', true), member('grace', true), member('alan', true), member('katherine', false), member('edsger', false)];
const t = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const cal = makeBusinessCalendar({
  zone,
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: ['2026-12-25'],
});

const away = (login: string, from: string, until: string): AwayStretch => ({ login, from: t(from), until: t(until), source: 'desk' });
/** A delegation from Katherine the delegate accepted as it was posted. */
const delegation = (to: string, start: string, until: string, postedAt = start, more: Partial<Delegation> = {}): Delegation => ({
  from: 'katherine',
  to,
  start: t(start),
  until: t(until),
  key: `d-${to}-${start}`,
  postedAt: t(postedAt),
  state: 'accepted',
  acceptedAt: t(postedAt),
  endedAt: null,
  ...more,
});
// The week of Mon 2026-11-30: Katherine is Primary, Ada is Backup.
const roles = (at: string, opts: { away?: AwayStretch[]; delegations?: Delegation[] } = {}) => {
  const r = actingRoles({
    at: t(at),
    primary: 'katherine',
    backup: 'ada',
    team,
    away: opts.away ?? [],
    delegations: opts.delegations ?? [],
  });
  return { primary: r.primary.login, primaryWhy: r.primary.reason, backup: r.backup.login, backupWhy: r.backup.reason };
};

describe('acting Primary and Backup (docs/process.md#acting-roles)', () => {
  it('is the rota when nobody is away and nothing is delegated', () => {
    expect(roles('2026-11-30T10:00')).toEqual({ primary: 'katherine', primaryWhy: 'rota', backup: 'ada', backupWhy: 'rota' });
  });

  describe('a delegation over part of a day (13:00–15:00, to the Backup)', () => {
    const delegations = [delegation('ada', '2026-11-30T13:00', '2026-11-30T15:00')];
    it.each([
      ['2026-11-30T12:59', 'katherine', 'ada'],
      ['2026-11-30T13:00', 'ada', 'grace'],
      ['2026-11-30T14:59', 'ada', 'grace'],
      ['2026-11-30T15:00', 'katherine', 'ada'],
    ])('at %s the acting Primary is %s and the acting Backup %s', (at, primary, backup) => {
      const r = roles(at, { delegations });
      expect([r.primary, r.backup]).toEqual([primary, backup]);
    });
    it('says why: the delegate acts; the Backup who took the role is replaced as Backup', () => {
      expect(roles('2026-11-30T13:30', { delegations })).toMatchObject({ primaryWhy: 'delegation', backupWhy: 'backup-acting-primary' });
    });
    it('never makes the Primary who delegated the acting Backup', () => {
      const toGrace = [delegation('grace', '2026-11-30T13:00', '2026-11-30T15:00')];
      expect(roles('2026-11-30T13:30', { delegations: toGrace })).toMatchObject({ primary: 'grace', backup: 'ada' });
      const r = roles('2026-11-30T13:30', { delegations: toGrace, away: [away('ada', '2026-11-30T13:00', '2026-11-30T14:00')] });
      expect(r).toMatchObject({ primary: 'grace', backup: 'alan', backupWhy: 'backup-away' });
    });
    it('a proposal changes nothing until it is accepted, and then only from its acceptance', () => {
      const proposed = [
        delegation('ada', '2026-11-30T13:00', '2026-11-30T15:00', '2026-11-30T09:00', { state: 'proposed', acceptedAt: null }),
      ];
      expect(roles('2026-11-30T13:30', { delegations: proposed }).primary).toBe('katherine');
      const late = [delegation('ada', '2026-11-30T13:00', '2026-11-30T15:00', '2026-11-30T09:00', { acceptedAt: t('2026-11-30T14:00') })];
      expect(roles('2026-11-30T13:30', { delegations: late }).primary).toBe('katherine');
      expect(roles('2026-11-30T14:00', { delegations: late }).primary).toBe('ada');
    });
    it('a cancelled delegation gives the role back at once', () => {
      const cancelled = [
        delegation('ada', '2026-11-30T13:00', '2026-11-30T15:00', '2026-11-30T09:00', {
          state: 'cancelled',
          endedAt: t('2026-11-30T14:00'),
        }),
      ];
      expect(roles('2026-11-30T13:59', { delegations: cancelled }).primary).toBe('ada');
      expect(roles('2026-11-30T14:00', { delegations: cancelled }).primary).toBe('katherine');
    });
    it('counts only when proposed by the Primary, or by whoever stands in for them', () => {
      const byBackup = [delegation('grace', '2026-11-30T13:00', '2026-11-30T15:00', '2026-11-30T09:00', { from: 'ada' })];
      expect(roles('2026-11-30T13:30', { delegations: byBackup }).primary).toBe('katherine');
      const standing = roles('2026-11-30T13:30', {
        delegations: byBackup,
        away: [away('katherine', '2026-11-30T12:00', '2026-11-30T17:00')],
      });
      expect(standing).toMatchObject({ primary: 'grace', primaryWhy: 'delegation' });
    });
    it('the latest accepted of two running delegations wins', () => {
      const two = [
        delegation('ada', '2026-11-30T13:00', '2026-11-30T15:00', '2026-11-30T08:00'),
        delegation('alan', '2026-11-30T14:00', '2026-11-30T16:00', '2026-11-30T09:00'),
      ];
      expect(roles('2026-11-30T14:30', { delegations: two }).primary).toBe('alan');
      expect(roles('2026-11-30T13:30', { delegations: two }).primary).toBe('ada');
    });
    it('applies only while the Primary who delegated is on duty', () => {
      const r = actingRoles({ at: t('2026-11-30T13:30'), primary: 'edsger', backup: 'grace', team, away: [], delegations });
      expect(r.primary.login).toBe('edsger');
    });
    it('shows the delegation that concerns the instant: in force, else the latest open proposal', () => {
      const view = (at: string, ds: Delegation[]) => {
        const d = actingRoles({ at: t(at), primary: 'katherine', backup: 'ada', team, away: [], delegations: ds }).delegation;
        return d && [d.delegation.to, d.state];
      };
      const proposal = delegation('grace', '2026-11-30T16:00', '2026-11-30T17:00', '2026-11-30T10:00', {
        state: 'proposed',
        acceptedAt: null,
      });
      expect(view('2026-11-30T13:30', [...delegations, proposal])).toEqual(['ada', 'accepted']);
      expect(view('2026-11-30T15:30', [...delegations, proposal])).toEqual(['grace', 'proposed']);
      expect(view('2026-11-30T17:00', [...delegations, proposal])).toBeNull();
      expect(view('2026-11-30T13:30', [{ ...proposal, from: 'alan' }])).toBeNull();
    });
  });

  describe('away across lunch and a weekend (Fri 11:00 → Mon 10:00)', () => {
    const stretch = [away('katherine', '2026-12-04T11:00', '2026-12-07T10:00')];
    it.each([
      ['2026-12-04T10:59', 'katherine'],
      ['2026-12-04T11:00', 'ada'],
      ['2026-12-04T12:30', 'ada'],
      ['2026-12-05T15:00', 'ada'],
      ['2026-12-07T09:59', 'ada'],
      ['2026-12-07T10:00', 'katherine'],
    ])('at %s the acting Primary is %s', (at, primary) => {
      expect(roles(at, { away: stretch }).primary).toBe(primary);
    });
    it('the Backup acts as Primary and the next experienced member backs up', () => {
      expect(roles('2026-12-04T12:30', { away: stretch })).toEqual({
        primary: 'ada',
        primaryWhy: 'primary-away',
        backup: 'grace',
        backupWhy: 'backup-acting-primary',
      });
    });
    it('counts business time only: lunch, the weekend and a holiday are not part of the stretch', () => {
      expect(awayLength(cal, t('2026-12-04T11:00'), t('2026-12-07T10:00'), 240)).toEqual({ businessMinutes: 7 * 60, short: false });
      expect(awayLength(cal, t('2026-12-04T16:00'), t('2026-12-07T09:00'), 240)).toEqual({ businessMinutes: 120, short: true });
      expect(awayLength(cal, t('2026-12-01T11:00'), t('2026-12-01T14:00'), 240)).toEqual({ businessMinutes: 120, short: true });
      expect(awayLength(cal, t('2026-12-01T11:00'), t('2026-12-01T16:00'), 240)).toEqual({ businessMinutes: 240, short: false });
      expect(awayLength(cal, t('2026-12-24T16:00'), t('2026-12-28T09:00'), 240)).toEqual({ businessMinutes: 120, short: true });
    });
  });

  it('Primary and Backup both away: the next experienced members take both roles', () => {
    const both = [away('katherine', '2026-12-01T08:00', '2026-12-01T17:00'), away('ada', '2026-12-01T09:00', '2026-12-01T12:00')];
    expect(roles('2026-12-01T10:00', { away: both })).toEqual({
      primary: 'grace',
      primaryWhy: 'primary-away',
      backup: 'alan',
      backupWhy: 'backup-away',
    });
    expect(roles('2026-12-01T13:00', { away: both })).toMatchObject({ primary: 'ada', backup: 'grace' });
  });

  it('the acting Backup skips away people in team-file order after the Backup', () => {
    const r = roles('2026-12-01T10:00', {
      away: [away('ada', '2026-12-01T08:00', '2026-12-01T17:00'), away('grace', '2026-12-01T08:00', '2026-12-01T17:00')],
    });
    expect(r).toEqual({ primary: 'katherine', primaryWhy: 'rota', backup: 'alan', backupWhy: 'backup-away' });
  });

  describe('a delegate who is away', () => {
    const delegations = [delegation('grace', '2026-12-01T08:00', '2026-12-01T17:00')];
    const graceOut = away('grace', '2026-12-01T10:00', '2026-12-01T11:00');
    it('hands the role back to the Primary while the delegate is away', () => {
      expect(roles('2026-12-01T09:00', { delegations, away: [graceOut] })).toMatchObject({ primary: 'grace', primaryWhy: 'delegation' });
      expect(roles('2026-12-01T10:30', { delegations, away: [graceOut] })).toMatchObject({
        primary: 'katherine',
        primaryWhy: 'delegate-away',
      });
    });
    it('or to the Backup when the Primary is away too', () => {
      const r = roles('2026-12-01T10:30', { delegations, away: [graceOut, away('katherine', '2026-12-01T08:00', '2026-12-01T17:00')] });
      expect(r).toMatchObject({ primary: 'ada', primaryWhy: 'delegate-away', backup: 'alan' });
    });
  });

  it('with everyone experienced away, the Primary stays, flagged, and nobody backs up', () => {
    const all = team
      .filter((m) => m.experienced || m.login === 'katherine')
      .map((m) => away(m.login, '2026-12-01T08:00', '2026-12-01T17:00'));
    expect(roles('2026-12-01T10:00', { away: all })).toEqual({
      primary: 'katherine',
      primaryWhy: 'everyone-away',
      backup: null,
      backupWhy: 'everyone-away',
    });
  });
});

describe("team members' unavailable ranges count as away", () => {
  const withLeave = [
    member('ada', true, { unavailable: [{ from: '2026-12-01', to: '2026-12-02', reason: 'conference' }] }),
    ...team.slice(1),
  ];
  const stretches = awayFromTeam(withLeave, zone);
  it('cover whole days in the team zone, the last day included', () => {
    expect(stretches).toEqual([
      { login: 'ada', from: t('2026-12-01T00:00'), until: t('2026-12-03T00:00'), source: 'team', note: 'conference' },
    ]);
    expect(awayAt(stretches, t('2026-11-30T23:59'))).toEqual([]);
    expect(awayAt(stretches, t('2026-12-02T23:59')).map((s) => s.login)).toEqual(['ada']);
  });
  it('make the Backup skip to the next experienced member', () => {
    const r = actingRoles({
      at: t('2026-12-01T10:00'),
      primary: 'katherine',
      backup: 'ada',
      team: withLeave,
      away: stretches,
      delegations: [],
    });
    expect([r.primary.login, r.backup.login, r.away.map((a) => a.login)]).toEqual(['katherine', 'grace', ['ada']]);
  });
});

describe('reading the desk thread', () => {
  let clock = t('2026-11-30T07:00');
  const entry = (marker: Record<string, unknown>): DeskRecord => ({ marker: { v: 1, ...marker } as Marker, createdAt: (clock += 60_000) });
  const iso = (local: string) => new Date(t(local)).toISOString();

  it('an away-cancel withdraws the notice it names, and only that one', () => {
    const desk = readDesk([
      entry({ kind: 'away', who: 'ada', from: iso('2026-12-01T09:00'), until: iso('2026-12-01T15:00'), key: 'a1' }),
      entry({ kind: 'away', who: 'ada', from: iso('2026-12-02T09:00'), until: iso('2026-12-02T15:00'), key: 'a2' }),
      entry({ kind: 'away-cancel', who: 'ada', cancels: 'a2', key: 'c-a2' }),
    ]);
    expect(desk.away.map((a) => a.key)).toEqual(['a1']);
    expect([...desk.keys]).toEqual(['a1', 'a2', 'c-a2']);
  });

  it('a delegation counts once its delegate accepts; accepting replaces the earlier overlapping ones of that shift', () => {
    const shift = iso('2026-11-30T00:00');
    const propose = (key: string, to: string, start: string, until: string, by = 'katherine') => ({
      ...entry({ kind: 'delegate', from: by, to, start: iso(start), until: iso(until), shift, key }),
      author: by,
    });
    const reply = (kind: string, proposal: string, author: string) => ({
      ...entry({ kind, proposal, key: `${kind}:${proposal}` }),
      author,
    });
    const desk = readDesk([
      propose('d1', 'ada', '2026-11-30T09:00', '2026-11-30T12:00'),
      reply('delegate-accept', 'd1', 'ada'),
      propose('d2', 'ada', '2026-12-01T09:00', '2026-12-01T12:00'),
      propose('d3', 'grace', '2026-11-30T11:00', '2026-11-30T14:00'),
      reply('delegate-accept', 'd3', 'grace'),
      propose('d4', 'alan', '2026-11-30T11:00', '2026-11-30T14:00', 'ada'),
      reply('delegate-accept', 'd2', 'grace'),
      reply('delegate-decline', 'd2', 'katherine'),
    ]);
    expect(desk.delegations.map((d) => [d.key, d.state])).toEqual([
      ['d1', 'replaced'],
      ['d2', 'proposed'],
      ['d3', 'accepted'],
      ['d4', 'proposed'],
    ]);
    const d1 = desk.delegations[0]!;
    expect([d1.acceptedAt, d1.endedAt]).toEqual([desk.delegations[0]!.postedAt + 60_000, desk.delegations[2]!.postedAt + 60_000]);
  });

  it('a delegate marker posted by anyone but its proposer is ignored', () => {
    const desk = readDesk([
      {
        ...entry({
          kind: 'delegate',
          from: 'katherine',
          to: 'alan',
          start: iso('2026-11-30T09:00'),
          until: iso('2026-11-30T12:00'),
          key: 'x',
        }),
        author: 'alan',
      },
    ]);
    expect(desk.delegations).toEqual([]);
  });

  it('ignores malformed markers instead of failing', () => {
    const desk = readDesk([
      entry({ kind: 'away', who: 'ada', from: 'soon', until: iso('2026-12-01T15:00') }),
      entry({ kind: 'away', who: 'ada', from: iso('2026-12-01T15:00'), until: iso('2026-12-01T09:00') }),
      entry({ kind: 'delegate', from: 'katherine', start: iso('2026-12-01T09:00'), until: iso('2026-12-01T12:00') }),
      entry({ kind: 'classified', number: 'one', neededBy: iso('2026-12-01T12:00'), key: 'x' }),
    ]);
    expect([desk.away, desk.delegations, desk.requests]).toEqual([[], [], []]);
  });

  it('classified requests: the first claim wins; notify batches count as posted keys', () => {
    const desk = readDesk([
      entry({ kind: 'classified', number: 1, neededBy: iso('2026-12-01T12:00'), handler: 'edsger', access: ['ada', 'alan'], key: 'k1' }),
      entry({ kind: 'claim', request: 'k1', who: 'alan', key: 'claim:k1' }),
      entry({ kind: 'claim', request: 'k1', who: 'ada', key: 'claim:k1' }),
      entry({ kind: 'notify', keys: ['7@x:new', 'classified-reminder:k1'] }),
    ]);
    expect(desk.requests).toMatchObject([{ number: 1, handler: 'edsger', access: ['ada', 'alan'], claimedBy: 'alan' }]);
    expect(desk.keys.has('classified-reminder:k1')).toBe(true);
  });
});

describe('who is off duty (docs/process.md#off-duty-owners) and who acted as Primary', () => {
  const now = { primary: 'katherine', backup: 'ada' };
  it.each([
    ['the acting Primary', 'katherine', false, false],
    ['the acting Backup', 'ada', false, false],
    ['anyone else', 'grace', false, true],
    ['anyone else who kept it this week', 'grace', true, false],
    ['nobody (an unknown owner)', null, false, false],
  ])('%s: off duty %s', (_who, owner, kept, off) => {
    expect(offDuty(owner, now, kept)).toBe(off);
  });
  it('a login matches in any case', () => {
    expect(offDuty('Katherine', now, false)).toBe(false);
  });
  it('acted as Primary: the holder at the start and at every change inside the window, once each', () => {
    const at = (ms: number) => ({ primary: ms < t('2026-12-01T13:00') ? 'katherine' : ms < t('2026-12-01T15:00') ? 'alan' : 'katherine' });
    const changes = [t('2026-11-23T00:00'), t('2026-12-01T13:00'), t('2026-12-01T15:00'), t('2026-12-07T00:00')];
    expect(actedAsPrimary(at, changes, t('2026-11-30T00:00'), t('2026-12-07T00:00'))).toEqual(['katherine', 'alan']);
    expect(actedAsPrimary(at, changes, t('2026-11-30T00:00'), t('2026-12-01T12:00'))).toEqual(['katherine']);
  });
});
