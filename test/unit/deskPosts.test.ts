import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { TeamMember } from '../../src/core/config.js';
import type { DeskRecord, DeskState } from '../../src/core/acting.js';
import { readDesk } from '../../src/core/acting.js';
import type { DeskPost, Template } from '../../src/core/deskPosts.js';
import {
  classifiedReminders,
  planAway,
  planCancelAway,
  planClaim,
  planClassifiedRequest,
  planDelegate,
  planDelegationAnswer,
  expiredProposalNotices,
  planMisdirected,
  planSwapAnnouncement,
} from '../../src/core/deskPosts.js';
import { makeBusinessCalendar } from '../../src/core/businessTime.js';
import { parseMarker } from '../../src/core/markers.js';
import { UsageError } from '../../src/core/errors.js';

const zone = 'America/Los_Angeles';
const template = (name: string): Template => {
  const source = new URL(`../../templates/${name}.md`, import.meta.url);
  return { text: readFileSync(source, 'utf8'), source: source.pathname };
};
const member = (login: string, experienced: boolean, classifiedAccess = false): TeamMember => ({
  login,
  name: `${login[0]!.toUpperCase()}${login.slice(1)} X`,
  percentTime: 50,
  experienced,
  classifiedAccess,
  unavailable: [],
});
const team = [
  member('ada', true, true),
  member('grace', true),
  member('alan', true, true),
  member('katherine', false),
  member('edsger', false),
];
const t = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const cal = makeBusinessCalendar({
  zone,
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  windows: ['08:00-12:00', '13:00-17:00'],
  holidays: [],
});
const now = t('2026-11-30T09:00');
const empty = (): DeskState => readDesk([]);

/** What the desk thread holds after these posts: each read back through its marker, as the next run would. */
function after(...posts: DeskPost[]): DeskState {
  return readDesk(
    posts.map(
      (p, i): DeskRecord => ({ marker: parseMarker(p.body)!, createdAt: now + i * 60_000, url: `https://github.com/o/r/issues/1#c${i}` }),
    ),
  );
}

const away = (who: string, from: string, until: string, extra: { note?: string; desk?: DeskState } = {}) =>
  planAway({
    who,
    from: t(from),
    until: t(until),
    now,
    zone,
    cal,
    goalMinutes: 240,
    primary: 'katherine',
    backup: 'ada',
    team,
    desk: extra.desk ?? empty(),
    away: [],
    template: template('away'),
    ...(extra.note ? { note: extra.note } : {}),
  });

describe('away notices', () => {
  it('@mention the Primary and Backup on duty, say who stands in, and carry a trusted away marker', () => {
    const p = away('katherine', '2026-12-04T11:00', '2026-12-07T10:00', { note: 'dentist,\n then travel' });
    expect(p.text).toBe(
      '**Away:** @katherine will be away from their desk from Fri Dec 4, 11:00 PST until Mon Dec 7, 10:00 PST (7h of business hours).\n> dentist, then travel\n@ada acts as Primary meanwhile. @grace acts as Backup meanwhile. @ada @grace',
    );
    expect(p.mentions).toEqual(['ada', 'grace']);
    expect(parseMarker(p.body)).toEqual({
      v: 1,
      kind: 'away',
      who: 'katherine',
      from: '2026-12-04T19:00:00Z',
      until: '2026-12-07T18:00:00Z',
      note: 'dentist,\n then travel',
      key: 'away:katherine:2026-12-04T19:00:00Z:2026-12-07T18:00:00Z',
    });
    expect(p.notes).toEqual([]);
  });

  it('warn when the stretch is shorter than the response goal in business time, and post all the same', () => {
    const p = away('edsger', '2026-12-01T11:00', '2026-12-01T14:00');
    expect(p.notes).toEqual([
      'the stretch is 2h of business time, shorter than the 4h response goal: no notice is needed, posting it all the same',
    ]);
    expect(p.text).toBe(
      '**Away:** @edsger will be away from their desk from Tue Dec 1, 11:00 PST until Tue Dec 1, 14:00 PST (2h of business hours).\n@katherine @ada',
    );
  });

  it('are not posted twice: the key read back from the thread marks it as posted', () => {
    const first = away('edsger', '2026-12-01T11:00', '2026-12-01T16:00');
    expect(first.alreadyPosted).toBe(false);
    expect(away('edsger', '2026-12-01T11:00', '2026-12-01T16:00', { desk: after(first) }).alreadyPosted).toBe(true);
  });

  it.each([
    ['an end before the start', '2026-12-01T14:00', '2026-12-01T11:00', /--until .* is not after --from/],
    ['a stretch already over', '2026-11-27T09:00', '2026-11-27T11:00', /ended at .* before now/],
  ])('refuse %s', (_name, from, until, message) => {
    expect(() => away('edsger', from, until)).toThrow(UsageError);
    expect(() => away('edsger', from, until)).toThrow(message);
  });

  it('away --cancel withdraws the latest notice still running, and the next read drops it', () => {
    const a1 = away('edsger', '2026-12-01T08:00', '2026-12-01T17:00');
    const a2 = away('edsger', '2026-12-02T08:00', '2026-12-02T17:00');
    const desk = after(a1, a2);
    const cancel = planCancelAway({
      who: 'edsger',
      now,
      zone,
      primary: 'katherine',
      backup: 'ada',
      desk,
      template: template('away-cancel'),
    });
    expect(cancel.text).toBe(
      '**Back:** @edsger withdrew the away notice for Wed Dec 2, 08:00 PST until Wed Dec 2, 17:00 PST and is at their desk as planned. @katherine @ada',
    );
    expect(parseMarker(cancel.body)).toMatchObject({ kind: 'away-cancel', who: 'edsger', cancels: a2.key });
    expect(after(a1, a2, cancel).away.map((a) => a.key)).toEqual([a1.key]);
    expect(() =>
      planCancelAway({ who: 'grace', now, zone, primary: 'katherine', backup: 'ada', desk, template: template('away-cancel') }),
    ).toThrow(/@grace has no away notice/);
  });
});

describe('delegations (by mutual agreement, docs/process.md#delegation)', () => {
  const shift = { login: 'katherine', start: t('2026-11-30T00:00'), end: t('2026-12-07T00:00') };
  const base = { shift, mayDelegate: ['katherine'], now, zone, team, away: [], template: template('delegate') };
  const delegate = (to: string, start: string, until: string, desk = empty(), proposer = 'katherine') =>
    planDelegate({ ...base, proposer, to, start: t(start), until: t(until), desk });
  /** The desk after these posts, each by its own author, a minute apart. */
  const thread = (...posts: DeskPost[]): DeskState =>
    readDesk(posts.map((p, i): DeskRecord => ({ marker: parseMarker(p.body)!, createdAt: now + i * 60_000, author: p.author ?? null })));
  const answer = (answer: 'accept' | 'decline' | 'cancel', who: string, desk: DeskState, at = now + 3_600_000) =>
    planDelegationAnswer({ answer, who, now: at, zone, desk, valid: () => true, template: template(`delegate-${answer}`) });

  it('is a proposal: @mentions the delegate, says nothing changes until they accept, and carries a trusted marker by its proposer', () => {
    const p = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    expect(p.text).toBe(
      "**Delegation proposed:** @katherine asks @ada to act as Primary from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST. Nothing changes until @ada accepts, with `visit-sre delegate --accept` (or `--decline`); then @ada owns new inquiries and gets the Primary's notifications meanwhile.",
    );
    expect([p.mentions, p.author]).toEqual([['ada'], 'katherine']);
    expect(parseMarker(p.body)).toMatchObject({
      kind: 'delegate',
      from: 'katherine',
      to: 'ada',
      start: '2026-11-30T21:00:00Z',
      until: '2026-11-30T23:00:00Z',
      shift: '2026-11-30T08:00:00Z',
    });
    expect(thread(p).delegations).toMatchObject([{ to: 'ada', state: 'proposed', acceptedAt: null }]);
  });

  it('say to whom and until when, in the team zone: the proposal, and each answer', () => {
    // now is Mon Nov 30, 09:00 PST; the answers come an hour later
    const p = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    expect(p.done).toBe(
      'asked @ada to act as Primary for @katherine from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST (in 6 hours); nothing changes until @ada accepts',
    );
    expect(p.reason).toBe(
      'propose that @ada act as Primary for @katherine from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST (in 6 hours)',
    );
    const proposed = thread(p);
    expect(answer('accept', 'ada', proposed).done).toBe(
      '@ada acts as Primary for @katherine from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST (in 5 hours)',
    );
    expect(answer('accept', 'ada', proposed, t('2026-11-30T14:00')).done).toBe(
      '@ada acts as Primary for @katherine from now until Mon Nov 30, 15:00 PST (in 1 hour)',
    );
    expect(answer('decline', 'ada', proposed).done).toBe(
      "declined @katherine's proposal (from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST (in 5 hours)): the Primary role stays with @katherine",
    );
    expect(answer('cancel', 'katherine', proposed).done).toMatch(
      /^withdrew the proposal from @katherine to @ada \(from Mon Nov 30, 13:00 PST /,
    );
    const running = thread(p, answer('accept', 'ada', proposed));
    expect(answer('cancel', 'ada', running, t('2026-11-30T14:00')).done).toBe(
      'ended the delegation from @katherine to @ada (it was to run until Mon Nov 30, 15:00 PST): @katherine is Primary again from now',
    );
  });

  it.each([
    ['the Backup', ['katherine'], 'ada'],
    ['a developer off duty', ['katherine'], 'alan'],
    ['the Primary who is away (the Backup stands in)', ['ada'], 'katherine'],
  ])('refuses a proposal by %s: only the acting Primary may propose', (_who, mayDelegate, proposer) => {
    expect(() =>
      planDelegate({
        ...base,
        mayDelegate,
        proposer,
        to: 'grace',
        start: t('2026-11-30T13:00'),
        until: t('2026-11-30T15:00'),
        desk: empty(),
      }),
    ).toThrow(
      new RegExp(
        `^only the acting Primary may propose a delegation: at Mon Nov 30, 13:00 PST that is @${mayDelegate[0]}, not @${proposer}$`,
      ),
    );
  });

  it('whoever stands in for an away Primary may propose', () => {
    const p = planDelegate({
      ...base,
      mayDelegate: ['katherine', 'ada'],
      proposer: 'ada',
      to: 'grace',
      start: now,
      until: now + 3_600_000,
      desk: empty(),
    });
    expect(parseMarker(p.body)).toMatchObject({ from: 'ada', to: 'grace' });
  });

  it('the delegate accepts the latest proposal addressed to them; the answer @mentions the Primary and names the proposal', () => {
    const first = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const second = delegate('ada', '2026-12-01T13:00', '2026-12-01T15:00');
    const a = answer('accept', 'ada', thread(first, second));
    expect(a.text).toBe(
      '**Delegation accepted:** @ada acts as Primary for @katherine from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST. Either of them ends it early with `visit-sre delegate --cancel`.',
    );
    expect(a.mentions).toEqual(['katherine']);
    expect(parseMarker(a.body)).toMatchObject({ kind: 'delegate-accept', proposal: second.key, key: `delegate-accept:${second.key}` });
    const after = thread(first, second, a);
    expect(after.delegations.map((d) => [d.key, d.state])).toEqual([
      [first.key, 'proposed'],
      [second.key, 'accepted'],
    ]);
    expect(answer('accept', 'ada', after).alreadyPosted).toBe(true);
  });

  it('an answer from anyone but the delegate is ignored by the reader, and refused by the plan', () => {
    const p = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const forged = { ...answer('accept', 'ada', thread(p)), author: 'alan' };
    expect(thread(p, forged).delegations[0]!.state).toBe('proposed');
    expect(() => answer('accept', 'alan', thread(p))).toThrow(/^no delegation proposal to @alan is waiting for an answer$/);
  });

  it('a proposal posted by someone other than its named proposer is ignored', () => {
    const p = { ...delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00'), author: 'alan' };
    expect(thread(p).delegations).toEqual([]);
  });

  it('the delegate may decline; either of them may cancel, which ends it at once', () => {
    const p = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const no = answer('decline', 'ada', thread(p));
    expect(no.text).toMatch(
      /^\*\*Delegation declined:\*\* @ada cannot act as Primary for @katherine .*; the role stays with @katherine\.$/,
    );
    expect(thread(p, no).delegations[0]).toMatchObject({ state: 'declined' });
    const yes = answer('accept', 'ada', thread(p));
    for (const who of ['katherine', 'ada']) {
      const c = answer('cancel', who, thread(p, yes), t('2026-11-30T14:00'));
      expect(c.mentions).toEqual([who === 'ada' ? 'katherine' : 'ada']);
      expect(c.text).toMatch(/ends the delegation from @katherine to @ada .*The Primary role is @katherine's again from now\.$/);
      expect(thread(p, yes, { ...c, author: who }).delegations[0]).toMatchObject({ state: 'cancelled' });
    }
    expect(() => answer('cancel', 'alan', thread(p, yes))).toThrow(/^@alan has no delegation to cancel/);
  });

  it('a proposal again after a decline is a new proposal with its own key', () => {
    const p = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const again = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00', thread(p, answer('decline', 'ada', thread(p))));
    expect([again.key, again.alreadyPosted]).toEqual([`${p.key}#2`, false]);
    expect(delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00', thread(p)).alreadyPosted).toBe(true);
  });

  it('once accepted, a later proposal for the same shift replaces an overlapping one, and says so beforehand', () => {
    const first = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const ok = answer('accept', 'ada', thread(first), now);
    const second = delegate('grace', '2026-11-30T14:00', '2026-11-30T17:00', thread(first, ok));
    expect(second.text).toMatch(
      /\nOnce accepted, this replaces the delegation to @ada from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST\.$/,
    );
    expect(second.mentions).toEqual(['grace', 'ada']);
    expect(thread(first, ok, second).delegations.map((d) => d.state)).toEqual(['accepted', 'proposed']);
    const yes = { ...answer('accept', 'grace', thread(first, ok, second)), author: 'grace' };
    expect(thread(first, ok, second, yes).delegations.map((d) => d.state)).toEqual(['replaced', 'accepted']);
    expect(delegate('grace', '2026-12-01T14:00', '2026-12-01T17:00', thread(first, ok)).text).not.toMatch(/replaces/);
  });

  it('a proposal that expired unaccepted is told once to its Primary; accepted or declined ones are not', () => {
    const open = delegate('ada', '2026-11-30T13:00', '2026-11-30T15:00');
    const declined = delegate('grace', '2026-11-30T15:00', '2026-11-30T16:00');
    const desk = thread(open, declined, { ...answer('decline', 'grace', thread(open, declined)), author: 'grace' });
    const notices = (at: string) =>
      expiredProposalNotices(desk, t('2026-11-30T00:00'), t(at), () => true, zone, template('delegate-expired')).map((n) => [n.key, n.to]);
    expect(notices('2026-11-30T14:59')).toEqual([]);
    expect(notices('2026-11-30T15:00')).toEqual([[`delegate-expired:${open.key}`, ['katherine']]]);
    const [n] = expiredProposalNotices(desk, t('2026-11-30T00:00'), t('2026-11-30T16:30'), () => true, zone, template('delegate-expired'));
    expect(n!.title).toBe(
      'The delegation katherine proposed to ada from Mon Nov 30, 13:00 PST until Mon Nov 30, 15:00 PST expired before ada accepted it: the Primary role stayed with katherine.',
    );
    expect(
      expiredProposalNotices(desk, t('2026-11-30T00:00'), t('2026-11-30T16:30'), () => false, zone, template('delegate-expired')),
    ).toEqual([]);
  });

  it('ends with the Primary shift at the latest', () => {
    const p = delegate('ada', '2026-12-04T13:00', '2026-12-08T12:00');
    expect(parseMarker(p.body)).toMatchObject({ until: '2026-12-07T08:00:00Z' });
    expect(p.notes[0]).toBe("the delegation ends with @katherine's shift, at Mon Dec 7, 00:00 PST");
  });

  it('warns when the delegate is away during it', () => {
    const p = planDelegate({
      ...base,
      proposer: 'katherine',
      to: 'grace',
      start: t('2026-12-01T08:00'),
      until: t('2026-12-01T17:00'),
      desk: empty(),
      away: [{ login: 'grace', from: t('2026-12-01T10:00'), until: t('2026-12-01T11:00'), source: 'team' }],
    });
    expect(p.notes.join('\n')).toMatch(/@grace is away during part of it/);
  });

  it.each([
    ['to the Primary', 'katherine', /@katherine is the Primary/],
    ['to someone not on the team', 'zed', /--to @zed is not on the team/],
  ])('refuses a delegation %s', (_name, to, message) => {
    expect(() => delegate(to, '2026-11-30T13:00', '2026-11-30T15:00')).toThrow(message);
  });

  it('refuses when nobody is Primary', () => {
    expect(() =>
      planDelegate({ ...base, shift: null, proposer: 'katherine', to: 'ada', start: now, until: now + 3_600_000, desk: empty() }),
    ).toThrow(/nobody on the team is Primary/);
  });
});

describe('swap announcements', () => {
  it('read as before, @mention both people whose shift changed, and are keyed by the new SEQUENCE', () => {
    const p = planSwapAnnouncement({
      role: 'primary',
      monday: '2026-12-07',
      weekLabel: '2026-W50',
      to: { login: 'grace', name: 'Grace Hopper' },
      from: 'ada',
      broken: ['@grace is Primary the week after'],
      sequence: 2,
      desk: empty(),
      template: template('swap'),
    });
    expect(p.text).toBe(
      'SRE rotation change: Primary for the week of Mon Dec 7 (2026-W50) is now @grace (Grace Hopper), taking over from @ada. Note: @grace is Primary the week after. Calendars subscribed to the rotation update by themselves.',
    );
    expect(p.mentions).toEqual(['grace', 'ada']);
    expect(p.key).toBe('swap:2026-W50:primary:grace:2');
  });
});

describe('classified requests', () => {
  const request = (desk = empty(), handler = 'edsger', loggedAt = now) =>
    planClassifiedRequest({
      neededBy: t('2026-12-01T15:00'),
      handler,
      loggedAt,
      zone,
      team,
      desk,
      template: template('classified-request'),
    });

  it('carry no content: only the time needed and who has access', () => {
    const p = request();
    expect(p.text).toBe(
      '**Classified inquiry 1:** someone with access is needed by Tue Dec 1, 15:00 PST. @ada @alan: please claim it with `visit-sre claim 1`, then @edsger will hand it to you off GitHub.',
    );
    expect(p.mentions).toEqual(['ada', 'alan']);
    expect(parseMarker(p.body)).toEqual({
      v: 1,
      kind: 'classified',
      number: 1,
      neededBy: '2026-12-01T23:00:00Z',
      handler: 'edsger',
      access: ['ada', 'alan'],
      key: 'classified:edsger:2026-11-30T17:00:00Z',
    });
  });

  it('are numbered after those on the thread, and a re-run keeps its number', () => {
    const first = request();
    const second = request(after(first), 'ada', now + 60_000);
    expect(second.text).toMatch(/^\*\*Classified inquiry 2:\*\*.* @alan: please claim it with `visit-sre claim 2`, then @ada/);
    expect(request(after(first, second)).text).toMatch(/inquiry 1:/);
    expect(request(after(first, second)).alreadyPosted).toBe(true);
  });

  it('refuse when nobody has access', () => {
    expect(() =>
      planClassifiedRequest({
        neededBy: now,
        handler: 'ada',
        loggedAt: now,
        zone,
        team: team.map((m) => ({ ...m, classifiedAccess: false })),
        desk: empty(),
        template: template('classified-request'),
      }),
    ).toThrow(/classifiedAccess/);
  });

  it('are claimed by N, or without N when only one is open; the first claim wins', () => {
    const r1 = request();
    const claim = planClaim({ who: 'alan', team, desk: after(r1), zone, template: template('classified-claim') });
    expect(claim.text).toBe('**Classified inquiry 1** is claimed by @alan. @edsger: please hand it over off GitHub.');
    expect(claim.mentions).toEqual(['edsger']);
    const r2 = request(after(r1), 'katherine', now + 60_000);
    expect(() => planClaim({ who: 'alan', team, desk: after(r1, r2), zone, template: template('classified-claim') })).toThrow(
      /2 classified inquiries are open: 1, 2/,
    );
    expect(
      planClaim({ number: 2, who: 'ada', team, desk: after(r1, claim, r2), zone, template: template('classified-claim') }).mentions,
    ).toEqual(['katherine']);
    expect(() => planClaim({ number: 1, who: 'ada', team, desk: after(r1, claim), zone, template: template('classified-claim') })).toThrow(
      /already claimed by @alan/,
    );
    expect(
      planClaim({ number: 1, who: 'alan', team, desk: after(r1, claim), zone, template: template('classified-claim') }).alreadyPosted,
    ).toBe(true);
    expect(() => planClaim({ number: 1, who: 'grace', team, desk: after(r1), zone, template: template('classified-claim') })).toThrow(
      /@grace is not marked "classifiedAccess"/,
    );
    expect(() => planClaim({ number: 9, who: 'ada', team, desk: after(r1), zone, template: template('classified-claim') })).toThrow(
      /no classified inquiry 9/,
    );
  });

  it('say who holds a claim and since when; a second claim of the only one names them, a repeat by the holder is the same claim', () => {
    const r1 = request();
    const claim = planClaim({ who: 'alan', team, desk: after(r1), zone, template: template('classified-claim') });
    expect(claim.done).toBe('@alan claimed classified inquiry 1; @edsger is asked to hand it over off GitHub');
    expect(claim.reason).toBe('claim classified inquiry 1 for @alan');
    const held = after(r1, claim); // the claim was posted a minute after the request: 09:01 PST
    const plan = (who: string, number?: number) =>
      planClaim({ ...(number ? { number } : {}), who, team, desk: held, zone, template: template('classified-claim') });
    expect(() => plan('ada')).toThrow(
      /^no classified inquiry is waiting for a claim: inquiry 1 is already claimed by @alan since Mon Nov 30, 09:01 PST$/,
    );
    expect(() => plan('ada', 1)).toThrow(/^classified inquiry 1 is already claimed by @alan since Mon Nov 30, 09:01 PST$/);
    for (const again of [plan('alan'), plan('alan', 1)])
      expect(again).toMatchObject({
        alreadyPosted: true,
        already: 'classified inquiry 1 is already claimed by @alan since Mon Nov 30, 09:01 PST',
      });
  });

  it('notify reminds the members with access once, when the time is near and nobody has claimed it', () => {
    const r1 = request();
    const remind = (at: string, desk: DeskState) => classifiedReminders(desk, t(at), cal, 60, zone, template('classified-reminder'));
    expect(remind('2026-12-01T13:59', after(r1))).toEqual([]);
    expect(remind('2026-12-01T14:00', after(r1))).toEqual([
      {
        key: `classified-reminder:${r1.key}`,
        number: 1,
        to: ['ada', 'alan'],
        text: 'Classified inquiry 1 is still unclaimed and needed by Tue Dec 1, 15:00 PST: claim it with `visit-sre claim 1`',
      },
    ]);
    expect(remind('2026-12-02T09:00', after(r1))).toHaveLength(1);
    const claimed = after(r1, planClaim({ who: 'ada', team, desk: after(r1), zone, template: template('classified-claim') }));
    expect(remind('2026-12-01T14:30', claimed)).toEqual([]);
    const reminded = readDesk([
      ...after(r1).requests.map((r) => ({
        marker: {
          v: 1 as const,
          kind: 'classified' as const,
          number: r.number,
          neededBy: new Date(r.neededBy).toISOString(),
          handler: r.handler,
          access: r.access,
          key: r.key,
        },
        createdAt: now,
      })),
      { marker: { v: 1, kind: 'notify' as never, keys: [`classified-reminder:${r1.key}`] }, createdAt: now + 1 },
    ]);
    expect(remind('2026-12-01T14:30', reminded)).toEqual([]);
  });
});

describe('a contact that reached someone other than the acting Primary', () => {
  it('tells the acting Primary, and whether the clock runs for them', () => {
    const p = planMisdirected({
      number: 42,
      url: 'https://github.com/o/r/discussions/42',
      receiver: 'edsger',
      owner: 'katherine',
      answered: false,
      desk: empty(),
      template: template('misdirected'),
    });
    expect(p.text).toBe(
      '**Contact for the Primary:** @edsger logged a contact that reached them, and it is yours, @katherine: #42 (https://github.com/o/r/discussions/42). Nobody has answered the customer yet: the response clock runs for you.',
    );
    expect(p.mentions).toEqual(['katherine']);
    expect(
      planMisdirected({
        number: 42,
        url: 'u',
        receiver: 'edsger',
        owner: 'katherine',
        answered: true,
        desk: empty(),
        template: template('misdirected'),
      }).text,
    ).toMatch(/@edsger has answered the customer already\.$/);
  });
});

it('no template placeholder is left unfilled, and an unknown one names the file', () => {
  expect(() =>
    planCancelAway({
      who: 'ada',
      now,
      zone,
      primary: null,
      backup: null,
      desk: after(away('ada', '2026-12-01T08:00', '2026-12-01T17:00')),
      template: { text: 'Back {{whom}}', source: 'my.md' },
    }),
  ).toThrow(/unknown placeholder \{\{whom\}\} in my\.md/);
});
