import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { desk, deskConfig, deskScenario, expectDeskPost, mutations } from '../support/desk.js';
import { team, user } from '../support/scenario.js';
import { parseMarker } from '../../src/core/markers.js';
import { memoryGitHub } from '../support/memoryGitHub.js';

// away, delegate, claim and notify run on the in-memory port (test/support/memoryGitHub.ts): every write
// must be expected, and afterEach fails on one that never came. What needs HTTP, or other commands, uses the stand-in.
let standin: Standin | undefined;
let gh: ReturnType<typeof memoryGitHub> | undefined;
let clock = '';
const world = (s: object) => (gh = memoryGitHub(s, { now: () => clock }));
afterEach(async () => {
  await standin?.close();
  standin = undefined;
  const g = gh;
  gh = undefined;
  g?.verify();
});
/** Expects `times` keyed posts to the desk thread whose body matches (each reserved first). */
const expectPost = (body: RegExp, times = 1) => expectDeskPost(gh!, body, times);

// The week of Mon Nov 30 2026: Grace is Primary, Edsger Backup. The stand-in's token is Grace's.
const MON_0900 = '2026-11-30T17:00:00Z';
const TUE_1000 = '2026-12-01T18:00:00Z';

async function start(viewer = 'grace-hopper') {
  const s = deskScenario([]);
  (s as { viewer: string }).viewer = viewer;
  return world(s);
}

/** The same desk on the stand-in, for the other commands here. */
async function startHttp(viewer = 'grace-hopper') {
  const s = deskScenario([]);
  (s as { viewer: string }).viewer = viewer;
  standin = await startStandin(s);
  return standin;
}

async function cli(args: string[], now: string, config: string, env: Record<string, string> = {}) {
  clock = now;
  standin?.setClock(now);
  const r = await run(args, {
    now,
    env: { VISIT_SRE_CONFIG: config, ...env },
    ...(gh
      ? { githubPort: gh.port }
      : { github: standin ? { url: standin.url, token: standin.token } : { url: 'http://127.0.0.1:9', token: 't' } }),
  });
  return { ...r, json: () => JSON.parse(r.stdout) };
}

const markers = (s: Parameters<typeof desk>[0]) => desk(s).feed.map((c) => parseMarker(c.body));

describe('away', () => {
  it('posts a notice @mentioning the Primary and the Backup on duty, with a trusted away marker; a re-run posts nothing', async () => {
    const s = await start('katherine-j');
    expectPost(/"kind":"away"/);
    const config = deskConfig();
    const r = await cli(
      ['away', '--from', '2026-12-01T09:00', '--until', '2026-12-01T15:00', '--note', 'dentist', '--json'],
      MON_0900,
      config,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions).toEqual([
      {
        kind: 'away',
        number: 1,
        url: expect.stringMatching(/^https:\/\/github.com\/visit-dav\/visit\/issues\/1#issuecomment-/),
        status: 'done',
      },
    ]);
    const feed = desk(s).feed;
    expect(feed).toHaveLength(1);
    expect(feed[0]!.author).toBe('katherine-j');
    expect(feed[0]!.body).toMatch(
      /^\*\*Away:\*\* @katherine-j will be away from their desk from Tue Dec 1, 09:00 PST until Tue Dec 1, 15:00 PST \(5h of business hours\)\.\n> dentist\n@grace-hopper @edsger-d\n/,
    );
    expect(markers(s)[0]).toMatchObject({
      kind: 'away',
      who: 'katherine-j',
      from: '2026-12-01T17:00:00Z',
      until: '2026-12-01T23:00:00Z',
      note: 'dentist',
    });

    const again = await cli(
      ['away', '--from', '2026-12-01T09:00', '--until', '2026-12-01T15:00', '--note', 'dentist', '--json'],
      '2026-11-30T17:05:00Z',
      config,
    );
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped', reason: 'already on the desk thread' });
    expect(desk(s).feed).toHaveLength(1);
  });

  it('the Primary away: the text says who stands in, and who shows the acting roles side by side', async () => {
    const s = await start();
    expectPost(/"kind":"away"/);
    const config = deskConfig();
    const cache = tempDir();
    const r = await cli(['away', '--from', '2026-12-01T09:00', '--until', '2026-12-01T15:00'], MON_0900, config, { XDG_CACHE_HOME: cache });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ away #1: done/);
    expect(desk(s).feed[0]!.body).toMatch(
      /\n@edsger-d acts as Primary meanwhile\. @ada-lovelace acts as Backup meanwhile\. @edsger-d @ada-lovelace\n/,
    );

    const who = await cli(['who', '--at', '2026-12-01T10:00', '--json'], TUE_1000, config);
    expect(who.code, who.stderr).toBe(0);
    expect(who.json()).toMatchObject({
      primary: { login: 'grace-hopper' },
      backup: { login: 'edsger-d' },
      actingPrimary: { login: 'edsger-d', reason: 'primary-away', until: '2026-12-01T23:00:00Z' },
      actingBackup: { login: 'ada-lovelace', reason: 'backup-acting-primary', until: '2026-12-01T23:00:00Z' },
      away: [{ login: 'grace-hopper', from: '2026-12-01T17:00:00Z', until: '2026-12-01T23:00:00Z', source: 'desk' }],
      desk: { thread: 'visit-dav/visit#1', readAt: '2026-12-01T18:00:00Z' },
    });
    const rows = (await cli(['who', '--at', '2026-12-01T10:00'], TUE_1000, config)).stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.filter((row) => row[0]!.startsWith('acting') || row[0] === 'away').map((row) => row.slice(0, 2))).toEqual([
      ['acting-primary', 'edsger-d'],
      ['acting-backup', 'ada-lovelace'],
      ['away', 'grace-hopper'],
    ]);
    const tty = await run(['who', '--at', '2026-12-01T10:00', '--no-color'], {
      now: TUE_1000,
      tty: true,
      env: { VISIT_SRE_CONFIG: config },
      githubPort: s.port,
    });
    // At the 100 columns of the test terminal, names shorten (a column's together) and the shift's dates go before who acts, and why, is cut.
    expect(tty.stdout).toMatch(/\nROLE +ROTA +ACTING\n/);
    expect(tty.stdout).toMatch(/\nPrimary +@grace-hopper +@edsger-d \(the Primary is away, until Tue Dec 1 15:00\)\n/);
    expect(tty.stdout).toMatch(/\nBackup +@edsger-d +@ada-lovelace \(the Backup acts as Primary, until Tue Dec 1 15:00\)\n/);
    for (const line of tty.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(tty.stdout).toMatch(/Away: @grace-hopper Tue Dec 1 09:00 → Tue Dec 1 15:00/);
  });

  it('warns when the stretch is shorter than the response goal in business time, and posts all the same', async () => {
    const s = await start('katherine-j');
    expectPost(/"kind":"away"/);
    const r = await cli(['away', '--from', '2026-12-01T11:00', '--until', '2026-12-01T14:00'], MON_0900, deskConfig());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: the stretch is 2h of business time, shorter than the 4h response goal: no notice is needed, posting it all the same$/m,
    );
    expect(desk(s).feed).toHaveLength(1);
  });

  it('--cancel withdraws the latest notice; who then shows the rota again', async () => {
    const s = await start();
    expectPost(/"kind":"away"/);
    expectPost(/"kind":"away-cancel"/);
    const config = deskConfig();
    await cli(['away', '--from', '2026-12-01T09:00', '--until', '2026-12-01T15:00'], MON_0900, config);
    const cancel = await cli(['away', '--cancel', '--json'], '2026-11-30T18:00:00Z', config);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(markers(s)[1]).toMatchObject({ kind: 'away-cancel', who: 'grace-hopper', cancels: markers(s)[0]!.key });
    expect(desk(s).feed[1]!.body).toMatch(
      /^\*\*Back:\*\* @grace-hopper withdrew the away notice for Tue Dec 1, 09:00 PST until Tue Dec 1, 15:00 PST/,
    );
    const who = await cli(['who', '--at', '2026-12-01T10:00', '--json'], TUE_1000, config);
    expect(who.json()).toMatchObject({ actingPrimary: { login: 'grace-hopper', reason: 'rota' }, away: [] });
    const nothing = await cli(['away', '--cancel'], '2026-11-30T18:05:00Z', config);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^error: @grace-hopper has no away notice on the desk thread to withdraw/);
  });

  it('--dry-run prints exactly what would be posted and writes nothing', async () => {
    const s = await start();
    const r = await cli(['away', '--until', '+5h', '--as', 'alan-turing', '--dry-run'], MON_0900, deskConfig());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^\*\*Away:\*\* @alan-turing will be away from their desk from Mon Nov 30, 09:00 PST until Mon Nov 30, 14:00 PST \(4h of business hours\)\.\n@grace-hopper @edsger-d\n\n<!-- visit-sre \{"v":1,"kind":"away","who":"alan-turing"/,
    );
    expect(s.writes).toHaveLength(0);
  });

  it.each([
    [['away'], /^error: away needs --until WHEN/],
    [['away', '--cancel', '--until', '+1h'], /^error: --cancel withdraws your latest away notice and takes no --from/],
    [['away', '--from', '+3h', '--until', '+1h'], /^error: --until \+1h is not after --from \+3h/],
    [['away', '--until', 'whenever'], /^error: invalid --until "whenever"/],
  ])('refuses %j with exit 2', async (args, message) => {
    await start();
    const r = await cli(args, MON_0900, deskConfig());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(gh!.writes).toHaveLength(0);
  });
});

describe('delegate', () => {
  it('proposes to the Backup by default, @mentioning the delegate with a trusted delegate marker; who follows it once accepted', async () => {
    const s = deskScenario([]);
    (s as { tokens?: Record<string, string> }).tokens = { 'edsger-token': 'edsger-d' };
    standin = await startStandin(s);
    const config = deskConfig();
    const r = await cli(['delegate', '--from', '2026-12-01T13:00', '--until', '2026-12-01T15:00', '--json'], MON_0900, config);
    expect(r.code, r.stderr).toBe(0);
    expect(desk(standin).feed[0]!.body).toMatch(
      /^\*\*Delegation proposed:\*\* @grace-hopper asks @edsger-d to act as Primary from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST\./,
    );
    expect(markers(standin)[0]).toMatchObject({
      kind: 'delegate',
      from: 'grace-hopper',
      to: 'edsger-d',
      start: '2026-12-01T21:00:00Z',
      until: '2026-12-01T23:00:00Z',
    });
    const at = async (when: string) => (await cli(['who', '--at', when, '--json'], TUE_1000, config)).json();
    expect((await at('2026-12-01T14:00')).actingPrimary).toMatchObject({ login: 'grace-hopper', reason: 'rota' });
    const yes = await cli(['delegate', '--accept'], '2026-11-30T17:10:00Z', config, { GH_TOKEN: 'edsger-token' });
    expect(yes.code, yes.stderr).toBe(0);
    expect(desk(standin).feed[1]).toMatchObject({ author: 'edsger-d' });
    expect((await at('2026-12-01T14:00')).actingPrimary).toMatchObject({ login: 'edsger-d', reason: 'delegation' });
    expect((await at('2026-12-01T15:00')).actingPrimary).toMatchObject({ login: 'grace-hopper', reason: 'rota' });
  });

  it("on a terminal, its line wraps at a word with the URL whole, within the terminal's width", async () => {
    standin = await startStandin(deskScenario([]));
    const r = await run(['delegate', '--from', '2026-12-01T13:00', '--until', '2026-12-01T15:00', '--no-color'], {
      now: MON_0900,
      tty: true,
      env: { VISIT_SRE_CONFIG: deskConfig() },
      github: { url: standin.url, token: standin.token },
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/^✓ delegate #1: asked @edsger-d to act as Primary for @grace-hopper/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
    // The URL is one word on its line, never broken by the wrap.
    expect(lines.some((l) => /(^|\s)https?:\/\/\S+#issuecomment-\d+$/.test(l))).toBe(true);
  });

  it('one that overlaps another for the same shift says it replaces it once accepted', async () => {
    const s = await start();
    expectPost(/"kind":"delegate"/, 2);
    const config = deskConfig();
    await cli(['delegate', '--from', '2026-12-01T13:00', '--until', '2026-12-01T15:00'], MON_0900, config);
    const r = await cli(
      ['delegate', '--to', 'alan-turing', '--from', '2026-12-01T14:00', '--until', '2026-12-01T17:00'],
      '2026-11-30T17:10:00Z',
      config,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: once accepted, this replaces the delegation to @edsger-d from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST$/m,
    );
    expect(desk(s).feed[1]!.body).toMatch(
      /\nOnce accepted, this replaces the delegation to @edsger-d from Tue Dec 1, 13:00 PST until Tue Dec 1, 15:00 PST\.\n/,
    );
    const who = await cli(['who', '--at', '2026-12-01T13:30', '--json'], TUE_1000, config);
    expect(who.json().actingPrimary.login).toBe('grace-hopper');
  });

  it('refuses a delegate who is not on the team, or the Primary themself', async () => {
    await start();
    const config = deskConfig();
    const stranger = await cli(['delegate', '--to', 'zed', '--until', '+2h'], MON_0900, config);
    expect([stranger.code, stranger.stderr.split('\n')[0]]).toEqual([2, 'error: --to @zed is not on the team']);
    const self = await cli(['delegate', '--to', 'grace-hopper', '--until', '+2h'], MON_0900, config);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/@grace-hopper is the Primary/);
  });
});

describe('the desk thread', () => {
  it('a missing or malformed desk.thread is a usage error naming the key', async () => {
    await start();
    for (const cmd of [
      ['away', '--until', '+5h'],
      ['delegate', '--until', '+2h'],
    ]) {
      const missing = await cli(cmd, MON_0900, deskConfig({ desk: { thread: null } }));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^error: no desk thread: config key "desk.thread" is not set/);
    }
    const bad = await cli(['who'], MON_0900, deskConfig({ desk: { thread: 'visit-dav/visit' } }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"desk.thread" must be "OWNER\/NAME#NUMBER"/);
  });

  it('that cannot be reached is a clear error for away, and who answers from the rotation with a warning', async () => {
    const config = deskConfig();
    const away = await cli(['away', '--until', '+5h'], MON_0900, config, { VISIT_SRE_RETRY_BASE_MS: '1' });
    expect(away.code).toBe(1);
    expect(away.stderr.trim().split('\n')).toHaveLength(2);
    expect(away.stderr).not.toMatch(/\n\s+at /);
    const who = await cli(['who', '--json'], MON_0900, config, { VISIT_SRE_RETRY_BASE_MS: '1' });
    expect(who.code).toBe(0);
    expect(who.stderr).toMatch(
      /^warning: the desk thread visit-dav\/visit#1 could not be read \(.*\); showing the rotation without away notices or delegations$/m,
    );
    expect(who.json()).toMatchObject({
      primary: { login: 'grace-hopper' },
      actingPrimary: { login: 'grace-hopper' },
      desk: { readAt: null },
    });
  });

  it('who uses a fresh cache without GitHub, refreshes an old one, and says how old it is when GitHub is gone', async () => {
    const spec = deskScenario([]);
    (spec as { viewer: string }).viewer = 'grace-hopper';
    const s = (standin = await startStandin(spec));
    const config = deskConfig();
    const cache = tempDir();
    await cli(['away', '--from', '2026-12-01T09:00', '--until', '2026-12-01T15:00'], MON_0900, config, { XDG_CACHE_HOME: cache });
    const before = s.log.length;
    const warm = await cli(['who', '--at', '2026-12-01T10:00', '--json'], '2026-11-30T17:03:00Z', config, { XDG_CACHE_HOME: cache });
    expect(warm.json().actingPrimary.login).toBe('edsger-d');
    expect(s.log.length).toBe(before);
    await s.close();
    standin = undefined;
    const old = await cli(['who', '--at', '2026-12-01T10:00', '--json'], '2026-11-30T20:00:00Z', config, {
      XDG_CACHE_HOME: cache,
      VISIT_SRE_RETRY_BASE_MS: '1',
    });
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(
      /^warning: the desk thread visit-dav\/visit#1 could not be read \(.*\); away notices and delegations as read 3 hours ago$/m,
    );
    expect(old.json()).toMatchObject({ actingPrimary: { login: 'edsger-d' }, desk: { readAt: '2026-11-30T17:00:00Z' } });
  });
});

describe('claim', () => {
  it('claims the only open request, telling the member who holds the contact; a second claim by someone else is refused', async () => {
    const req = team(
      'katherine-j',
      '2026-11-30T16:00:00Z',
      '**Classified inquiry 1:** …\n\n<!-- visit-sre {"v":1,"kind":"classified","number":1,"neededBy":"2026-11-30T21:00:00Z","handler":"katherine-j","access":["ada-lovelace","alan-turing"],"key":"k1"} -->',
    );
    const s = deskScenario([], [{ ...req, author: 'katherine-j', body: req.body! }]);
    (s as { viewer: string }).viewer = 'ada-lovelace';
    const g = world(s);
    expectPost(/"kind":"claim"/);
    g.expectWrite('updateThreadBody', { number: 1, times: 'any' });
    const config = deskConfig();
    const r = await cli(['claim', '--json'], MON_0900, config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions[0]).toMatchObject({ kind: 'claim', status: 'done' });
    expect(desk(g).feed[1]!.body).toMatch(
      /^\*\*Classified inquiry 1\*\* is claimed by @ada-lovelace\. @katherine-j: please hand it over off GitHub\.\n\n<!-- visit-sre \{"v":1,"kind":"claim","request":"k1","number":1,"who":"ada-lovelace","key":"claim:k1"\} -->$/,
    );
    const again = await cli(['claim', '1', '--json'], '2026-11-30T17:05:00Z', config);
    expect(again.json().actions[0]).toMatchObject({ status: 'skipped' });
    const other = await cli(['claim', '1', '--as', 'alan-turing'], '2026-11-30T17:06:00Z', config);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^error: classified inquiry 1 is already claimed by @ada-lovelace/);
    const reminder = await cli(['notify', '--json'], '2026-11-30T19:05:00Z', config);
    expect(reminder.json().notifications.map((n: { when: string }) => n.when)).not.toContain('classified-reminder');
    expect(desk(g).feed).toHaveLength(2);
  });

  it('refuses someone without classified access, and a number that is not on the thread', async () => {
    world(deskScenario([]));
    const none = await cli(['claim', '4'], MON_0900, deskConfig());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: no classified inquiry 4 on the desk thread/);
    const bad = await cli(['claim', 'four'], MON_0900, deskConfig());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: invalid classified inquiry number "four"/);
  });
});

describe('notify and the acting roles', () => {
  const inquiry = () => [
    { ...user('jdoe', '2026-11-28T22:00:00Z', 'Saturday: the Silo reader crashes'), title: 'Silo crash', category: 'help-using-visit' },
  ];

  it('tells the acting Primary, not the away owner, about a new inquiry', async () => {
    const g = world(deskScenario(inquiry()));
    expectPost(/"kind":"away"/);
    expectPost(/"kind":"notify"/);
    g.expectWrite('updateThreadBody', { number: 1 });
    const config = deskConfig();
    await cli(['away', '--from', '2026-11-30T09:00', '--until', '2026-11-30T12:00'], '2026-11-30T16:30:00Z', config);
    const r = await cli(['notify', '--json'], '2026-11-30T17:15:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r
        .json()
        .notifications.filter((n: { when: string }) => n.when === 'new')
        .map((n: { to: string[] }) => n.to),
    ).toEqual([['edsger-d']]);
  });

  it('reminds the members with classified access once, when the time is near and nobody has claimed it', async () => {
    const request = team(
      'katherine-j',
      '2026-11-30T16:00:00Z',
      '**Classified inquiry 1:** …\n\n<!-- visit-sre {"v":1,"kind":"classified","number":1,"neededBy":"2026-11-30T21:00:00Z","handler":"katherine-j","access":["ada-lovelace","alan-turing"],"key":"classified:katherine-j:2026-11-30T16:00:00Z"} -->',
    );
    const g = world(deskScenario([], [{ ...request, author: 'katherine-j', body: request.body! }]));
    expectPost(/classified-reminder/);
    g.expectWrite('updateThreadBody', { number: 1, times: 'any' });
    const config = deskConfig();
    const early = await cli(['notify', '--json'], '2026-11-30T17:15:00Z', config);
    expect(early.json().notifications.map((n: { when: string }) => n.when)).not.toContain('classified-reminder');
    const near = await cli(['notify', '--json'], '2026-11-30T19:05:00Z', config);
    expect(near.code, near.stderr).toBe(0);
    expect(near.json().notifications.filter((n: { when: string }) => n.when === 'classified-reminder')).toEqual([
      {
        key: 'classified-reminder:classified:katherine-j:2026-11-30T16:00:00Z',
        when: 'classified-reminder',
        number: null,
        url: null,
        to: ['ada-lovelace', 'alan-turing'],
        covers: ['classified-reminder:classified:katherine-j:2026-11-30T16:00:00Z'],
        status: 'done',
      },
    ]);
    expect(desk(g).feed.at(-1)!.body).toMatch(
      /- 🔒 Classified inquiry 1 is still unclaimed and needed by Mon Nov 30, 13:00 PST: claim it with `visit-sre claim 1` → @ada-lovelace @alan-turing/,
    );
    const again = await cli(['notify', '--json'], '2026-11-30T19:20:00Z', config);
    expect(again.json().notifications.map((n: { when: string }) => n.when)).not.toContain('classified-reminder');
  });
});

describe('schedule swap', () => {
  it('posts its announcement to the desk thread, @mentioning both people whose shift changed; --dry-run only prints it', async () => {
    standin = await startStandin(deskScenario([]));
    const dir = tempDir();
    copyFileSync(path.join(REPO_ROOT, 'schedules', 'team.json'), path.join(dir, 'team.json'));
    writeFileSync(
      path.join(dir, 'visit-sre.config.json'),
      JSON.stringify({ rotation: 'rotation.ics', team: 'team.json', desk: { thread: 'visit-dav/visit#1' } }),
    );
    const gh = { url: standin.url, token: standin.token };
    expect((await run(['schedule', 'generate', '--start', '2027-01-04', '--weeks', '6'], { cwd: dir, now: MON_0900 })).code).toBe(0);
    const who = JSON.parse((await run(['who', '--json', '--at', '2027-01-20T20:00:00Z'], { cwd: dir, now: MON_0900, github: gh })).stdout);
    const backup = who.backup.login as string;
    const candidate = ['ada-lovelace', 'grace-hopper', 'alan-turing'].find((l) => l !== who.primary.login && l !== backup)!;
    const args = ['schedule', 'swap', '--week', '2027-01-20', '--role', 'backup', '--with', candidate, '--force'];
    const dry = await run([...args, '--dry-run'], { cwd: dir, now: MON_0900, github: gh });
    expect(dry.code, dry.stderr).toBe(0);
    // the change and the announcement, never the whole calendar (docs/process.md#swaps)
    expect(dry.stdout).toMatch(new RegExp(`^week +2027-W03 \\(Mon Jan 18\\)\nrole +backup\nbefore +@${backup}\nafter +@${candidate}\n`));
    expect(dry.stdout).toMatch(new RegExp(`SRE rotation change: Backup for the week of Mon Jan 18 \\(2027-W03\\) is now @${candidate}`));
    expect(dry.stdout).not.toMatch(/BEGIN:VCALENDAR/);
    expect(mutations(standin)).toHaveLength(0);
    const r = await run(args, { cwd: dir, now: MON_0900, github: gh });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Posted to the desk thread: https:\/\/github.com\/visit-dav\/visit\/issues\/1#issuecomment-/);
    const feed = desk(standin).feed;
    expect(feed).toHaveLength(1);
    expect(feed[0]!.body).toMatch(
      new RegExp(
        `^SRE rotation change: Backup for the week of Mon Jan 18 \\(2027-W03\\) is now @${candidate} \\(.*\\), taking over from @${backup}\\.`,
      ),
    );
    expect(parseMarker(feed[0]!.body)).toMatchObject({
      kind: 'swap',
      week: '2027-01-18',
      role: 'backup',
      from: backup,
      to: candidate,
      sequence: 1,
    });
  });
});

describe('escalate and the acting Backup', () => {
  it('asks the acting Backup: with the Backup away, the next experienced member', async () => {
    const s = deskScenario([{ ...user('jdoe', '2026-11-30T16:30:00Z', 'Silo crash'), title: 'Silo crash', category: 'help-using-visit' }]);
    standin = await startStandin(s);
    const config = deskConfig();
    const away = await cli(
      ['away', '--as', 'edsger-d', '--from', '2026-11-30T09:00', '--until', '2026-11-30T17:00'],
      '2026-11-30T16:45:00Z',
      config,
    );
    expect(away.code, away.stderr).toBe(0);
    const r = await cli(['escalate', '100', '--json'], MON_0900, config);
    expect(r.code, r.stderr).toBe(0);
    const thread = standin.store.snapshot()[0]!.discussions.find((d) => d.number === 100)!;
    expect(thread.comments.at(-1)!.body).toMatch(/^@ada-lovelace, could you help with this one\?/);
  });
});

describe('start and ownership under acting roles', () => {
  it('a new inquiry belongs to the acting Primary, and start shows who acts now', async () => {
    standin = await startStandin(
      deskScenario([
        { ...user('jdoe', '2026-11-30T18:00:00Z', 'Silo crash'), title: 'While Grace is away', category: 'help-using-visit' },
        { ...user('mroe', '2026-11-30T16:10:00Z', 'Mesh question'), title: 'Before Grace left', category: 'help-using-visit' },
      ]),
    );
    const config = deskConfig();
    expect((await cli(['away', '--from', '2026-11-30T09:00', '--until', '2026-11-30T12:00'], '2026-11-30T16:30:00Z', config)).code).toBe(0);
    const r = await cli(['start', '--json'], '2026-11-30T19:00:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({
      as: 'grace-hopper',
      role: 'primary',
      primary: 'grace-hopper',
      actingPrimary: 'edsger-d',
      actingBackup: 'ada-lovelace',
      away: [{ login: 'grace-hopper', source: 'desk' }],
    });
    expect(out.discussions.map((d: { title: string; owner: string }) => [d.title, d.owner])).toEqual([
      ['Before Grace left', 'grace-hopper'],
      ['While Grace is away', 'edsger-d'],
    ]);
  });
});

describe('log-call by someone who is not the acting Primary (three-way handoff)', () => {
  const logCall = (extra: string[] = []) => [
    'log-call',
    '--via',
    'hallway',
    '--title',
    'Silo plugin question',
    '--body',
    'Asked in the hallway about the Silo plugin.',
    '--at',
    '2026-11-30T09:30',
    ...extra,
    '--json',
  ];

  it('records the receiver and the acting Primary who owns it, tells the owner on the desk thread, and the clock runs', async () => {
    const s = await startHttp('katherine-j');
    const config = deskConfig();
    const r = await cli(logCall(), '2026-11-30T17:45:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([
      ['log-call', 'done'],
      ['misdirected', 'done'],
    ]);
    const d = s.store.snapshot()[0]!.discussions.find((x) => x.title === 'Silo plugin question')!;
    expect(d.body).toMatch(/- Received by: @katherine-j\n- Owner: @grace-hopper \(acting Primary\)\n/);
    expect(d.body).not.toMatch(/Taken by/);
    expect(parseMarker(d.body)).toMatchObject({ kind: 'contact', handler: 'grace-hopper', receiver: 'katherine-j', answered: false });
    expect(desk(s).feed[0]!.body).toMatch(
      new RegExp(
        `^\\*\\*Contact for the Primary:\\*\\* @katherine-j logged a contact that reached them, and it is yours, @grace-hopper: #${d.number} \\(.*\\)\\. Nobody has answered the customer yet: the response clock runs for you\\.`,
      ),
    );
    const briefing = (await cli(['start', '--json', '--as', 'grace-hopper'], '2026-11-30T18:00:00Z', config)).json();
    expect(briefing.discussions.find((x: { title: string }) => x.title === 'Silo plugin question')).toMatchObject({
      state: 'waiting-on-team',
      owner: 'grace-hopper',
      waitingSince: '2026-11-30T17:30:00Z',
    });
  });

  it("with --answered the logging post is the team's response", async () => {
    const s = await startHttp('katherine-j');
    const config = deskConfig();
    const r = await cli(logCall(['--answered']), '2026-11-30T17:45:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    const d = s.store.snapshot()[0]!.discussions.find((x) => x.title === 'Silo plugin question')!;
    expect(d.body).toMatch(/- Received by: @katherine-j, who answered the customer\n/);
    expect(desk(s).feed[0]!.body).toMatch(/@katherine-j has answered the customer already\./);
    const briefing = (await cli(['start', '--json', '--as', 'grace-hopper'], '2026-11-30T18:00:00Z', config)).json();
    expect(briefing.discussions.find((x: { title: string }) => x.title === 'Silo plugin question')).toMatchObject({
      state: 'waiting-on-user',
    });
  });

  it('the acting Primary logging it themselves is "Taken by", as before, and tells nobody', async () => {
    const s = await startHttp();
    const r = await cli(logCall(), '2026-11-30T17:45:00Z', deskConfig());
    expect(r.code, r.stderr).toBe(0);
    expect(s.store.snapshot()[0]!.discussions.find((x) => x.title === 'Silo plugin question')!.body).toMatch(/- Taken by: @grace-hopper\n/);
    expect(desk(s).feed).toHaveLength(0);
  });
});

describe('log-call --classified --needed-by', () => {
  it('asks the desk thread for someone with access, with no content at all, and journals the contact', async () => {
    const s = await startHttp('katherine-j');
    const state = tempDir();
    const r = await cli(
      [
        'log-call',
        '--classified',
        '--via',
        'walk-in',
        '--title',
        'SECRET-TITLE',
        '--body',
        'SECRET-BODY',
        '--customer',
        'Jane SECRET <jane@lab.gov>',
        '--needed-by',
        '2026-11-30T15:00',
        '--json',
      ],
      MON_0900,
      deskConfig(),
      { XDG_STATE_HOME: state },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().actions.map((a: { kind: string; status: string }) => [a.kind, a.status])).toEqual([
      ['classified', 'done'],
      ['classified', 'done'],
    ]);
    const feed = desk(s).feed;
    expect(feed).toHaveLength(1);
    expect(feed[0]!.body).toMatch(
      /^\*\*Classified inquiry 1:\*\* someone with access is needed by Mon Nov 30, 15:00 PST\. @ada-lovelace @alan-turing: please claim it with `visit-sre claim 1`, then @katherine-j will hand it to you off GitHub\.\n\n<!-- visit-sre /,
    );
    expect(JSON.stringify(s.store.snapshot()) + JSON.stringify(s.log)).not.toMatch(/SECRET|jane|walk-in/i);
    expect(readFileSync(path.join(state, 'visit-sre', 'journal.jsonl'), 'utf8')).not.toMatch(/SECRET/);
  });
});

describe('handoff and the acting roles', () => {
  it("hands to the next shift's acting Primary: its Backup while its Primary is away as it starts", async () => {
    standin = await startStandin(
      deskScenario([{ ...user('jdoe', '2026-12-02T17:00:00Z', 'Silo crash'), title: 'Open one', category: 'help-using-visit' }]),
    );
    const config = deskConfig();
    expect(
      (
        await cli(
          ['away', '--as', 'katherine-j', '--from', '2026-12-07T00:00', '--until', '2026-12-07T12:00'],
          '2026-12-04T20:00:00Z',
          config,
        )
      ).code,
    ).toBe(0);
    const r = await cli(['handoff', '--yes', '--json'], '2026-12-04T23:00:00Z', config);
    expect(r.code, r.stderr).toBe(0);
    const d = standin.store.snapshot()[0]!.discussions.find((x) => x.title === 'Open one')!;
    expect(parseMarker(d.comments.at(-1)!.body)).toMatchObject({ kind: 'handoff', to: 'ada-lovelace' });
  });
});
