import { describe, expect, it } from 'vitest';
import { planPromote, summarise } from '../../../src/core/plans/promote.js';
import type { PromoteFacts } from '../../../src/core/plans/promote.js';
import { discussion, marker, team } from '../../support/domain.js';

const d = discussion(105, { at: '2026-12-01T17:00:00Z', who: 'hpc-user', body: 'The engine hangs with 512 ranks' }, [
  { at: '2026-12-01T18:00:00Z', who: 'ada', body: 'Can you send the engine logs?' },
  { at: '2026-12-01T19:00:00Z', who: 'ada', body: `over\n\n${marker('handoff', { to: 'bob' })}` },
]);
const facts = (more: Partial<PromoteFacts> = {}): PromoteFacts => ({
  discussion: d,
  team,
  product: 'visit-dav/visit',
  productId: 'R1',
  title: 'Engine hangs',
  reviewedLabel: 'reviewed',
  ...more,
});
const known = { id: 'I202', number: 202, url: 'https://github.com/visit-dav/visit/issues/202', labels: [{ id: 'L9', name: 'reviewed' }] };

describe('promote plan', () => {
  it('the issue body quotes the question and lists what the team tried, without bookkeeping', () => {
    const text = summarise(d, team);
    expect(text).toMatch(/^Promoted from the support discussion .*discussions\/105 \(#105, asked by @hpc-user\)/);
    expect(text).toMatch(/### The question\n\n> The engine hangs with 512 ranks/);
    expect(text).toMatch(/### What was tried\n\n- @ada: Can you send the engine logs\? \(\[link\]/);
    expect(text).not.toMatch(/over/);
  });

  it('creates the issue, comments its link on the discussion, and resolves the discussion with that comment', () => {
    const a = planPromote(facts()).actions[0]!;
    expect(a.steps.map((s) => s.op)).toEqual(['create-issue', 'comment', 'mark-answer']);
    const link = a.steps[1]!;
    expect(
      link.op === 'comment' && typeof link.body === 'function' && link.body({ id: 'I1', number: 300, url: 'https://x/issues/300' }),
    ).toMatch(
      /^We are tracking the work for this in https:\/\/x\/issues\/300\.\n\n<!-- visit-sre \{"v":1,"kind":"promotion","issue":"https:\/\/x\/issues\/300","repo":"visit-dav\/visit","number":300/,
    );
  });

  it('an issue an earlier run created is linked, not created again', () => {
    const existing = { id: 'I7', number: 7, url: 'https://x/issues/7' };
    expect(planPromote(facts({ existing })).actions[0]!.steps[0]).toEqual({ op: 'reuse-created', created: existing });
  });

  it('--known comments the summary on the issue, removes "reviewed", then links it', () => {
    const a = planPromote(facts({ known })).actions[0]!;
    expect(a).toMatchObject({ kind: 'promote-known', url: known.url, keepUrl: true, reason: 'removed "reviewed"' });
    expect(a.steps.map((s) => s.op)).toEqual(['issue-comment', 'remove-labels', 'comment', 'mark-answer']);
  });

  it('--keep-open leaves the discussion unresolved', () => {
    expect(planPromote(facts({ keepOpen: true })).actions[0]!.steps.map((s) => s.op)).toEqual(['create-issue', 'comment']);
  });

  it('in a category without answers the promoted discussion is closed as resolved', () => {
    const idea = { ...d, category: { ...d.category, isAnswerable: false } };
    expect(planPromote(facts({ discussion: idea })).actions[0]!.steps.at(-1)).toEqual({
      op: 'close',
      discussionId: 'D105',
      reason: 'RESOLVED',
    });
  });

  it("--effort is recorded on the discussion's comment too, where the postmortem and stats read it", () => {
    const link = planPromote(facts({ effort: 45 })).actions[0]!.steps[1]!;
    expect(link.op === 'comment' && typeof link.body === 'function' && link.body({ id: 'I', number: 1, url: 'u' })).toMatch(
      /"effortMinutes":45/,
    );
    const knownLink = planPromote(facts({ known, effort: 45 })).actions[0]!.steps[2]!;
    expect(knownLink.op === 'comment' && knownLink.body).toMatch(/"effortMinutes":45/);
  });

  it('a promotion whose discussion an earlier run could not resolve is resolved, not promoted again', () => {
    const linked = {
      ...d,
      messages: [
        ...d.messages,
        {
          ...d.messages[1]!,
          id: 'P',
          body: `tracked\n\n${marker('promotion', { issue: 'https://x/issues/300', repo: 'visit-dav/visit', number: 300 })}`,
        },
      ],
    };
    expect(planPromote(facts({ discussion: linked })).actions[0]!.steps).toEqual([
      { op: 'reuse-comment', id: 'P', url: linked.messages[1]!.url },
      { op: 'mark-answer' },
    ]);
  });

  it('a discussion promoted before to the same repository, and resolved, is skipped', () => {
    const done = {
      ...d,
      isAnswered: true,
      messages: [
        ...d.messages,
        {
          ...d.messages[1]!,
          id: 'P',
          body: `tracked\n\n${marker('promotion', { issue: 'https://x/issues/300', repo: 'visit-dav/visit', number: 300 })}`,
        },
      ],
    };
    expect(planPromote(facts({ discussion: done })).actions[0]).toMatchObject({
      skip: 'already promoted to visit-dav/visit#300',
      url: 'https://x/issues/300',
    });
  });
});
