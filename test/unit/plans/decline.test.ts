import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planDecline } from '../../../src/core/plans/decline.js';
import { declinedNow } from '../../../src/core/plans/escalate.js';
import type { Discussion } from '../../../src/core/conversation.js';
import { assess, turnsOf } from '../../../src/core/conversation.js';
import { postmortemModel } from '../../../src/core/postmortem.js';
import { parseMarker } from '../../../src/core/markers.js';
import { discussion, marker, policyOf, team, weeks } from '../../support/domain.js';

const timeline = weeks(['ada', 'bob'], ['cho', 'dee'], ['dee', 'eli']);
const policy = policyOf(timeline);
const TUESDAY = Date.parse('2026-12-01T19:00:00Z'); // cho Primary, dee Backup
const source = new URL('../../../templates/decline.md', import.meta.url);
const template = { text: readFileSync(source, 'utf8'), source: source.pathname };
const asked = (to: string[], at: string) => ({ at, who: 'cho', body: `help?\n\n${marker('escalation', { to })}` });
const enlisted = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [asked(['dee'], '2026-12-01T18:00:00Z')]);

function plan(d: Discussion, who = 'dee', flags: { until?: number; reason?: string } = {}, actingPrimary: string | null = 'cho') {
  return planDecline(
    {
      now: TUESDAY,
      zone: 'America/Los_Angeles',
      discussion: d,
      assessment: assess(d, policy, TUESDAY),
      team,
      who,
      actingPrimary,
      template,
    },
    flags,
  );
}
const bodyOf = (p: ReturnType<typeof plan>) => {
  const step = p.actions[0]!.steps[0]!;
  return step.op === 'comment' && typeof step.body === 'string' ? step.body : '';
};

describe('decline plan (docs/process.md#escalation)', () => {
  it('one comment @mentioning the acting Primary, with a trusted decline marker keyed by the escalation it answers', () => {
    const p = plan(enlisted, 'dee', { reason: 'on a deadline', until: Date.parse('2026-12-03T17:00:00Z') });
    expect(p.actions).toHaveLength(1);
    expect(bodyOf(p)).toMatch(
      /^@cho: @dee can't take this one on before Thu Dec 3, 09:00 PST; please ask someone else\.\n> on a deadline\n\n<!-- /,
    );
    expect(parseMarker(bodyOf(p))).toMatchObject({
      kind: 'decline',
      who: 'dee',
      until: '2026-12-03T17:00:00Z',
      reason: 'on a deadline',
      key: 'decline/dee/2026-12-01T18:00:00Z',
    });
  });

  it('a re-run posts nothing; a later escalation can be declined again', () => {
    const body = bodyOf(plan(enlisted));
    const once = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      asked(['dee'], '2026-12-01T18:00:00Z'),
      { at: '2026-12-01T18:30:00Z', who: 'dee', body },
    ]);
    expect(plan(once).actions[0]).toMatchObject({ skip: 'already declined by @dee' });
    const again = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      asked(['dee'], '2026-12-01T18:00:00Z'),
      { at: '2026-12-01T18:30:00Z', who: 'dee', body },
      asked(['dee', 'bob'], '2026-12-01T18:50:00Z'),
    ]);
    expect(plan(again).actions[0]!.skip).toBeUndefined();
  });

  it('is the enlisted only: someone no escalation asked is refused, saying who was', () => {
    expect(() => plan(enlisted, 'bob')).toThrow(/^@bob was not asked about #101/);
    expect(() => plan(discussion(102, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }), 'bob')).toThrow(/was not asked/);
  });

  it('an --until in the past is refused', () => {
    expect(() => plan(enlisted, 'dee', { until: TUESDAY - 60_000 })).toThrow(/is not in the future/);
  });

  it('is bookkeeping: the response clock keeps running, and the timeline shows it', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      asked(['dee'], '2026-12-01T18:00:00Z'),
      { at: '2026-12-01T18:30:00Z', who: 'dee', body: bodyOf(plan(enlisted, 'dee', { reason: 'deadline' })) },
    ]);
    expect(turnsOf(d, team).map((t) => t.side)).toEqual(['user']);
    expect(assess(d, policy, TUESDAY).state).toBe('waiting-on-team');
    expect(postmortemModel(d, policy, TUESDAY).milestones.map((m) => m.what)).toContain('Declined by @dee: deadline');
    expect([...declinedNow(d, team, TUESDAY)]).toEqual(['dee']);
  });
});
