import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { REPO_ROOT, run } from '../support/deps.js';
import { memoryGitHub } from '../support/memoryGitHub.js';

// Command tests run against the in-memory GitHub port: every write must be expected
// (gh.expectWrite), and afterEach fails on one that was not, or on one that never came.
const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const FRIDAY = '2026-12-05T01:00:00Z'; // Fri Dec 4, 17:00 Pacific
let gh: ReturnType<typeof memoryGitHub>;
let now = FRIDAY;
const startStandin = async (scenario: string, at = FRIDAY) => {
  now = at;
  gh = memoryGitHub(scenario, { now: () => now });
  return gh;
};

afterEach(() => {
  gh?.verify();
});

async function sre(args: string[], at = FRIDAY, extra: Omit<Parameters<typeof run>[1] & object, 'now' | 'githubPort'> = {}) {
  now = at;
  const r = await run([...args], { ...extra, now: at, env: { VISIT_SRE_CONFIG: CONFIG, ...extra.env }, githubPort: gh.port });
  return { ...r, json: () => JSON.parse(r.stdout) };
}
const discussion = (n: number) => gh.discussion(n);
const mutations = () => gh.writes;

describe('a full week of writes', () => {
  it('handoff: dry-run, the real thing, and a re-run that posts nothing twice', async () => {
    await startStandin(WEEK);
    const dry = await sre(['handoff', '--dry-run', '--json', '--keep', '102']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().dryRun).toBe(true);
    expect(dry.json().actions.map((a: { number: number; status: string }) => [a.number, a.status])).toEqual([
      [101, 'planned'],
      [102, 'planned'],
      [105, 'planned'],
      [106, 'planned'],
      [107, 'planned'],
      [108, 'planned'],
    ]);
    expect(dry.json().previews[0]).toMatch(
      /@katherine-j is taking over this discussion from @grace-hopper \(with @ada-lovelace as backup\)/,
    );
    expect(mutations()).toHaveLength(0);

    const noTty = await sre(['handoff', '--keep', '102']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/--yes/);

    gh.expectWrite('addDiscussionComment', { body: /"kind":"handoff"/, times: 5 });
    gh.expectWrite('addDiscussionComment', { number: 102, body: /"kind":"keep"/ });
    const real = await sre(['handoff', '--yes', '--json', '--keep', '102', '--effort', '20m']);
    expect(real.code, real.stderr).toBe(0);
    expect(
      real
        .json()
        .actions.filter((a: { status: string }) => a.status === 'done')
        .map((a: { number: number }) => a.number),
    ).toEqual([101, 102, 105, 106, 107, 108]);
    const posted = discussion(101).comments.at(-1)!;
    expect(posted.author).toBe('grace-hopper');
    expect(posted.body).toMatch(/^Hi @jdoe-lab, /);
    expect(posted.body).toMatch(
      /<!-- visit-sre \{"v":1,"kind":"handoff","to":"katherine-j","from":"grace-hopper","week":"2026-W50","backup":"ada-lovelace","effortMinutes":20,"key":"handoff\/2026-W50\/grace-hopper"\} -->$/,
    );
    expect(discussion(102).comments).toHaveLength(2);

    const again = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(again.json().actions.filter((a: { status: string }) => a.status !== 'skipped')).toEqual([]);
    expect(again.json().actions.find((a: { number: number }) => a.number === 101).reason).toMatch(
      /already handed to @katherine-j for 2026-W50/,
    );
    expect(mutations()).toHaveLength(6);
    // the new owner is Katherine now
    const start = await sre(['start', '--json', '--as', 'katherine-j']);
    expect(start.json().handedOff.map((i: { number: number }) => i.number)).toEqual([101, 108, 106, 105, 107]);
  });

  it("on Monday, start warns about last week's un-handed discussions, and last week's Primary hands them to this week's", async () => {
    await startStandin(WEEK);
    const MONDAY = '2026-12-07T17:00:00Z'; // Mon Dec 7, 09:00 Pacific: Katherine's week began an hour ago
    const before = await sre(['start', '--as', 'katherine-j'], MONDAY);
    expect(before.stderr).toMatch(
      /^warning: 6 discussions of last week were not handed off: `visit-sre handoff --from grace-hopper`\n {2}@grace-hopper \(last week's Primary\) runs it, with `--keep N…` for any they keep\n/,
    );
    gh.expectWrite('addDiscussionComment', {
      body: /"to":"katherine-j","from":"grace-hopper","week":"2026-W50","backup":"ada-lovelace"/,
      times: 6,
    });
    const r = await sre(['handoff', '--yes', '--json'], MONDAY); // the token's user is grace-hopper
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/taken as the outgoing Primary/);
    const after = await sre(['start', '--as', 'katherine-j', '--json'], MONDAY);
    expect(after.json().notHandedOver).toBeNull();
    expect(after.stderr).not.toMatch(/not handed over/);
  });

  it('handoff skips a locked discussion with the reason, and hands over the others (exit 0)', async () => {
    await startStandin(WEEK);
    gh.store.repos[0].discussions.find((d: { number: number }) => d.number === 101).locked = true;
    gh.expectWrite('addDiscussionComment', { times: 6 });
    const r = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(r.code, r.stderr).toBe(0);
    const actions = r.json().actions as Array<{ number: number; status: string; reason?: string }>;
    expect(actions.find((a) => a.number === 101)).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/GitHub refused it: .*locked/),
    });
    expect(actions.filter((a) => a.status === 'done').map((a) => a.number)).toEqual([102, 105, 106, 107, 108]);
  });

  it("handoff --keep 4321 --yes posts one keep note on it, which the dry-run shows first; a re-run posts nothing, and Monday's start does not list it", async () => {
    await startStandin(WEEK);
    gh.store.repos[0].discussions.find((d: { number: number }) => d.number === 102).number = 4321;
    const dry = await sre(['handoff', '--dry-run', '--keep', '4321']);
    expect(dry.stdout).toMatch(
      /#4321 .*\n\nHi @mkumar, a quick note from the VisIt support team: this week's support rotation is changing hands, but @grace-hopper keeps working on this discussion for the week of Dec 7\./,
    );
    expect(dry.stdout).toMatch(/• keep #4321: planned \(would note that @grace-hopper keeps it\)/);
    gh.expectWrite('addDiscussionComment', { body: /"kind":"handoff"/, times: 5 });
    gh.expectWrite('addDiscussionComment', {
      number: 4321,
      body: /<!-- visit-sre \{"v":1,"kind":"keep","from":"grace-hopper","week":"2026-W50","key":"keep\/2026-W50\/grace-hopper"\} -->$/,
    });
    const real = await sre(['handoff', '--keep', '4321', '--yes']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/✓ keep #4321: done \(kept by @grace-hopper\)/);
    expect(real.stdout).toMatch(/### Kept by @grace-hopper\n\n- \[#4321\]/);
    const again = await sre(['handoff', '--keep', '4321', '--yes', '--json']);
    expect(again.json().actions.find((a: { number: number }) => a.number === 4321)).toMatchObject({
      kind: 'keep',
      status: 'skipped',
      reason: 'already kept by @grace-hopper for 2026-W50',
    });
    expect(mutations()).toHaveLength(6);
    const monday = await sre(['start', '--as', 'katherine-j', '--json'], '2026-12-07T17:00:00Z');
    expect(monday.json().notHandedOver).toBeNull();
  });

  it('escalate twice: the Backup first, then only with a choice of others', async () => {
    await startStandin(WEEK);
    gh.expectWrite('addDiscussionComment', { number: 101, body: /"kind":"escalation"/, times: 2 });
    const first = await sre(['escalate', '101', '--reason', 'Silo reader question', '--json'], '2026-12-01T19:00:00Z');
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({
      dryRun: false,
      actions: [{ kind: 'escalation', number: 101, url: expect.stringMatching(/discussioncomment/), status: 'done' }],
    });
    expect(discussion(101).comments.at(-1)!.body).toMatch(/^@edsger-d, could you help with this one\?\n\nSilo reader question/);
    const retry = await sre(['escalate', '101', '--reason', 'Silo reader question', '--json'], '2026-12-01T19:05:00Z');
    expect(retry.json().actions[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/already escalated/) });
    const second = await sre(['escalate', '101'], '2026-12-01T21:00:00Z');
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/not yet asked: .*alan-turing/);
    expect(second.stderr).toMatch(/escalated before \(to @edsger-d\)/);
    expect(second.stderr).not.toMatch(/not yet asked:.*edsger-d/);
    const chosen = await sre(['escalate', '101', '--to', 'alan-turing', '--json'], '2026-12-01T21:00:00Z');
    expect(chosen.json().actions[0].status).toBe('done');
    expect(discussion(101).comments).toHaveLength(2);
    // escalations are bookkeeping: #101 is still waiting on the team
    expect((await sre(['overdue', '--json'], '2026-12-01T21:30:00Z')).json().overdue.map((i: { number: number }) => i.number)).toContain(
      101,
    );
  });

  it('resolve by reply: a top-level comment links to the reply and is marked as the answer', async () => {
    await startStandin(WEEK);
    const replyUrl = await (async () => {
      const s = await sre(['start', '--json'], '2026-12-01T19:00:00Z');
      expect(s.code).toBe(0);
      return gh.store.repos[0].discussions.find((d: { number: number }) => d.number === 102).comments[0].replies[0].url as string;
    })();
    gh.expectWrite('addDiscussionComment', { number: 102, body: /^The answer to this question is in \[this reply\]/ });
    gh.expectWrite('markAnswer', { number: 102 });
    const r = await sre(['resolve', '102', '--answer', replyUrl, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({
      kind: 'answer',
      number: 102,
      status: 'done',
      reason: 'answered by a reply: linked from a top-level comment',
    });
    const d = discussion(102);
    expect(d.answer).toMatch(/^The answer to this question is in \[this reply\]\(.*\) by @mkumar:\n\n> Xcode 16.1/);
    expect((await sre(['resolve', '102', '--answer', replyUrl, '--json'])).json().actions[0]).toMatchObject({
      status: 'skipped',
      reason: 'already answered',
    });
    expect(discussion(102).comments).toHaveLength(2);
  });

  it('resolve --wontfix: closing comment, marked, labelled; idempotent', async () => {
    await startStandin(WEEK);
    for (const op of ['addDiscussionComment', 'markAnswer', 'addLabels'] as const) gh.expectWrite(op, { number: 104 });
    const r = await sre(['resolve', '104', '--wontfix', '--json', '--effort', '5m']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({ kind: 'wontfix', number: 104, status: 'done' });
    const d = discussion(104);
    expect(d.labels).toContain('wontfix');
    expect(d.answer).toMatch(/^Hi @old-timer, we haven't heard back in 28 days/);
    expect(d.answer).toMatch(/"kind":"resolution","wontfix":true,"effortMinutes":5/);
    const again = await sre(['resolve', '104', '--wontfix', '--json']);
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped', reason: 'already closed as wontfix' });
  });

  it('overdue --close-stale closes #104 once, and not without --yes off a terminal', async () => {
    await startStandin(WEEK);
    expect((await sre(['overdue', '--close-stale'])).code).toBe(2);
    for (const op of ['addDiscussionComment', 'markAnswer', 'addLabels'] as const) gh.expectWrite(op, { number: 104 });
    const r = await sre(['overdue', '--close-stale', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions).toEqual([
      { kind: 'close-stale', number: 104, url: expect.stringMatching(/discussioncomment/), status: 'done' },
    ]);
    expect(discussion(104).labels).toEqual(['wontfix']);
    const again = await sre(['overdue', '--close-stale', '--yes', '--json']);
    expect(again.json().stale).toEqual([]);
    expect(mutations().filter((m) => m.op === 'addDiscussionComment')).toHaveLength(1);
  });

  it('promote: a new issue that links back, then the link on the discussion; --known adds to an issue and drops "reviewed"', async () => {
    await startStandin(WEEK);
    gh.expectWrite('createIssue', { body: /discussions\/105/ });
    gh.expectWrite('addDiscussionComment', { number: 105, body: /We are tracking the work/ });
    gh.expectWrite('markAnswer', { number: 105 });
    const r = await sre(['promote', '105', '--title', 'Launcher times out above 256 ranks', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const issue = gh.store.snapshot()[0]!.issues.find((i) => i.title === 'Launcher times out above 256 ranks')!;
    expect(r.json().actions[0]).toMatchObject({
      kind: 'promote',
      number: 105,
      status: 'done',
      url: `https://github.com/visit-dav/visit/issues/${issue.number}`,
    });
    expect(issue.body).toMatch(/Promoted from the support discussion https:\/\/github\.com\/visit-dav\/visit\/discussions\/105/);
    expect(issue.body).toMatch(/### What was tried\n\n- @ada-lovelace: Can you send the engine logs/);
    expect(discussion(105).comments.at(-1)!.body).toMatch(
      new RegExp(`We are tracking the work for this in https://github.com/visit-dav/visit/issues/${issue.number}\\.`),
    );
    expect((await sre(['promote', '105', '--json'])).json().actions[0]).toMatchObject({ status: 'skipped' });

    // a known issue carrying "reviewed"
    const known = gh.store.snapshot()[0]!.issues.find((i) => i.number === 202)!;
    expect(known.labels).not.toContain('reviewed');
    const repo = gh.store.repos[0];
    repo.issues
      .find((i: { number: number }) => i.number === 202)
      .labels.push(repo.labels.find((l: { name: string }) => l.name === 'reviewed'));
    gh.expectWrite('addIssueComment', { number: 202, body: /New information from a support discussion/ });
    gh.expectWrite('removeLabels', { number: 202 });
    gh.expectWrite('addDiscussionComment', { number: 104, body: /known issue/ });
    gh.expectWrite('markAnswer', { number: 104 });
    const k = await sre(['promote', '104', '--known', '202', '--json']);
    expect(k.code, k.stderr).toBe(0);
    expect(k.json().actions[0]).toMatchObject({ kind: 'promote-known', status: 'done', reason: 'removed "reviewed"' });
    const after = gh.store.snapshot()[0]!.issues.find((i) => i.number === 202)!;
    expect(after.labels).not.toContain('reviewed');
    expect(after.comments[0]).toMatch(/New information from a support discussion:[\s\S]*discussions\/104/);
  });
});

describe('writers: bad input', () => {
  it.each([
    [['escalate', '999'], /discussion #999 not found/],
    [['resolve', 'abc'], /invalid discussion number "abc"/],
    [['resolve', '101', '--answer', 'https://x/1', '--wontfix'], /cannot go together/],
    [['promote', '101', '--known', '1', '--title', 'x'], /cannot go together/],
    [['escalate', '110'], /outside the configured scope/],
    [['handoff', '--effort', 'lots'], /invalid --effort "lots"/],
  ])('%j exits 2', async (args, message) => {
    await startStandin(WEEK);
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(mutations()).toHaveLength(0);
  });

  it('a missing wontfix label exits 2 and names it, before anything is posted', async () => {
    await startStandin(WEEK);
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../support/deps.js');
    const cfg = path.join(tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ labels: { wontfix: 'closed: no reply' }, rotation: null, team: [] }));
    const bad = await run(['resolve', '104', '--wontfix'], { now: FRIDAY, env: { VISIT_SRE_CONFIG: cfg }, githubPort: gh.port });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the label "closed: no reply" does not exist/);
    expect(mutations()).toHaveLength(0);
  });
});

describe('writers on a terminal', () => {
  const prompter = (answers: { checkbox?: string[]; select?: (ids: string[]) => string; confirm?: boolean }) => ({
    input: async () => '',
    select: async <T extends string>(_m: string, choices: ReadonlyArray<{ value: T }>) =>
      (answers.select ? answers.select(choices.map((c) => c.value)) : choices[0]!.value) as T,
    confirm: async () => answers.confirm ?? true,
    checkbox: async <T extends string>() => (answers.checkbox ?? []) as T[],
    editor: async () => '',
  });
  const tty = async (args: string[], answers: Parameters<typeof prompter>[0], at = FRIDAY) => {
    return sre(args, at, { tty: true, prompter: prompter(answers), env: { NO_COLOR: '1' } });
  };

  it('a second escalation asks whom to add, from those not yet asked', async () => {
    await startStandin(WEEK);
    gh.expectWrite('addDiscussionComment', { number: 101, times: 2 });
    await tty(['escalate', '101'], {}, '2026-12-01T19:00:00Z');
    const r = await tty(['escalate', '101'], { checkbox: ['alan-turing', 'barbara-l'] }, '2026-12-01T22:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    expect(discussion(101).comments.at(-1)!.body).toMatch(/^@alan-turing @barbara-l, could you help/);
  });

  it('resolve without --answer picks the comment interactively', async () => {
    await startStandin(WEEK);
    gh.expectWrite('markAnswer', { number: 105 });
    const r = await tty(['resolve', '105'], { select: (ids) => ids[0]! });
    expect(r.code, r.stderr).toBe(0);
    expect(discussion(105).answer).toMatch(/^Can you send the engine logs/);
  });

  it('handoff asks before posting, and posts nothing when declined', async () => {
    await startStandin(WEEK);
    const r = await tty(['handoff'], { confirm: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/handoff #101: skipped \(not confirmed\)/);
    expect(r.stdout).toMatch(/## Support handoff 2026-W50: @grace-hopper → @katherine-j \(Backup @ada-lovelace\)/);
    expect(mutations()).toHaveLength(0);
  });
});
