import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/deps.js';
import { answerCandidates, closingText, planAnswer, planCloseStale, planWontfix } from '../../../src/core/plans/resolve.js';
import type { Discussion } from '../../../src/core/conversation.js';
import { assess } from '../../../src/core/conversation.js';
import type { PlannedAction } from '../../../src/core/plans/plan.js';
import { discussion, marker, policyOf, team, weeks } from '../../support/domain.js';

const policy = policyOf(weeks(['ada', 'bob'], ['cho', 'dee'], ['dee', 'eli']));
const NOW = Date.parse('2026-12-05T01:00:00Z');
const label = { name: 'wontfix', id: 'L1' };
// The shipped closing template, read as the tool reads it.
const template = { text: readFileSync(path.join(REPO_ROOT, 'templates', 'closing.md'), 'utf8'), source: 'templates/closing.md' };
const ops = (a: PlannedAction) => a.steps.map((s) => s.op);
const bodyOf = (a: PlannedAction) => a.steps.map((s) => (s.op === 'comment' && typeof s.body === 'string' ? s.body : '')).join('');

/** Asked, answered by the team, then the user fell silent on `lastUser`. */
const silentSince = (lastUser: string, extra: Partial<Discussion> = {}) =>
  discussion(
    104,
    { at: '2026-10-01T17:00:00Z', who: 'old-timer' },
    [
      { at: lastUser, who: 'old-timer' },
      { at: lastUser.replace('17:00', '18:00'), who: 'ada' },
    ],
    extra,
  );
const wontfix = (d: Discussion, flags: { force?: boolean; message?: string } = {}) =>
  planWontfix(
    { discussion: d, assessment: assess(d, policy, NOW), team, label, staleAfterDays: 21, template },
    { kind: 'resolution', ...flags },
  );

describe('workaround plan', () => {
  const d = discussion(130, { at: '2026-12-01T17:00:00Z', who: 'mk' }, [
    { at: '2026-12-01T18:00:00Z', who: 'ada', body: 'Set the fill value to 0 first.' },
    { at: '2026-12-01T19:00:00Z', who: 'ada', kind: 'reply', body: 'Or convert the file.' },
  ]);
  const plan = (over: Partial<Parameters<typeof planAnswer>[0]> = {}) =>
    planAnswer({ discussion: d, team, chosen: d.messages[1]!, workaround: true, ...over }).actions[0]!;

  it.each([
    ['a top-level comment: the note, then that comment marked', d, 1, ['comment', 'mark-answer'], 'commentId'],
    ['a reply: the note is marked', d, 2, ['comment', 'mark-answer'], null],
    [
      'a category without answers: the note, then closed',
      { ...d, category: { ...d.category, isAnswerable: false } },
      1,
      ['comment', 'close'],
      null,
    ],
    ['already answered: the note only', { ...d, isAnswered: true }, 1, ['comment'], null],
  ])('%s', (_what, disc, index, steps, commentId) => {
    const a = planAnswer({ discussion: disc, team, chosen: disc.messages[index]!, workaround: true }).actions[0]!;
    expect(ops(a)).toEqual(steps);
    const mark = a.steps.find((s) => s.op === 'mark-answer');
    if (commentId) expect(mark).toMatchObject({ commentId: disc.messages[index]!.id });
    else if (mark) expect(mark).not.toHaveProperty('commentId');
    expect(bodyOf(a)).toMatch(/^A workaround for now is in \[this (comment|reply)\]/);
  });

  it('names the long-term fix when one is known, in the text and the marker', () => {
    const body = bodyOf(plan({ longTerm: 'https://x/issues/7' }));
    expect(body).toContain('The lasting fix is tracked in https://x/issues/7.');
    expect(body).toMatch(/"workaround":true,"longTerm":"https:\/\/x\/issues\/7"/);
  });

  it('an answered discussion whose workaround is marked already is skipped', () => {
    const chosen = d.messages[1]!;
    const marked = {
      ...d,
      isAnswered: true,
      messages: [
        ...d.messages,
        { ...d.messages[1]!, id: 'n', body: `note\n${marker('resolution', { answer: chosen.url, workaround: true })}` },
      ],
    };
    expect(plan({ discussion: marked, chosen })).toMatchObject({ skip: 'already marked as a workaround' });
  });
});

describe('answer plan', () => {
  const withReply = discussion(102, { at: '2026-12-01T17:00:00Z', who: 'mk' }, [
    { at: '2026-12-01T18:00:00Z', who: 'ada' },
    { at: '2026-12-01T19:00:00Z', who: 'mk', kind: 'reply', body: 'Xcode 16.1 fixed it' },
  ]);

  it('a top-level comment is marked as the answer', () => {
    const chosen = withReply.messages[1]!;
    expect(planAnswer({ discussion: withReply, team, chosen }).actions[0]).toMatchObject({
      url: chosen.url,
      steps: [{ op: 'mark-answer', commentId: chosen.id }],
    });
  });

  it('a threaded reply gets a top-level comment that links to it and quotes it, and that comment is marked', () => {
    const reply = withReply.messages[2]!;
    const a = planAnswer({ discussion: withReply, team, chosen: reply }).actions[0]!;
    expect(ops(a)).toEqual(['comment', 'mark-answer']);
    expect(bodyOf(a)).toMatch(/^The answer to this question is in \[this reply\]\(.*\) by @mk:\n\n> Xcode 16\.1 fixed it/);
  });

  it('a link comment posted by an earlier run is marked, not posted again', () => {
    const reply = withReply.messages[2]!;
    const d = {
      ...withReply,
      messages: [
        ...withReply.messages,
        { ...withReply.messages[1]!, id: 'LINK', body: `see\n\n${marker('resolution', { answer: reply.url })}` },
      ],
    };
    expect(planAnswer({ discussion: d, team, chosen: reply }).actions[0]!.steps).toEqual([
      { op: 'reuse-comment', id: 'LINK', url: d.messages[1]!.url },
      { op: 'mark-answer' },
    ]);
  });

  it('in a category without answers the discussion is closed as resolved', () => {
    const d = { ...withReply, category: { ...withReply.category, name: 'Ideas', isAnswerable: false } };
    expect(planAnswer({ discussion: d, team, chosen: d.messages[1]! }).actions[0]).toMatchObject({
      reason: '"Ideas" has no answers: closed as resolved',
      steps: [{ op: 'close', reason: 'RESOLVED' }],
    });
  });

  it('an answered discussion is skipped', () => {
    expect(planAnswer({ discussion: { ...withReply, isAnswered: true }, team, chosen: withReply.messages[1]! }).actions[0]!.skip).toBe(
      'already answered',
    );
  });
});

describe('wontfix plan', () => {
  it('posts a closing comment that greets the user and says how long they were silent, marks it, and adds the label', () => {
    const a = wontfix(silentSince('2026-11-06T17:00:00Z'));
    expect(ops(a)).toEqual(['comment', 'mark-answer', 'add-labels']);
    expect(bodyOf(a)).toMatch(/^Hi @old-timer, we haven't heard back in 28 days, so we're closing/);
    expect(bodyOf(a)).toMatch(/"kind":"resolution","wontfix":true,"key":"wontfix"\} -->$/);
  });

  it('a discussion already answered some other way is skipped, not closed again', () => {
    expect(wontfix(silentSince('2026-11-06T17:00:00Z', { isAnswered: true }))).toMatchObject({ skip: 'already answered', steps: [] });
  });

  it('a discussion already closed (as a duplicate, say) is skipped', () => {
    expect(wontfix(silentSince('2026-11-06T17:00:00Z', { closed: true }))).toMatchObject({ skip: 'already closed', steps: [] });
  });

  it('refuses a user who wrote lately unless --force', () => {
    expect(() => wontfix(silentSince('2026-12-04T17:00:00Z'))).toThrow(/#104: the user wrote today, less than the 21 days of silence/);
    expect(() => wontfix(silentSince('2026-11-20T17:00:00Z'))).toThrow(/the user wrote 14 days ago/);
  });

  it('never states a false number of days: a forced closure says none', () => {
    const a = wontfix(silentSince('2026-12-04T17:00:00Z'), { force: true });
    expect(bodyOf(a)).toMatch(/^Hi @old-timer, we're closing this inquiry for now to keep our support queue current\./);
    expect(bodyOf(a)).not.toMatch(/\d+ days/);
  });

  it('a closure left part-way by an earlier run is completed without a second comment', () => {
    const d = silentSince('2026-11-06T17:00:00Z', { isAnswered: true });
    d.messages.push({ ...d.messages[2]!, id: 'CLOSE', body: `bye\n\n${marker('stale', { wontfix: true })}` });
    expect(wontfix(d).steps).toEqual([
      { op: 'reuse-comment', id: 'CLOSE', url: d.messages[2]!.url },
      { op: 'add-labels', labelableId: 'D104', labelIds: ['L1'] },
    ]);
  });

  it('in a category without answers the discussion is closed as outdated', () => {
    const d = silentSince('2026-11-06T17:00:00Z');
    d.category = { ...d.category, name: 'Ideas', isAnswerable: false };
    expect(wontfix(d)).toMatchObject({ reason: '"Ideas" has no answers: closed as outdated' });
    expect(ops(wontfix(d))).toEqual(['comment', 'close', 'add-labels']);
  });

  it('a logged call is closed addressing the customer by name, not the team member who logged it', () => {
    const call = discussion(
      107,
      {
        at: '2026-10-01T17:00:00Z',
        who: 'ada',
        body: `**Inquiry logged**\n\n${marker('contact', { via: 'hotline', at: '2026-10-01T16:00:00Z', id: 'c-1', customer: 'J. S.' })}`,
      },
      [{ at: '2026-11-01T17:00:00Z', who: 'grace' }],
    );
    const body = bodyOf(wontfix(call));
    expect(body).toMatch(/^Hi J\. S\., we haven't heard back in 33 days/);
    expect(body).not.toMatch(/@ada|@grace/);
  });

  it("the closing comment comes from the team's own template when they have one", () => {
    const own = { text: 'Dear {{user}}, {{why}}this one is closed (#{{number}}).', source: 'own.md' };
    const d = silentSince('2026-11-06T17:00:00Z');
    const a = planWontfix(
      { discussion: d, assessment: assess(d, policy, NOW), team, label, staleAfterDays: 21, template: own },
      { kind: 'stale' },
    );
    expect(bodyOf(a)).toMatch(/^Dear @old-timer, we haven't heard back in 28 days, so this one is closed \(#104\)\./);
  });

  it('a deleted author is addressed neutrally', () => {
    const ghost = discussion(108, { at: '2026-10-01T17:00:00Z', who: null }, [{ at: '2026-10-02T17:00:00Z', who: 'ada' }]);
    expect(bodyOf(wontfix(ghost, { force: true }))).toMatch(/^Hi there, /);
    expect(closingText(template, ghost, 'there', null, 21)).not.toMatch(/the team/);
  });
});

describe('close-stale plan', () => {
  it('closes every stale discussion, and finishes those an earlier run left with a stale marker but no label', () => {
    const stale = silentSince('2026-11-06T17:00:00Z');
    const halfDone = silentSince('2026-11-01T17:00:00Z', { isAnswered: true, number: 111, id: 'D111' });
    halfDone.messages.push({ ...halfDone.messages[2]!, id: 'STALE', body: `bye\n\n${marker('stale', { wontfix: true })}` });
    const finished = silentSince('2026-11-01T17:00:00Z', { isAnswered: true, number: 112, labels: ['wontfix'] });
    finished.messages.push({ ...finished.messages[2]!, id: 'DONE', body: `bye\n\n${marker('stale', { wontfix: true })}` });
    const ds = [stale, halfDone, finished];
    const assessments = ds.map((d) => assess(d, policy, NOW));
    const p = planCloseStale(
      { discussions: ds, assessments, stale: assessments.filter((a) => a.stale), team, label, staleAfterDays: 21, template },
      {},
    );
    expect(p.actions.map((a) => [a.number, ops(a)])).toEqual([
      [104, ['comment', 'mark-answer', 'add-labels']],
      [111, ['reuse-comment', 'add-labels']],
    ]);
    expect(p.actions[0]!.kind).toBe('close-stale');
  });
});

describe('the comments resolve offers as the answer', () => {
  it.each([
    ['handoff', { to: 'dee' }],
    ['keep', { who: 'cho' }],
    ['escalation', { to: ['dee'] }],
    ['decline', { who: 'dee' }],
    ['effort', {}],
    ['stale', {}],
  ] as const)('are never a %s comment of the team, nor a user’s, bot’s or hidden one', (kind, fields) => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      { at: '2026-12-01T18:00:00Z', who: 'cho', body: `Noted.\n\n${marker(kind, { key: 'k', ...fields })}` },
      { at: '2026-12-01T18:10:00Z', who: 'dee', body: 'Set SILO_DRIVER=HDF5.' },
      { at: '2026-12-01T18:20:00Z', who: 'dee', body: 'An older try.', hidden: true },
      { at: '2026-12-01T18:30:00Z', who: 'jdoe', body: 'Thanks!' },
      { at: '2026-12-01T18:40:00Z', who: 'github-actions[bot]', body: 'Labelled.' },
    ]);
    expect(answerCandidates(d, policy.team).map((m) => m.body)).toEqual(['Set SILO_DRIVER=HDF5.']);
  });

  it('a team comment whose marker is not bookkeeping (a resolution note) may still be the answer', () => {
    const d = discussion(101, { at: '2026-12-01T17:00:00Z', who: 'jdoe' }, [
      { at: '2026-12-01T18:10:00Z', who: 'dee', body: `Try this.\n\n${marker('resolution', { answer: 'x' })}` },
    ]);
    expect(answerCandidates(d, policy.team)).toHaveLength(1);
  });
});
