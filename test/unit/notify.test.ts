import { describe, expect, it } from 'vitest';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { DEFAULT_ESCALATION } from '../../src/core/config.js';
import type { NotifyInput, NotifyItem } from '../../src/core/notify.js';
import { notificationKey, planNotifications } from '../../src/core/notify.js';
import { handoffWeek, keptFor } from '../../src/core/plans/handoff.js';
import { discussion, marker, team } from '../support/domain.js';

// Week of Mon 2026-11-30, Pacific (UTC-8). Business hours 08-12, 13-17.
const calendar = makeBusinessCalendar({
  zone: 'America/Los_Angeles',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: ['2026-12-02'],
});
const t = (local: string) => Date.parse(`${local}-08:00`);
const shift = { start: t('2026-11-30T00:00'), end: t('2026-12-07T00:00'), primary: 'ada', backup: 'bob' };
const lastShift = { start: t('2026-11-23T00:00'), end: t('2026-11-30T00:00'), primary: 'cy', backup: 'ada' };

function item(over: Partial<NotifyItem> = {}): NotifyItem {
  return {
    number: 7,
    title: 'Silo reader crashes',
    url: 'https://github.com/o/r/discussions/7',
    author: 'user1',
    state: 'waiting-on-team',
    owner: 'ada',
    waitingSince: t('2026-11-30T09:00'),
    dueAt: t('2026-11-30T14:00'),
    businessHoursWaiting: 0,
    businessMinutesLeft: 240,
    lastUserActivityAt: t('2026-11-30T09:00'),
    daysSinceUserActivity: 0,
    overdue: false,
    dueSoon: false,
    stale: false,
    handedOffTo: null,
    via: 'github',
    teamReplied: false,
    kept: false,
    ...over,
  };
}

function input(over: Partial<NotifyInput> = {}): NotifyInput {
  return {
    items: [item()],
    current: shift,
    previous: lastShift,
    acting: { primary: 'ada', backup: 'bob' },
    members: ['ada', 'bob', 'cy', 'dee'],
    away: new Set(),
    escalation: DEFAULT_ESCALATION,
    sent: new Set(),
    now: t('2026-11-30T09:15'),
    calendar,
    outsideBusinessHours: false,
    ...over,
  };
}

/** A paging policy a team may configure (docs/config.md#escalation-policy): the Backup when overdue, the team two hours later. */
const paging = [
  ...DEFAULT_ESCALATION.slice(0, 2),
  { when: 'overdue', notify: ['owner', 'backup'] },
  { when: 'overdue+2h', notify: ['team'] },
];

const sent = (i: NotifyInput) => planNotifications(i).notifications.map((n) => [n.when, n.to.join(',')]);
const since = t('2026-11-30T09:00');

describe('notify decisions (§9)', () => {
  it('a new inquiry goes to its owner, keyed NUMBER@WAITING_SINCE:WHEN', () => {
    const plan = planNotifications(input());
    expect(plan.notifications.map((n) => [n.key, n.to])).toEqual([['7@2026-11-30T17:00:00Z:new', ['ada']]]);
  });

  it('a key already in the desk thread is not sent again', () => {
    expect(sent(input({ sent: new Set([notificationKey(7, since, 'new')]) }))).toEqual([]);
  });

  it('is not new once the team has replied', () => {
    expect(sent(input({ items: [item({ teamReplied: true })] }))).toEqual([]);
  });

  it('due soon goes to the owner only', () => {
    expect(sent(input({ items: [item({ teamReplied: true, dueSoon: true })] }))).toEqual([['due-soon', 'ada']]);
  });

  it('by default, overdue goes to the owner and the acting Primary, never the Backup or the team', () => {
    const late = item({ owner: 'bob', teamReplied: true, overdue: true, dueAt: t('2026-11-30T10:00') });
    const plan = planNotifications(input({ items: [late], now: t('2026-11-30T16:00') }));
    expect(plan.notifications.map((n) => [n.when, n.to.join(',')])).toEqual([['overdue', 'bob,ada']]);
    expect(DEFAULT_ESCALATION.flatMap((r) => r.notify)).not.toContain('backup');
    expect(DEFAULT_ESCALATION.flatMap((r) => r.notify)).not.toContain('team');
  });

  it('a configured paging policy tells the Backup only once it is overdue', () => {
    const due = item({ teamReplied: true, dueSoon: true });
    expect(sent(input({ items: [due], escalation: paging })).flatMap(([, to]) => to!.split(','))).not.toContain('bob');
    expect(sent(input({ items: [item({ teamReplied: true, overdue: true })], escalation: paging, now: t('2026-11-30T14:00') }))).toEqual([
      ['overdue', 'ada,bob'],
    ]);
  });

  it('overdue+2h counts business time past due and goes to the team', () => {
    const late = item({ teamReplied: true, overdue: true, dueAt: t('2026-11-30T14:00') });
    const sentOverdue = new Set([notificationKey(7, since, 'overdue')]);
    expect(sent(input({ items: [late], sent: sentOverdue, escalation: paging, now: t('2026-11-30T15:59') }))).toEqual([]);
    expect(sent(input({ items: [late], sent: sentOverdue, escalation: paging, now: t('2026-11-30T16:00') }))).toEqual([
      ['overdue+2h', 'ada,bob,cy,dee'],
    ]);
  });

  it('overdue+2h waits through the evening: business time only', () => {
    const late = item({ teamReplied: true, overdue: true, dueAt: t('2026-11-30T16:30') });
    const quietSent = new Set([notificationKey(7, since, 'overdue')]);
    const at = (local: string, more: Partial<NotifyInput> = {}) =>
      sent(input({ items: [late], sent: quietSent, escalation: paging, now: t(local), ...more }));
    expect(at('2026-12-01T09:29', { outsideBusinessHours: true })).toEqual([]);
    expect(at('2026-12-01T09:30')).toEqual([['overdue+2h', 'ada,bob,cy,dee']]);
  });

  it('team skips members who are away', () => {
    const late = item({ teamReplied: true, overdue: true, dueAt: t('2026-11-30T10:00') });
    expect(
      sent(
        input({
          items: [late],
          sent: new Set([notificationKey(7, since, 'overdue')]),
          escalation: paging,
          away: new Set(['cy']),
          now: t('2026-11-30T13:00'),
        }),
      ),
    ).toEqual([['overdue+2h', 'ada,bob,dee']]);
  });

  it('an away owner is replaced by the acting Primary', () => {
    expect(sent(input({ items: [item({ owner: 'bob' })], away: new Set(['bob']) }))).toEqual([['new', 'ada']]);
  });

  describe('an owner off duty (docs/process.md#off-duty-owners): neither acting role now, and not kept', () => {
    const lastMonths = item({ number: 9, owner: 'dee', teamReplied: true, overdue: true, dueAt: t('2026-11-30T10:00') });
    it('their notices go to the acting Primary, who is told once that the inquiry is theirs meanwhile', () => {
      const plan = planNotifications(input({ items: [lastMonths], now: t('2026-11-30T13:00') }));
      expect(plan.notifications.map((n) => [n.key, n.to.join(','), n.owner ?? null])).toEqual([
        ['9@2026-11-30T17:00:00Z:overdue', 'ada', null],
        ['9@2026-11-30T17:00:00Z:off-duty', 'ada', 'dee'],
      ]);
      const sentKeys = new Set(plan.notifications.map((n) => n.key));
      expect(planNotifications(input({ items: [lastMonths], sent: sentKeys, now: t('2026-11-30T14:00') })).notifications).toEqual([]);
    });
    it('the acting Backup is on duty; an owner who kept it for this shift is too', () => {
      expect(sent(input({ items: [{ ...lastMonths, owner: 'bob' }], now: t('2026-11-30T13:00') }))).toEqual([['overdue', 'bob,ada']]);
      expect(sent(input({ items: [{ ...lastMonths, kept: true }], now: t('2026-11-30T13:00') }))).toEqual([['overdue', 'dee,ada']]);
    });
    it('a delegating Primary is off duty while the delegate acts: the delegate hears of their queue', () => {
      const mine = item({ owner: 'ada' });
      expect(sent(input({ items: [mine], acting: { primary: 'cy', backup: 'bob' } }))).toEqual([
        ['new', 'cy'],
        ['off-duty', 'cy'],
      ]);
    });
    it('waiting on the user, it needs no notice', () => {
      const quiet = { ...lastMonths, state: 'waiting-on-user' as const, waitingSince: null, dueAt: null, overdue: false };
      expect(sent(input({ items: [quiet], now: t('2026-11-30T13:00') }))).toEqual([]);
    });
  });

  it('primary, backup and logins resolve to the acting roles and the names given', () => {
    const escalation = [{ when: 'new', notify: ['primary', 'backup', 'zed', 'ada'] }];
    const plan = planNotifications(input({ items: [item({ owner: 'bob' })], escalation, acting: { primary: 'bob', backup: 'dee' } }));
    expect(plan.notifications.map((n) => [n.when, n.to.join(',')])).toEqual([['new', 'bob,dee,zed,ada']]);
  });

  it('a new waiting period has new keys', () => {
    const again = item({ waitingSince: t('2026-11-30T11:00'), dueAt: t('2026-11-30T16:00'), teamReplied: true, overdue: true });
    const plan = planNotifications(
      input({ items: [again], sent: new Set([notificationKey(7, since, 'overdue')]), now: t('2026-11-30T16:00') }),
    );
    expect(plan.notifications.map((n) => n.key)).toEqual(['7@2026-11-30T19:00:00Z:overdue']);
  });

  it('outside business hours nothing is sent, and what is due is held', () => {
    const night = planNotifications(input({ now: t('2026-11-30T20:00') }));
    expect(night.notifications).toEqual([]);
    expect(night.held.map((n) => n.when)).toEqual(['new']);
  });

  it('a holiday is outside business hours', () => {
    expect(planNotifications(input({ now: t('2026-12-02T10:00') })).notifications).toEqual([]);
  });

  it('desk.notifyOutsideBusinessHours sends at night too', () => {
    expect(sent(input({ now: t('2026-11-30T20:00'), outsideBusinessHours: true }))).toEqual([['new', 'ada']]);
  });

  it('waiting on the user or resolved: nothing to send', () => {
    expect(sent(input({ items: [item({ state: 'waiting-on-user', waitingSince: null, dueAt: null })] }))).toEqual([]);
    expect(sent(input({ items: [item({ state: 'resolved', waitingSince: null, dueAt: null })] }))).toEqual([]);
  });

  it('handoff-reminder: in the last business hour of the shift, to its Primary, with the count', () => {
    const owned = [
      item({ state: 'waiting-on-user', waitingSince: null, dueAt: null }),
      item({ number: 8, state: 'waiting-on-user', waitingSince: null, dueAt: null }),
    ];
    expect(planNotifications(input({ items: owned, now: t('2026-12-04T15:59') })).notifications).toEqual([]);
    const plan = planNotifications(input({ items: owned, now: t('2026-12-04T16:00') }));
    expect(plan.notifications.map((n) => [n.key, n.to, n.count])).toEqual([['shift@2026-11-30T08:00:00Z:handoff-reminder', ['ada'], 2]]);
  });

  it('handoff-reminder is not sent to a Primary who owns nothing open', () => {
    expect(planNotifications(input({ items: [], now: t('2026-12-04T16:30') })).notifications).toEqual([]);
  });

  it('missed-handoff: from the second business hour, to both Primaries, when the last one still owns some', () => {
    const left = [item({ owner: 'cy', teamReplied: true, state: 'waiting-on-user', waitingSince: null, dueAt: null })];
    expect(planNotifications(input({ items: left, now: t('2026-11-30T08:59') })).notifications).toEqual([]);
    const plan = planNotifications(input({ items: left, now: t('2026-11-30T09:00') }));
    expect(plan.notifications.map((n) => [n.key, n.to, n.count])).toEqual([
      ['shift@2026-11-30T08:00:00Z:missed-handoff', ['cy', 'ada'], 1],
    ]);
  });

  it('missed-handoff ignores what was kept or handed off', () => {
    const kept = item({ owner: 'cy', kept: true, teamReplied: true });
    const handed = item({ number: 9, owner: 'ada', handedOffTo: 'ada', teamReplied: true });
    expect(planNotifications(input({ items: [kept, handed], now: t('2026-11-30T10:00') })).notifications).toEqual([]);
  });

  it('missed-handoff: a discussion with a keep marker for this shift is kept, not missed; one kept for another week is missed', () => {
    const keptIn = (n: number, week: string) =>
      discussion(n, { at: '2026-11-24T17:00:00Z', who: 'user1' }, [
        { at: '2026-11-27T20:00:00Z', who: 'ada', body: `kept\n\n${marker('keep', { from: 'cy', week })}` },
      ]);
    const week = handoffWeek(shift.start, 'America/Los_Angeles');
    const items = [keptIn(7, week), keptIn(8, '2026-W40')].map((d) =>
      item({
        number: d.number,
        owner: 'cy',
        teamReplied: true,
        state: 'waiting-on-user',
        waitingSince: null,
        dueAt: null,
        kept: keptFor(d, team, 'cy', week),
      }),
    );
    const plan = planNotifications(input({ items, now: t('2026-11-30T10:00') }));
    expect(plan.notifications.map((n) => [n.when, n.count])).toEqual([['missed-handoff', 1]]);
  });

  it('an inquiry that reached several stages at once gets one line, at the most urgent, to its people, covering the others', () => {
    const a = item({ overdue: true, dueAt: t('2026-11-30T10:00'), waitingSince: t('2026-11-30T06:00') });
    const plan = planNotifications(input({ items: [a], escalation: paging, now: t('2026-11-30T13:00') }));
    expect(plan.notifications.map((n) => [n.when, n.state, n.to])).toEqual([['overdue+2h', 'overdue', ['ada', 'bob', 'cy', 'dee']]]);
    const key = (when: string) => notificationKey(7, t('2026-11-30T06:00'), when);
    expect(plan.notifications[0]!.covers).toEqual([key('overdue+2h'), key('new'), key('overdue')]);
    // Once the run's marker holds every key it covered, none of those stages is sent later.
    const later = planNotifications(
      input({ items: [a], escalation: paging, now: t('2026-11-30T16:00'), sent: new Set(plan.notifications[0]!.covers) }),
    );
    expect(later.notifications).toEqual([]);
  });

  it('"new" heads a line only while the inquiry is neither due soon nor overdue', () => {
    const soon = item({ dueSoon: true });
    const first = planNotifications(input({ items: [soon], now: t('2026-11-30T13:30') }));
    expect(first.notifications.map((n) => [n.when, n.state])).toEqual([['due-soon', 'due-soon']]);
    // A team that asks only for "new" is still not told an overdue inquiry is new.
    const late = item({ overdue: true, dueAt: t('2026-11-30T10:00') });
    const onlyNew = planNotifications(input({ items: [late], escalation: DEFAULT_ESCALATION.slice(0, 1), now: t('2026-11-30T13:00') }));
    expect(onlyNew.notifications.map((n) => [n.when, n.state])).toEqual([['new', 'overdue']]);
  });

  it('at most maxPerRun go out in one run, the most urgent first; the rest wait for the next run', () => {
    const many = [3, 1, 2].map((n) => item({ number: n, dueAt: t('2026-11-30T14:00') + n * 60_000 }));
    const plan = planNotifications(input({ items: many, maxPerRun: 2 }));
    expect(plan.notifications.map((n) => n.number)).toEqual([1, 2]);
    expect(plan.deferred.map((n) => n.number)).toEqual([3]);
  });
});
