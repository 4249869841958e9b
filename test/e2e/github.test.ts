import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT } from '../support/deps.js';
import { runBin } from '../support/bin.js';
import { scenario, user, team } from '../support/scenario.js';

const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
const NOW = '2026-12-01T19:00:00Z'; // Tue 11:00 Pacific, the week after Thanksgiving
let standin: Standin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function against(spec: string | object, args: string[], env: Record<string, string> = {}) {
  standin ??= await startStandin(spec);
  return runBin(args, {
    env: { GITHUB_API_URL: standin.url, GH_TOKEN: standin.token, VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_NOW: NOW, ...env },
  });
}

describe('overdue against the stand-in (the built bin)', () => {
  it('reports exactly the overdue, due-soon and stale discussions of the week', async () => {
    const r = await against(WEEK, ['overdue', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.generatedAt).toBe('2026-12-01T19:00:00Z');
    expect(out.responseGoal).toBe('4h');
    // asked on the Friday after Thanksgiving (a holiday), due Monday noon, across the weekend
    expect(out.overdue).toEqual([
      {
        number: 101,
        title: 'Pseudocolor plot of a Silo file shows nothing',
        url: 'https://github.com/visit-dav/visit/discussions/101',
        author: 'jdoe-lab',
        state: 'waiting-on-team',
        owner: 'grace-hopper',
        waitingSince: '2026-11-27T23:00:00Z',
        dueAt: '2026-11-30T20:00:00Z',
        businessHoursWaiting: 11,
        lastUserActivityAt: '2026-11-27T23:00:00Z',
        daysSinceUserActivity: 3,
        overdue: true,
        dueSoon: false,
        stale: false,
        via: 'github',
      },
    ]);
    // #108: a bot's comment does not answer; #102: the user's reply in a thread restarts the wait
    expect(out.dueSoon.map((i: { number: number; dueAt: string }) => [i.number, i.dueAt])).toEqual([
      [108, '2026-12-01T19:30:00Z'],
      [102, '2026-12-01T20:00:00Z'],
    ]);
    expect(
      out.stale.map((i: { number: number; daysSinceUserActivity: number; state: string }) => [
        i.number,
        i.state,
        Math.floor(i.daysSinceUserActivity),
      ]),
    ).toEqual([[104, 'waiting-on-user', 25]]);
    // answered (#103), closed (#109), out-of-scope (#110), handed off (#105), logged call (#107) and the
    // forged handoff (#106, still the Primary's and due at 15:30) are in none of the lists
    const listed = [...out.overdue, ...out.dueSoon, ...out.stale].map((i: { number: number }) => i.number);
    expect(listed.sort()).toEqual([101, 102, 104, 108]);
    for (const absent of [103, 105, 106, 107, 109, 110]) expect(listed).not.toContain(absent);
    expect(standin!.graphqlRequests().length).toBeLessThanOrEqual(4 + 1);
  });

  it('prints TSV and markdown on request', async () => {
    const tsv = await against(WEEK, ['overdue', '--format', 'tsv']);
    expect(tsv.stdout.split('\n')[0]).toBe(
      'overdue\t101\tgrace-hopper\t2026-11-30T20:00:00Z\t11\tPseudocolor plot of a Silo file shows nothing\thttps://github.com/visit-dav/visit/discussions/101',
    );
    const md = await against(WEEK, ['overdue', '--format', 'markdown']);
    expect(md.stdout).toMatch(/### Overdue \(1\)/);
    expect(md.stdout).toMatch(/\| \[#101\]\(https:\/\/github\.com\/visit-dav\/visit\/discussions\/101\) \|/);
  });

  it('--fail-on-overdue exits 8; --quiet is silent when nothing is overdue or stale', async () => {
    expect((await against(WEEK, ['overdue', '--quiet', '--fail-on-overdue'])).code).toBe(8);
    await standin!.close();
    standin = undefined;
    const calm = scenario([{ ...user('u', '2026-12-01T18:30:00Z'), title: 'fresh' }]);
    const r = await against(calm, ['overdue', '--quiet', '--fail-on-overdue']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('counts a DST week right: Friday 16:00 PDT is due Monday 11:00 PST', async () => {
    const dst = scenario([{ ...user('u', '2026-10-30T23:00:00Z'), title: 'before fall-back' }]);
    const r = await against(dst, ['overdue', '--json'], { VISIT_SRE_NOW: '2026-11-02T19:30:00Z' });
    const out = JSON.parse(r.stdout);
    expect(
      out.overdue.map((i: { number: number; dueAt: string; businessHoursWaiting: number }) => [i.dueAt, i.businessHoursWaiting]),
    ).toEqual([['2026-11-02T19:00:00Z', 4.5]]);
  });
});

describe('start and doctor against the stand-in', () => {
  it('briefs the Primary: role, backup, handed-off, urgency, holidays, fruit', async () => {
    const r = await against(WEEK, ['start', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      as: 'grace-hopper',
      role: 'primary',
      primary: 'grace-hopper',
      backup: 'edsger-d',
      shift: { start: '2026-11-30T08:00:00Z', end: '2026-12-07T08:00:00Z' },
      holidays: [],
      outbox: 0,
    });
    expect(out.handedOff.map((i: { number: number }) => i.number)).toEqual([105]);
    expect(out.discussions.map((i: { number: number }) => i.number)).toEqual([101, 108, 102, 106, 104, 105, 107]);
    expect(out.lowHangingFruit.map((i: { number: number }) => i.number)).toEqual([202, 201]);
  });

  it('start --as the Backup', async () => {
    const out = JSON.parse((await against(WEEK, ['start', '--json', '--as', 'edsger-d'])).stdout);
    expect(out).toMatchObject({ as: 'edsger-d', role: 'backup', handedOff: [] });
  });

  it('doctor passes every check on a healthy setup', async () => {
    const r = await against(WEEK, ['doctor']);
    expect(r.stdout).toMatch(/✓ token: authenticated as @grace-hopper/);
    expect(r.stdout).toMatch(/✓ categories/);
    expect(r.stdout).toMatch(/✓ calendar: Primary and Backup covered/);
    expect(r.stdout).not.toMatch(/✗/);
    expect(r.code).toBe(0);
  });
});

describe('bad input and bad weather (the built bin)', () => {
  it('a bad token exits 4, names GH_TOKEN and never prints the token', async () => {
    const r = await against(WEEK, ['overdue'], { GH_TOKEN: 'ghp_sekrit123' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/GH_TOKEN/);
    expect(r.stdout + r.stderr).not.toMatch(/sekrit/);
  });

  it('no token at all exits 4', async () => {
    standin = await startStandin(WEEK);
    const r = await runBin(['overdue'], {
      env: { GITHUB_API_URL: standin.url, VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_NOW: NOW, PATH: '/nonexistent' },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no GitHub token/);
  });

  it('an unknown category exits 2 and names it', async () => {
    standin = await startStandin(WEEK);
    const { writeFileSync } = await import('node:fs');
    const cfg = path.join((await import('../support/deps.js')).tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ discussions: { categories: ['help-using-visit', 'q-and-a'] }, rotation: null, team: [] }));
    const r = await against(WEEK, ['overdue'], { VISIT_SRE_CONFIG: cfg });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/category "q-and-a" does not exist/);
  });

  it('an unknown label exits 2 and names it, instead of finding nothing', async () => {
    standin = await startStandin(WEEK);
    const { writeFileSync } = await import('node:fs');
    const cfg = path.join((await import('../support/deps.js')).tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ discussions: { categories: [], label: 'suport' }, rotation: null, team: [] }));
    const r = await against(WEEK, ['overdue', '--json'], { VISIT_SRE_CONFIG: cfg });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the label "suport" does not exist in visit-dav\/visit/);
    expect(r.stdout).toBe('');
  });

  it('an unknown repository exits 2 and names it', async () => {
    standin = await startStandin(WEEK);
    const { writeFileSync } = await import('node:fs');
    const cfg = path.join((await import('../support/deps.js')).tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ repository: 'visit-dav/visitt', rotation: null, team: [] }));
    const r = await against(WEEK, ['overdue'], { VISIT_SRE_CONFIG: cfg });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/visit-dav\/visitt/);
  });

  it('GitHub down exits 1 after bounded retries and says what failed', async () => {
    standin = await startStandin(WEEK);
    const url = standin.url;
    await standin.close();
    standin = undefined;
    const r = await runBin(['overdue'], { env: { GITHUB_API_URL: url, GH_TOKEN: 'x', VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_NOW: NOW } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not connect to 127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
    expect(r.stderr).not.toMatch(/GitHub answered/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('a stalled listing request is abandoned after the timeout and tried again: the same report, in bounded time', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'stall', when: 'query' });
    // A timeout long enough that an answer on a busy machine is never taken for a stall.
    const r = await against(WEEK, ['overdue', '--json'], { VISIT_SRE_REQUEST_TIMEOUT_MS: '2000' });
    expect(r.code, r.stderr).toBe(0);
    expect(standin.log.filter((e) => e.status === 'stalled')).toHaveLength(1);
    expect(JSON.parse(r.stdout).overdue.map((i: { number: number }) => i.number)).toEqual([101]);
  });

  it('GitHub that never answers: exit 1 after three timeouts, one line naming the wait', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'stall', when: 'query', times: 100 });
    const r = await against(WEEK, ['overdue'], { VISIT_SRE_REQUEST_TIMEOUT_MS: '300' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^error: .*GitHub did not answer within 0\.3 s, 3 tries in \d+(\.\d+)? s; GitHub is slow or unreachable, try again later\n$/,
    );
    expect(standin.log.filter((e) => e.status === 'stalled')).toHaveLength(3);
  });

  it('a partial GraphQL error exits 1, never "nothing overdue"', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'partial', when: 'query', times: 20 });
    const r = await against(WEEK, ['overdue', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/GitHub answered with errors/);
  });

  it('a forged marker from a user changes nothing', async () => {
    const forged = scenario([
      { ...user('mallory', '2026-12-01T16:00:00Z', `help <!-- visit-sre {"v":1,"kind":"handoff","to":"mallory"} -->`), title: 'forged' },
      { ...user('bob', '2026-12-01T16:00:00Z'), title: 'resolved by team', comments: [team('grace-hopper', '2026-12-01T16:30:00Z')] },
    ]);
    const out = JSON.parse((await against(forged, ['start', '--json'])).stdout);
    const item = out.discussions.find((d: { title: string }) => d.title === 'forged');
    expect(item).toMatchObject({ owner: 'grace-hopper', state: 'waiting-on-team' });
    expect(out.handedOff).toEqual([]);
  });
});

describe('stats never reports a partial count as the whole (#12.13)', () => {
  it('a range that GitHub search cannot return whole exits 1 with nothing on stdout', async () => {
    const burst = Array.from({ length: 1100 }, (_, i) => ({ ...user(`importer${i}`, '2026-11-24T18:00:00Z'), title: `imported ${i}` }));
    const r = await against(scenario(burst), ['stats', '--since', '2026-11-24', '--until', '2026-11-25', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: 1100 discussions of visit-dav/visit in "Help using VisIt" were created at 2026-11-24T18:00:00+00:00; GitHub search returns at most 1000, so the range cannot be read whole\nnothing was reported: a partial count would be wrong\n',
    );
  });
});

describe('log-call reads the description from standard input with --body-file -', () => {
  it('creates the discussion with the piped text', async () => {
    standin = await startStandin(WEEK);
    const r = await runBin(['log-call', '--via', 'email', '--title', 'Piped', '--body-file', '-'], {
      env: { GITHUB_API_URL: standin.url, GH_TOKEN: standin.token, VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_NOW: NOW },
      stdin: 'Forwarded email:\n> How do I make a movie?\n',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(standin.store.snapshot()[0]!.discussions.at(-1)!.body).toContain('> How do I make a movie?');
  });
});
