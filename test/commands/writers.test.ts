import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run } from '../support/deps.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const FRIDAY = '2026-12-05T01:00:00Z'; // Fri Dec 4, 17:00 Pacific
let standin: Standin;

afterEach(async () => {
  await standin?.close();
});

async function sre(args: string[], now = FRIDAY, extra: { tty?: boolean } = {}) {
  standin.setClock(now);
  const r = await run([...args], { now, env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: standin.token }, ...extra });
  return { ...r, json: () => JSON.parse(r.stdout) };
}
const discussion = (n: number) => standin.store.snapshot()[0]!.discussions.find((d) => d.number === n)!;
const mutations = () => standin.log.filter((e) => e.kind === 'mutation');

describe('a full week of writes against the stand-in', () => {
  it('handoff: dry-run, the real thing, and a re-run that posts nothing twice', async () => {
    standin = await startStandin(WEEK);
    const dry = await sre(['handoff', '--dry-run', '--json', '--keep', '102']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().dryRun).toBe(true);
    expect(dry.json().actions.map((a: { number: number; status: string }) => [a.number, a.status])).toEqual([
      [101, 'planned'],
      [102, 'skipped'],
      [105, 'planned'],
      [106, 'planned'],
      [107, 'planned'],
      [108, 'planned'],
    ]);
    expect(dry.json().previews[0]).toMatch(/@katherine-j is taking over this discussion from @grace-hopper \(with @ada-lovelace as backup\)/);
    expect(mutations()).toHaveLength(0);

    const noTty = await sre(['handoff', '--keep', '102']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/--yes/);

    const real = await sre(['handoff', '--yes', '--json', '--keep', '102', '--effort', '20m']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.json().actions.filter((a: { status: string }) => a.status === 'done').map((a: { number: number }) => a.number)).toEqual([101, 105, 106, 107, 108]);
    const posted = discussion(101).comments.at(-1)!;
    expect(posted.author).toBe('grace-hopper');
    expect(posted.body).toMatch(/^Hi @jdoe-lab, /);
    expect(posted.body).toMatch(/<!-- visit-sre \{"v":1,"kind":"handoff","to":"katherine-j","from":"grace-hopper","week":"2026-W50","backup":"ada-lovelace","effortMinutes":20,"key":"handoff\/2026-W50\/grace-hopper"\} -->$/);
    expect(discussion(102).comments).toHaveLength(1);

    const again = await sre(['handoff', '--yes', '--json', '--keep', '102']);
    expect(again.json().actions.filter((a: { status: string }) => a.status !== 'skipped')).toEqual([]);
    expect(again.json().actions.find((a: { number: number }) => a.number === 101).reason).toMatch(/already handed to @katherine-j for 2026-W50/);
    expect(mutations()).toHaveLength(5);
    // the new owner is Katherine now
    const start = await sre(['start', '--json', '--as', 'katherine-j']);
    expect(start.json().handedOff.map((i: { number: number }) => i.number)).toEqual([101, 108, 106, 105, 107]);
  });

  it('escalate twice: the Backup first, then only with a choice of others', async () => {
    standin = await startStandin(WEEK);
    const first = await sre(['escalate', '101', '--reason', 'Silo reader question', '--json'], '2026-12-01T19:00:00Z');
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({ dryRun: false, actions: [{ kind: 'escalation', number: 101, url: expect.stringMatching(/discussioncomment/), status: 'done' }] });
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
    expect((await sre(['overdue', '--json'], '2026-12-01T21:30:00Z')).json().overdue.map((i: { number: number }) => i.number)).toContain(101);
  });

  it('resolve by reply: a top-level comment links to the reply and is marked as the answer', async () => {
    standin = await startStandin(WEEK);
    const replyUrl = await (async () => {
      const s = await sre(['start', '--json'], '2026-12-01T19:00:00Z');
      expect(s.code).toBe(0);
      const r = standin.store as unknown as { repos: Array<{ discussions: Array<{ number: number; comments: Array<{ replies: Array<{ url: string }> }> }> }> };
      return r.repos[0]!.discussions.find((d) => d.number === 102)!.comments[0]!.replies[0]!.url;
    })();
    const r = await sre(['resolve', '102', '--answer', replyUrl, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({ kind: 'answer', number: 102, status: 'done', reason: 'answered by a reply: linked from a top-level comment' });
    const d = discussion(102);
    expect(d.answer).toMatch(/^The answer to this question is in \[this reply\]\(.*\) by @mkumar:\n\n> Xcode 16.1/);
    expect((await sre(['resolve', '102', '--answer', replyUrl, '--json'])).json().actions[0]).toMatchObject({ status: 'skipped', reason: 'already answered' });
    expect(discussion(102).comments).toHaveLength(2);
  });

  it('resolve --wontfix: closing comment, marked, labelled; idempotent', async () => {
    standin = await startStandin(WEEK);
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
    standin = await startStandin(WEEK);
    expect((await sre(['overdue', '--close-stale'])).code).toBe(2);
    const r = await sre(['overdue', '--close-stale', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions).toEqual([{ kind: 'close-stale', number: 104, url: expect.stringMatching(/discussioncomment/), status: 'done' }]);
    expect(discussion(104).labels).toEqual(['wontfix']);
    const again = await sre(['overdue', '--close-stale', '--yes', '--json']);
    expect(again.json().stale).toEqual([]);
    expect(mutations().filter((m) => m.operationName === 'AddDiscussionComment')).toHaveLength(1);
  });

  it('promote: a new issue that links back, then the link on the discussion; --known adds to an issue and drops "reviewed"', async () => {
    standin = await startStandin(WEEK);
    const r = await sre(['promote', '105', '--title', 'Launcher times out above 256 ranks', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const issue = standin.store.snapshot()[0]!.issues.find((i) => i.title === 'Launcher times out above 256 ranks')!;
    expect(r.json().actions[0]).toMatchObject({ kind: 'promote', number: 105, status: 'done', url: `https://github.com/visit-dav/visit/issues/${issue.number}` });
    expect(issue.body).toMatch(/Promoted from the support discussion https:\/\/github\.com\/visit-dav\/visit\/discussions\/105/);
    expect(issue.body).toMatch(/### What was tried\n\n- @ada-lovelace: Can you send the engine logs/);
    expect(discussion(105).comments.at(-1)!.body).toMatch(new RegExp(`We are tracking the work for this in https://github.com/visit-dav/visit/issues/${issue.number}\\.`));
    expect((await sre(['promote', '105', '--json'])).json().actions[0]).toMatchObject({ status: 'skipped' });

    // a known issue carrying "reviewed"
    const known = standin.store.snapshot()[0]!.issues.find((i) => i.number === 202)!;
    expect(known.labels).not.toContain('reviewed');
    const store = standin.store as unknown as { repos: Array<{ issues: Array<{ number: number; labels: unknown[] }>; labels: Array<{ name: string }> }> };
    store.repos[0]!.issues.find((i) => i.number === 202)!.labels.push(store.repos[0]!.labels.find((l) => l.name === 'reviewed')!);
    const k = await sre(['promote', '104', '--known', '202', '--json']);
    expect(k.code, k.stderr).toBe(0);
    expect(k.json().actions[0]).toMatchObject({ kind: 'promote-known', status: 'done', reason: 'removed "reviewed"' });
    const after = standin.store.snapshot()[0]!.issues.find((i) => i.number === 202)!;
    expect(after.labels).not.toContain('reviewed');
    expect(after.comments[0]).toMatch(/New information from a support discussion:[\s\S]*discussions\/104/);
  });
});

describe('writers: bad input', () => {
  it.each([
    [['escalate', '999'], /discussion #999 .*Could not resolve to a Discussion/],
    [['resolve', 'abc'], /invalid discussion number "abc"/],
    [['resolve', '101', '--answer', 'https://x/1', '--wontfix'], /cannot go together/],
    [['promote', '101', '--known', '1', '--title', 'x'], /cannot go together/],
    [['escalate', '110'], /outside the configured scope/],
    [['handoff', '--effort', 'lots'], /invalid --effort "lots"/],
  ])('%j exits 2', async (args, message) => {
    standin = await startStandin(WEEK);
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(mutations()).toHaveLength(0);
  });

  it('a missing wontfix label exits 2 and names it, before anything is posted', async () => {
    standin = await startStandin(WEEK);
    const r = await run(['resolve', '104', '--wontfix'], { now: FRIDAY, env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: standin.token } });
    expect(r.code).toBe(0);
    await standin.close();
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../support/deps.js');
    const cfg = path.join(tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ labels: { wontfix: 'closed: no reply' }, rotation: null, team: [] }));
    standin = await startStandin(WEEK);
    const bad = await run(['resolve', '104', '--wontfix'], { now: FRIDAY, env: { VISIT_SRE_CONFIG: cfg }, github: { url: standin.url, token: standin.token } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the label "closed: no reply" does not exist/);
    expect(mutations()).toHaveLength(0);
  });
});

describe('writers on a terminal', () => {
  const prompter = (answers: { checkbox?: string[]; select?: (ids: string[]) => string; confirm?: boolean }) => ({
    input: async () => '',
    select: async <T extends string>(_m: string, choices: ReadonlyArray<{ value: T }>) => (answers.select ? answers.select(choices.map((c) => c.value)) : choices[0]!.value) as T,
    confirm: async () => answers.confirm ?? true,
    checkbox: async <T extends string>() => (answers.checkbox ?? []) as T[],
    editor: async () => '',
  });
  const tty = async (args: string[], answers: Parameters<typeof prompter>[0], now = FRIDAY) => {
    standin.setClock(now);
    return run(args, { now, tty: true, prompter: prompter(answers), env: { VISIT_SRE_CONFIG: CONFIG, NO_COLOR: '1' }, github: { url: standin.url, token: standin.token } });
  };

  it('a second escalation asks whom to add, from those not yet asked', async () => {
    standin = await startStandin(WEEK);
    await tty(['escalate', '101'], {}, '2026-12-01T19:00:00Z');
    const r = await tty(['escalate', '101'], { checkbox: ['alan-turing', 'barbara-l'] }, '2026-12-01T22:00:00Z');
    expect(r.code, r.stderr).toBe(0);
    expect(discussion(101).comments.at(-1)!.body).toMatch(/^@alan-turing @barbara-l, could you help/);
  });

  it('resolve without --answer picks the comment interactively', async () => {
    standin = await startStandin(WEEK);
    const r = await tty(['resolve', '105'], { select: (ids) => ids[0]! });
    expect(r.code, r.stderr).toBe(0);
    expect(discussion(105).answer).toMatch(/^Can you send the engine logs/);
  });

  it('handoff asks before posting, and posts nothing when declined', async () => {
    standin = await startStandin(WEEK);
    const r = await tty(['handoff'], { confirm: false });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/handoff #101: skipped \(not confirmed\)/);
    expect(r.stdout).toMatch(/## Support handoff 2026-W50: @grace-hopper → @katherine-j \(Backup @ada-lovelace\)/);
    expect(mutations()).toHaveLength(0);
  });
});
