import { describe, expect, it } from 'vitest';
import { handoffSummary, leftBehind, planHandoff } from '../../../src/core/plans/handoff.js';
import type { HandoffFacts, HandoffFlags } from '../../../src/core/plans/handoff.js';
import type { Discussion } from '../../../src/core/conversation.js';
import { discussion, judged, marker, policyOf, team, weeks, ZONE } from '../../support/domain.js';

const timeline = weeks(['ada', 'bob'], ['cho', 'dee'], ['dee', 'eli'], ['eli', 'ada']);
const policy = policyOf(timeline);
const FRIDAY = Date.parse('2026-12-05T01:00:00Z'); // Fri Dec 4, 17:00 Pacific, in cho's week
const MONDAY = Date.parse('2026-12-07T17:00:00Z'); // Mon Dec 7, 09:00 Pacific, an hour into dee's week
const template = {
  text: 'Hi {{user}}, {{next_primary}} takes over from {{from}} (backup {{next_backup}}) for {{week}} ({{week_start}}): {{state}}.',
  source: 'test.md',
};
const keepTemplate = { text: 'Hi {{user}}, {{from}} keeps this for {{week}} ({{week_start}}).', source: 'keep.md' };

// Asked on Tuesday of cho's week, so cho owns them.
const waiting = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' });
const answered = discussion(102, { at: '2026-12-01T18:00:00Z', who: 'mk' }, [{ at: '2026-12-01T19:00:00Z', who: 'cho' }]);
const adasOld = discussion(103, { at: '2026-11-24T17:00:00Z', who: 'old' });

function plan(ds: Discussion[], flags: Partial<HandoffFlags> = {}, now = FRIDAY, viewer: string | null = null) {
  const facts: HandoffFacts = {
    now,
    zone: ZONE,
    discussions: ds,
    assessments: judged(ds, policy, now),
    team,
    members: ['ada', 'bob', 'cho', 'dee', 'eli'],
    timeline,
    viewer,
    template,
    keepTemplate,
  };
  return { facts, plan: planHandoff(facts, { keep: new Set(), ...flags }) };
}
const bodyOf = (p: ReturnType<typeof planHandoff>, n: number) => {
  const step = p.actions.find((a) => a.number === n)!.steps[0]!;
  return step.op === 'comment' && typeof step.body === 'string' ? step.body : '';
};

const behindFacts = (ds: Discussion[]) => ({
  timeline,
  now: MONDAY,
  zone: ZONE,
  assessments: judged(ds, policy, MONDAY),
  discussions: ds,
  team,
});

describe('handoff plan', () => {
  it('hands each unresolved discussion of the outgoing Primary to the Primary and Backup of the next shift', () => {
    const { plan: p } = plan([waiting, answered, adasOld]);
    expect([p.from, p.to, p.backup, p.week]).toEqual(['cho', 'dee', 'eli', '2026-W50']);
    expect(p.actions.map((a) => [a.number, a.skip ?? 'post'])).toEqual([
      [101, 'post'],
      [102, 'post'],
    ]);
    expect(bodyOf(p, 101)).toMatch(
      /^Hi @jdoe, @dee takes over from @cho \(backup @eli\) for 2026-W50 \(Dec 7\): waiting for our answer \(overdue\)\./,
    );
  });

  it('every handoff comment carries the key of this week and this Primary in its marker', () => {
    const { plan: p } = plan([waiting]);
    expect(p.actions[0]!.key).toBe('handoff/2026-W50/cho');
    expect(bodyOf(p, 101)).toMatch(
      /<!-- visit-sre \{"v":1,"kind":"handoff","to":"dee","from":"cho","week":"2026-W50","backup":"eli","key":"handoff\/2026-W50\/cho"\} -->$/,
    );
  });

  it('--keep leaves a discussion with the outgoing Primary, and a keep note with a keyed keep marker on it', () => {
    const { plan: p } = plan([waiting, answered], { keep: new Set([102]) });
    expect(p.actions.find((a) => a.number === 102)).toMatchObject({ kind: 'keep', key: 'keep/2026-W50/cho' });
    expect(bodyOf(p, 102)).toBe(
      `Hi @mk, @cho keeps this for 2026-W50 (Dec 7).\n\n${marker('keep', { from: 'cho', week: '2026-W50', key: 'keep/2026-W50/cho' })}`,
    );
  });

  it('--keep on a discussion already kept for the same week posts no second note', () => {
    const kept = discussion(102, { at: '2026-12-01T18:00:00Z', who: 'mk' }, [
      { at: '2026-12-01T19:00:00Z', who: 'cho' },
      { at: '2026-12-04T20:00:00Z', who: 'cho', body: `kept\n\n${marker('keep', { from: 'cho', week: '2026-W50' })}` },
    ]);
    const { plan: p } = plan([kept], { keep: new Set([102]) });
    expect(p.actions).toEqual([
      expect.objectContaining({ number: 102, kind: 'keep', skip: 'already kept by @cho for 2026-W50', steps: [] }),
    ]);
  });

  it('a discussion handed over earlier for the same week is skipped, not posted again', () => {
    const handed = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      { at: '2026-12-04T20:00:00Z', who: 'cho', body: `over\n\n${marker('handoff', { to: 'dee', from: 'cho', week: '2026-W50' })}` },
    ]);
    const { plan: p } = plan([handed]);
    expect(p.actions).toEqual([expect.objectContaining({ number: 101, skip: 'already handed to @dee for 2026-W50' })]);
  });

  it('resolved discussions and those of other owners are not handed over', () => {
    const done = discussion(104, { at: '2026-12-01T17:00:00Z', who: 'u' }, [], { isAnswered: true });
    const { plan: p } = plan([done, adasOld]);
    expect(p.actions).toEqual([]);
  });

  it("a Monday handoff by last week's Primary hands last week's shift to this week's Primary", () => {
    const { plan: p } = plan([waiting], {}, MONDAY, 'cho');
    expect([p.from, p.to, p.backup, p.week]).toEqual(['cho', 'dee', 'eli', '2026-W50']);
    expect(p.warnings).toEqual([]);
  });

  it("--from last week's Primary hands to the Primary and Backup of the shift after theirs", () => {
    const { plan: p } = plan([waiting], { from: 'cho' }, MONDAY, null);
    expect([p.from, p.to, p.backup, p.week]).toEqual(['cho', 'dee', 'eli', '2026-W50']);
    expect(bodyOf(p, 101)).toMatch(/@dee takes over from @cho \(backup @eli\) for 2026-W50 \(Dec 7\)/);
  });

  it('run on Monday by someone else, the shift just begun is the outgoing one, with a warning', () => {
    const { plan: p } = plan([], {}, MONDAY, 'ada');
    expect([p.from, p.to, p.week]).toEqual(['dee', 'eli', '2026-W51']);
    expect(p.warnings.join()).toMatch(/began 1 h ago, so @dee is taken as the outgoing Primary; pass --from LOGIN/);
  });

  it('a logged call greets the customer by name, never the team member who logged it', () => {
    const call = discussion(
      105,
      {
        at: '2026-12-01T17:00:00Z',
        who: 'dee',
        body: `**Inquiry logged**\n\n- Customer: Jane Smith <jane@lab.gov>\n\n${marker('contact', { via: 'hotline', at: '2026-12-01T16:30:00Z', id: 'c-1', customer: 'Jane Smith' })}`,
      },
      [{ at: '2026-12-02T17:00:00Z', who: 'jane-s' }],
    );
    const { plan: p } = plan([call]);
    expect(bodyOf(p, 105)).toMatch(/^Hi Jane Smith, /);
    expect(bodyOf(p, 105)).not.toMatch(/@dee,|jane@lab\.gov/);
  });

  it('a deleted author is greeted neutrally', () => {
    const ghost = discussion(106, { at: '2026-12-01T17:00:00Z', who: null });
    expect(bodyOf(plan([ghost]).plan, 106)).toMatch(/^Hi there, /);
  });

  it('the next Primary being the outgoing one is a usage error', () => {
    expect(() => plan([waiting], { to: 'cho' })).toThrow(/@cho is both the outgoing and the next Primary/);
  });

  it('someone not on the team gets a warning, and the handoff still goes to them', () => {
    const { plan: p } = plan([waiting], { to: 'guest' });
    expect(p.to).toBe('guest');
    expect(p.warnings).toContain('@guest is not on the team');
  });

  it('the summary lists as resolved this week what was answered this week, whenever the user last wrote', () => {
    const resolvedNow = discussion(107, { at: '2026-11-02T17:00:00Z', who: 'u' }, [{ at: '2026-11-03T17:00:00Z', who: 'cho' }], {
      isAnswered: true,
      answerChosenAt: Date.parse('2026-12-03T17:00:00Z'),
    });
    const resolvedLong = discussion(108, { at: '2026-11-02T17:00:00Z', who: 'u' }, [{ at: '2026-12-02T17:00:00Z', who: 'u' }], {
      isAnswered: true,
      answerChosenAt: Date.parse('2026-11-04T17:00:00Z'),
    });
    const { facts, plan: p } = plan([resolvedNow, resolvedLong, waiting]);
    const text = handoffSummary(facts, { ...p, keep: new Set(), handed: new Set([101]) });
    const resolved = text.split('### ')[1]!;
    expect(resolved).toMatch(/#107/);
    expect(resolved).not.toMatch(/#108/);
    expect(text).toMatch(/### Handed over to @dee\n\n- \[#101\]/);
  });

  it('the summary lists each section by number, whatever order GitHub listed the discussions in', () => {
    const later = discussion(115, { at: '2026-12-02T17:00:00Z', who: 'jdoe' });
    const middle = discussion(104, { at: '2026-12-03T17:00:00Z', who: 'jdoe' });
    const { facts, plan: p } = plan([later, waiting, middle]);
    const text = handoffSummary(facts, { ...p, keep: new Set(), handed: new Set([101, 104, 115]) });
    const handed = text.split('### Handed over to @dee\n\n')[1]!.split('\n\n')[0]!;
    expect([...handed.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1]))).toEqual([101, 104, 115]);
  });

  it("start warns about the previous Primary's unresolved discussions that were not handed over", () => {
    const handed = discussion(109, { at: '2026-12-01T17:00:00Z', who: 'u' }, [
      { at: '2026-12-04T20:00:00Z', who: 'cho', body: `over\n\n${marker('handoff', { to: 'dee', from: 'cho', week: '2026-W50' })}` },
    ]);
    const ds = [waiting, answered, handed, adasOld];
    const behind = leftBehind(behindFacts(ds));
    expect(behind?.from).toBe('cho');
    expect(behind?.items.map((a) => a.number)).toEqual([101, 102]);
    expect(leftBehind(behindFacts([handed, adasOld]))).toBeNull();
  });

  it('start does not warn about a discussion the previous Primary kept for this shift (keep marker), only about one kept for another week', () => {
    const keptBy = (n: number, week: string) =>
      discussion(n, { at: '2026-12-01T17:00:00Z', who: 'u' }, [
        { at: '2026-12-04T20:00:00Z', who: 'cho', body: `kept\n\n${marker('keep', { from: 'cho', week })}` },
      ]);
    const behind = leftBehind(behindFacts([keptBy(110, '2026-W50'), keptBy(111, '2026-W49')]));
    expect(behind?.items.map((a) => a.number)).toEqual([111]);
  });
});

describe('handoff covers everyone who acted as Primary, and owners off duty (docs/process.md#off-duty-owners)', () => {
  const TUE_1300 = Date.parse('2026-12-01T21:00:00Z');
  const TUE_1500 = Date.parse('2026-12-01T23:00:00Z');
  // eli acted as Primary on Tuesday afternoon (a delegation); otherwise the rota's Primary and Backup act.
  const rota = (t: number) => timeline.find((x) => x.start <= t && t < x.end);
  const actingAt = (t: number) =>
    t >= TUE_1300 && t < TUE_1500
      ? { primary: 'eli', backup: 'dee' }
      : { primary: rota(t)?.primary?.login ?? null, backup: rota(t)?.backup?.login ?? null };
  const acting = { ...policy, primaryAt: (t: number) => actingAt(t).primary };
  const byDelegate = discussion(104, { at: '2026-12-01T21:30:00Z', who: 'kim' });
  const deesOwn = discussion(105, { at: '2026-12-01T17:00:00Z', who: 'lee' }, [
    { at: '2026-12-01T17:30:00Z', who: 'cho', body: `to dee\n\n${marker('handoff', { to: 'dee', from: 'cho', week: '2026-W49' })}` },
  ]);
  const facts = (ds: Discussion[]): HandoffFacts => ({
    now: FRIDAY,
    zone: ZONE,
    discussions: ds,
    assessments: judged(ds, acting, FRIDAY),
    team,
    members: ['ada', 'bob', 'cho', 'dee', 'eli'],
    timeline,
    viewer: 'cho',
    template,
    keepTemplate,
    actingAt,
    actingChanges: [TUE_1300, TUE_1500],
  });

  it("hands the delegate's inquiries and an off-duty owner's, never the next Primary's own", () => {
    const ds = [waiting, adasOld, byDelegate, deesOwn];
    const f = facts(ds);
    expect(f.assessments.map((a) => [a.number, a.owner])).toEqual([
      [101, 'cho'],
      [103, 'ada'],
      [104, 'eli'],
      [105, 'dee'],
    ]);
    const p = planHandoff(f, { keep: new Set() });
    expect(p.actions.map((a) => [a.number, a.skip ?? 'post'])).toEqual([
      [101, 'post'],
      [103, 'post'],
      [104, 'post'],
    ]);
    const step = p.actions.find((a) => a.number === 104)!.steps[0]!;
    expect(step.op === 'comment' && step.body).toMatch(
      /"kind":"handoff","to":"dee","from":"cho","week":"2026-W50","backup":"eli","owner":"eli"/,
    );
  });

  it('without the acting roles, only the Primary’s own, as before', () => {
    const { actingAt: _a, actingChanges: _c, ...rota } = facts([waiting, adasOld, byDelegate]);
    expect(planHandoff(rota, { keep: new Set() }).actions.map((a) => a.number)).toEqual([101]);
  });

  it('an owner who kept it for this week is not off duty; --keep on someone else’s leaves it with them', () => {
    const kept = discussion(103, { at: '2026-11-24T17:00:00Z', who: 'old' }, [
      { at: '2026-11-27T17:00:00Z', who: 'ada', body: `kept\n\n${marker('keep', { from: 'ada', week: '2026-W49' })}` },
    ]);
    expect(planHandoff(facts([waiting, kept]), { keep: new Set() }).actions.map((a) => a.number)).toEqual([101]);
    const p = planHandoff(facts([waiting, adasOld]), { keep: new Set([103]) });
    expect(p.actions.find((a) => a.number === 103)).toMatchObject({
      skip: 'left with @ada, as --keep asks; only @ada can keep it for 2026-W50',
    });
  });
});
