import { describe, expect, it } from 'vitest';
import { execute } from '../../src/app/execute.js';
import { teamRule } from '../../src/core/conversation.js';
import { AuthError, OperationalError } from '../../src/core/errors.js';
import { formatMarker } from '../../src/core/markers.js';
import type { Plan, PlannedAction } from '../../src/core/plans/plan.js';
import { memoryGitHub } from '../support/memoryGitHub.js';
import type { DiscussionSpec } from '../support/scenario.js';
import { scenario, team as member, user } from '../support/scenario.js';
import { deskScenario, expectDeskPost } from '../support/desk.js';

const NOW = '2026-12-05T01:00:00Z';
const repo = { owner: 'visit-dav', name: 'visit' };
const team = teamRule(['grace-hopper', 'ada-lovelace'], ['OWNER', 'MEMBER']);
const keyed = (key: string) => `Over to you.\n\n${formatMarker({ kind: 'handoff', to: 'ada-lovelace', key })}`;

function world(discussions: DiscussionSpec[] = [1, 2, 3].map((n) => ({ ...user(`u${n}`, '2026-12-01T17:00:00Z'), number: n }))) {
  const gh = memoryGitHub(scenario(discussions), { now: NOW });
  const id = (n: number) => gh.store.repos[0].discussions.find((d: { number: number }) => d.number === n).id as string;
  const handoff = (n: number, windowMs?: number): PlannedAction => ({
    kind: 'handoff',
    number: n,
    url: null,
    key: 'k',
    steps: [{ op: 'comment', discussionId: id(n), number: n, body: keyed('k'), key: 'k', windowMs }],
  });
  const run = (actions: PlannedAction[]) =>
    execute({ actions, warnings: [] } satisfies Plan, gh.port, { repo, team, now: () => Date.parse(NOW) });
  return { gh, handoff, run };
}

describe('the executor', () => {
  it('runs every action in order and reports each with the url of what it wrote', async () => {
    const { gh, handoff, run } = world();
    gh.expectWrite('addDiscussionComment', { times: 3 });
    const results = await run([1, 2, 3].map(handoff));
    expect(results.map((r) => [r.number, r.status, r.url])).toEqual(
      [1, 2, 3].map((n) => [n, 'done', expect.stringMatching(new RegExp(`discussions/${n}#discussioncomment-`))]),
    );
    gh.verify();
  });

  it('stops after a failure that would hit every later action (auth), and says to run again', async () => {
    const { gh, handoff, run } = world();
    gh.expectWrite('addDiscussionComment', { number: 1 });
    gh.expectWrite('addDiscussionComment', { number: 2, outcome: new AuthError('GitHub rejected the token (401 Bad credentials)') });
    const results = await run([1, 2, 3].map(handoff));
    expect(results.map((r) => [r.status, r.failure ?? null])).toEqual([
      ['done', null],
      ['failed', 'auth'],
      ['skipped', null],
    ]);
    expect(results[2]!.reason).toBe('not attempted after a failure; run again');
    gh.verify();
  });

  it('a locked discussion is skipped with its reason, and the batch goes on', async () => {
    const { gh, handoff, run } = world([1, 2, 3].map((n) => ({ ...user(`u${n}`, '2026-12-01T17:00:00Z'), number: n, locked: n === 2 })));
    gh.expectWrite('addDiscussionComment', { times: 3 });
    const results = await run([1, 2, 3].map(handoff));
    expect(results.map((r) => r.status)).toEqual(['done', 'skipped', 'done']);
    expect(results[1]).toMatchObject({ failure: 'refused', reason: expect.stringMatching(/GitHub refused it: .*locked/) });
    gh.verify();
  });

  it('after a lost answer it takes only this write: its key, by this user, created after the attempt began', async () => {
    // An older escalation by someone else ends with the same marker line.
    const { gh, handoff, run } = world([
      { ...user('u1', '2026-12-01T17:00:00Z'), number: 1, comments: [member('ada-lovelace', '2026-12-02T17:00:00Z', keyed('k'))] },
    ]);
    gh.expectWrite('addDiscussionComment', {
      number: 1,
      outcome: new OperationalError('posting a comment: GitHub answered 502, after retries'),
    });
    gh.expectWrite('addDiscussionComment', { number: 1 });
    const [result] = await run([handoff(1, 15 * 60_000)]);
    const comments = gh.discussion(1).comments;
    expect(comments.map((c) => c.author)).toEqual(['ada-lovelace', 'grace-hopper']);
    expect(result).toMatchObject({ status: 'done', url: expect.not.stringMatching(gh.store.repos[0].discussions[0].comments[0].url) });
    gh.verify();
  });

  it('a lost answer whose write landed is found, not sent again', async () => {
    const { gh, handoff, run } = world();
    gh.expectWrite('addDiscussionComment', { number: 1, outcome: 'lost' });
    const [result] = await run([handoff(1)]);
    expect(result!.status).toBe('done');
    expect(gh.discussion(1).comments).toHaveLength(1);
    gh.verify();
  });

  it('when another run posted the same keyed comment first, this copy removes itself', async () => {
    const { gh, handoff, run } = world([
      { ...user('u1', '2026-12-01T17:00:00Z'), number: 1, comments: [member('ada-lovelace', NOW, keyed('k'))] },
    ]);
    gh.expectWrite('addDiscussionComment', { number: 1 });
    gh.expectWrite('deleteDiscussionComment', { number: 1 });
    const [result] = await run([handoff(1)]);
    expect(gh.discussion(1).comments.map((c) => c.author)).toEqual(['ada-lovelace']);
    expect(result).toMatchObject({
      status: 'done',
      url: gh.store.repos[0].discussions[0].comments[0].url,
      reason: expect.stringMatching(/another run posted the same comment/),
    });
    gh.verify();
  });

  it('converges even when the token may not ask who it is (an app token)', async () => {
    const { gh, handoff, run } = world([
      { ...user('u1', '2026-12-01T17:00:00Z'), number: 1, comments: [member('ada-lovelace', NOW, keyed('k'))] },
    ]);
    gh.port.viewer = async () => {
      throw new AuthError('Resource not accessible by integration');
    };
    gh.expectWrite('addDiscussionComment', { number: 1 });
    gh.expectWrite('deleteDiscussionComment', { number: 1 });
    expect((await run([handoff(1)]))[0]!.status).toBe('done');
    expect(gh.discussion(1).comments).toHaveLength(1);
    gh.verify();
  });

  it('a copy of the same key from outside the window is a separate write, and stays', async () => {
    const { gh, run } = world([
      { ...user('u1', '2026-12-01T17:00:00Z'), number: 1, comments: [member('ada-lovelace', '2026-12-04T20:00:00Z', keyed('e'))] },
    ]);
    gh.expectWrite('addDiscussionComment', { number: 1 });
    const id = gh.store.repos[0].discussions[0].id;
    await run([
      {
        kind: 'escalation',
        number: 1,
        url: null,
        key: 'e',
        steps: [{ op: 'comment', discussionId: id, number: 1, body: keyed('e'), key: 'e', windowMs: 15 * 60_000 }],
      },
    ]);
    expect(gh.discussion(1).comments).toHaveLength(2);
    gh.verify();
  });

  it('a user cannot make the tool delete its comment by forging a keyed marker', async () => {
    const { gh, handoff, run } = world([{ ...user('u1', '2026-12-01T17:00:00Z'), number: 1, comments: [user('u1', NOW, keyed('k'))] }]);
    gh.expectWrite('addDiscussionComment', { number: 1 });
    await run([handoff(1)]);
    expect(gh.discussion(1).comments).toHaveLength(2);
    gh.verify();
  });

  it('the in-memory port fails on a write nobody expected', async () => {
    const { gh, handoff, run } = world();
    const [result] = await run([handoff(1)]);
    expect(result!.status).toBe('failed');
    expect(() => gh.verify()).toThrow(/unexpected write: addDiscussionComment on #1/);
  });

  it('the in-memory port fails on an expected write that never came', () => {
    const { gh } = world();
    gh.expectWrite('markAnswer', { number: 3 });
    expect(() => gh.verify()).toThrow(/expected but never sent: markAnswer on #3/);
  });
});

describe('the executor on the desk thread', () => {
  const desk = { owner: 'visit-dav', name: 'visit', number: 1 };
  const post = (key: string) =>
    `**Away:** @ada-lovelace is away.\n@grace-hopper\n\n${formatMarker({ kind: 'away', who: 'ada-lovelace', key })}`;
  function deskWorld(comments: Array<{ author: string; body: string; createdAt: string; association?: string }> = []) {
    const gh = memoryGitHub(deskScenario([], comments), { now: NOW });
    const action = (key: string): PlannedAction => ({
      kind: 'away',
      number: 1,
      url: null,
      key,
      steps: [{ op: 'desk-comment', desk, body: post(key), keys: [key], lookFirst: true }],
    });
    const run = (a: PlannedAction) => execute({ actions: [a], warnings: [] }, gh.port, { repo, team, now: () => Date.parse(NOW) });
    const bodies = () => gh.store.thread('visit-dav/visit', 1)!.comments.map((c) => c.body);
    return { gh, action, run, bodies };
  }
  const reservation = (key: string, at: string) => ({
    author: 'ada-lovelace',
    association: 'MEMBER',
    createdAt: at,
    body: `_visit-sre is about to post here; this note removes itself._\n\n${formatMarker({ kind: 'reserve', keys: [key], run: 'other' })}`,
  });

  it('a post that @mentions someone is reserved first (without mentions), then posted, and the reservation removed', async () => {
    const { gh, action, run, bodies } = deskWorld();
    expectDeskPost(gh, /"kind":"away"/);
    expect((await run(action('away:1')))[0]!.status).toBe('done');
    expect(gh.writes.map((w) => w.op)).toEqual(['addThreadComment', 'addThreadComment', 'deleteThreadComment']);
    expect(gh.writes[0]!.body!.replace(/<!--.*-->/, '')).not.toMatch(/@/);
    expect(bodies()).toEqual([post('away:1')]);
    gh.verify();
  });

  it('when another run reserved the same key first, this run posts nothing and removes its reservation', async () => {
    const { gh, action, run, bodies } = deskWorld([reservation('away:1', '2026-12-05T00:59:00Z')]);
    gh.expectWrite('addThreadComment', { number: 1, body: /"kind":"reserve"/ });
    gh.expectWrite('deleteThreadComment', { number: 1 });
    const [result] = await run(action('away:1'));
    expect(result).toMatchObject({ status: 'done', reason: expect.stringMatching(/another run posted the same/) });
    expect(gh.writes.some((w) => w.body?.includes('@grace-hopper'))).toBe(false);
    expect(bodies()).toHaveLength(1);
    gh.verify();
  });

  it('a reservation older than its time to live is a run that died: this run posts', async () => {
    const { gh, action, run } = deskWorld([reservation('away:1', '2026-12-05T00:40:00Z')]);
    expectDeskPost(gh, /"kind":"away"/);
    expect((await run(action('away:1')))[0]!.status).toBe('done');
    gh.verify();
  });

  it('a lost answer on the reservation or the post is found, not sent again', async () => {
    const { gh, action, run, bodies } = deskWorld();
    gh.expectWrite('addThreadComment', { number: 1, body: /"kind":"reserve"/, outcome: 'lost' });
    gh.expectWrite('addThreadComment', { number: 1, body: /"kind":"away"/, outcome: 'lost' });
    gh.expectWrite('deleteThreadComment', { number: 1 });
    expect((await run(action('away:1')))[0]!.status).toBe('done');
    expect(bodies()).toEqual([post('away:1')]);
    gh.verify();
  });
});

describe('creating a discussion once, when another run created it at the same time', () => {
  const body = (id: string) => `Logged.\n\n${formatMarker({ kind: 'contact', via: 'hotline', id })}`;
  /** The other run's copy is already there, but this run's look before creating did not see it yet (they raced). */
  function raced(deleteOutcome?: Error) {
    const gh = memoryGitHub(scenario([{ ...member('ada-lovelace', '2026-12-05T00:59:00Z', body('c-1')), number: 7 }]), { now: NOW });
    const info = gh.store.repos[0];
    const action: PlannedAction = {
      kind: 'sync',
      number: null,
      url: null,
      key: 'c-1',
      steps: [
        {
          op: 'create-discussion',
          repository: 'visit-dav/visit',
          repositoryId: info.id,
          categoryId: info.categories[0].id,
          title: 'Hotline',
          body: body('c-1'),
          key: 'c-1',
        },
      ],
    };
    gh.expectWrite('createDiscussion');
    gh.expectWrite('deleteDiscussion', deleteOutcome ? { outcome: deleteOutcome } : {});
    if (deleteOutcome) gh.expectWrite('closeDiscussion');
    const run = () => execute({ actions: [action], warnings: [] }, gh.port, { repo, team, now: () => Date.parse(NOW) });
    return { gh, run };
  }
  const open = (gh: ReturnType<typeof memoryGitHub>) =>
    gh.store.repos[0].discussions.filter((d: { body: string; closed: boolean }) => d.body.includes('"id":"c-1"') && !d.closed);

  it('the later copy removes itself, and the result names the earlier one', async () => {
    const { gh, run } = raced();
    const [result] = await run();
    expect(result).toMatchObject({ status: 'done', number: 7, reason: expect.stringMatching(/this copy was removed/) });
    expect(open(gh).map((d: { number: number }) => d.number)).toEqual([7]);
    gh.verify();
  });

  it('where the token may not delete discussions, the later copy closes itself as a duplicate', async () => {
    const { gh, run } = raced(new AuthError('removing a doubled discussion: forbidden'));
    const [result] = await run();
    expect(result).toMatchObject({ status: 'done', number: 7, reason: expect.stringMatching(/closed as a duplicate/) });
    expect(open(gh).map((d: { number: number }) => d.number)).toEqual([7]);
    gh.verify();
  });
});
