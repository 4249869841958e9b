import { describe, expect, it } from 'vitest';
import { choiceText, planEscalate } from '../../../src/core/plans/escalate.js';
import type { Discussion } from '../../../src/core/conversation.js';
import { assess } from '../../../src/core/conversation.js';
import { discussion, marker, members, policyOf, team, weeks } from '../../support/domain.js';

const timeline = weeks(['ada', 'bob'], ['cho', 'dee'], ['dee', 'eli']);
const policy = policyOf(timeline);
const TUESDAY = Date.parse('2026-12-01T19:00:00Z'); // cho Primary, dee Backup
const asked = (to: string[], at: string) => ({
  at,
  who: 'cho',
  body: `${to.map((l) => `@${l}`).join(' ')}, could you help?\n\n${marker('escalation', { to })}`,
});

function plan(d: Discussion, to: string[] = [], now = TUESDAY, acting?: { primary: string | null; backup: string | null }) {
  return planEscalate(
    { now, discussion: d, assessment: assess(d, policy, now), team, members, timeline, ...(acting ? { acting } : {}) },
    { to, reason: 'Silo internals' },
  );
}
const declined = (who: string, at: string, until?: string) => ({
  at,
  who,
  body: `@cho: @${who} can't take this one on.\n\n${marker('decline', { who, ...(until ? { until } : {}) })}`,
});
const fresh = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' });

describe('escalation plan', () => {
  it('the first escalation asks the Backup on duty, with a keyed escalation marker', () => {
    const p = plan(fresh);
    if (p.choose) throw new Error('asked to choose');
    const step = p.actions[0]!.steps[0]!;
    expect(step).toMatchObject({ op: 'comment', key: 'escalation/dee', windowMs: 15 * 60_000 });
    expect(step.op === 'comment' && step.body).toMatch(
      /^@dee, could you help with this one\?\n\nSilo internals\n\n<!-- visit-sre \{"v":1,"kind":"escalation","to":\["dee"\],"reason":"Silo internals","key":"escalation\/dee"\} -->$/,
    );
  });

  it('a re-run within 15 minutes with the same people is the same escalation', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [asked(['dee'], '2026-12-01T18:50:00Z')]);
    const p = plan(d);
    expect(!p.choose && p.actions[0]).toMatchObject({ skip: 'already escalated to @dee minutes ago', url: d.messages[1]!.url });
  });

  it('a later escalation without --to offers only those not yet asked, neither the Primary nor the owner', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [asked(['dee'], '2026-12-01T16:00:00Z')]);
    const p = plan(d);
    expect(p.choose?.asked).toEqual(['dee']);
    expect(p.choose?.candidates.map((m) => m.login)).toEqual(['ada', 'bob', 'eli']);
  });

  it('the people given are asked even when asked before, after the 15 minutes', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [asked(['dee'], '2026-12-01T16:00:00Z')]);
    const p = plan(d, ['dee', 'ada']);
    expect(!p.choose && p.actions[0]!.key).toBe('escalation/ada,dee');
  });

  it('a resolved discussion is not escalated', () => {
    const p = plan(discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [], { isAnswered: true }));
    expect(!p.choose && p.actions[0]).toMatchObject({ skip: 'already resolved' });
  });

  it('when everyone was asked, it says to pass --to', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [asked(['dee', 'ada', 'bob', 'eli'], '2026-12-01T16:00:00Z')]);
    expect(() => plan(d)).toThrow(/everyone on the team has been asked about #101 already/);
  });

  it('someone not on the team is allowed, with a warning', () => {
    const p = plan(fresh, ['guest']);
    expect(!p.choose && p.warnings).toEqual(['@guest is not on the team']);
  });

  it('a second escalation does not propose a developer who declined it', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      asked(['dee'], '2026-12-01T16:00:00Z'),
      asked(['ada'], '2026-12-01T16:20:00Z'),
      declined('ada', '2026-12-01T16:30:00Z'),
    ]);
    const p = plan(d);
    expect(p.choose?.candidates.map((m) => m.login)).toEqual(['bob', 'eli']);
    expect(choiceText(101, p.choose!)).toBe('#101 was escalated before (to @dee, @ada), and @ada declined it; choose who to ask next');
  });

  it('a deferral counts only until its time; asking someone who declined, by name, warns', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      asked(['dee'], '2026-12-01T16:00:00Z'),
      declined('dee', '2026-12-01T16:30:00Z', '2026-12-02T17:00:00Z'),
    ]);
    expect(!plan(d, ['dee']).choose && (plan(d, ['dee']) as { warnings: string[] }).warnings).toEqual([
      '@dee declined #101; asking again as you named them',
    ]);
    const later = plan(d, ['dee'], Date.parse('2026-12-02T17:00:00Z'));
    expect(!later.choose && later.warnings).toEqual([]);
  });

  it('the first escalation skips an acting Backup who declined, and says so', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [declined('dee', '2026-12-01T17:30:00Z')]);
    const p = plan(d);
    expect(p.choose).toMatchObject({ why: 'backup-declined', backup: 'dee' });
    expect(choiceText(101, p.choose!)).toBe('@dee (the acting Backup) declined #101; choose who to ask instead');
  });

  it('with no acting Backup it says so and asks for a choice; it never claims an escalation that did not happen', () => {
    const p = plan(fresh, [], TUESDAY, { primary: 'ada', backup: null });
    expect(p.choose).toMatchObject({ why: 'no-backup', asked: [] });
    expect(p.choose?.candidates.map((m) => m.login)).toEqual(['bob', 'dee', 'eli']);
    const text = choiceText(101, p.choose!);
    expect(text).toMatch(/^nobody can act as Backup now/);
    expect(text).not.toMatch(/escalated before/);
  });

  it.each([
    ['the acting Backup by default', [], undefined, 'the acting Backup @dee'],
    ['a stand-in Backup while dee is away', [], { primary: 'cho', backup: 'eli' }, 'the acting Backup @eli'],
    [
      'the people named, each with the role they hold',
      ['ada', 'dee', 'cho'],
      undefined,
      '@ada, the acting Backup @dee and the acting Primary @cho',
    ],
  ])('the result says whom it asked: %s', (_name, to, acting, whom) => {
    const p = plan(fresh, to, TUESDAY, acting);
    if (p.choose) throw new Error('asked to choose');
    expect(p.actions[0]).toMatchObject({ doneText: `asked ${whom} for help`, plannedText: `would ask ${whom} for help` });
  });
});
