import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir, testDeps } from '../support/deps.js';
import { main } from '../../src/main.js';
import type { Prompter } from '../../src/app/context.js';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { deskScenario } from '../support/desk.js';
import { scenario } from '../support/scenario.js';
import { deskThreadFrom, experiencedOf, teamProblem } from '../../src/commands/init/steps.js';

/** Writes a one-member team file at `rel` under `dir`. */
function withTeam(dir: string, rel: string): string {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), JSON.stringify([{ login: 'ada-lovelace', name: 'Ada Lovelace' }]));
  return dir;
}

function scripted(answers: { confirm: boolean; members: string[] }, asked: string[] = []): Prompter {
  const members = [...answers.members];
  return {
    input: async (message, opts) => {
      asked.push(message);
      return message.startsWith('Team member') ? (members.shift() ?? '') : (opts?.default ?? '');
    },
    select: async () => {
      throw new Error('unused');
    },
    confirm: async (message) => {
      asked.push(message);
      return answers.confirm;
    },
    checkbox: async () => [],
    editor: async () => '',
  };
}

describe('init', () => {
  it('writes VisIt defaults without a terminal, and the file loads back', async () => {
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    const r = await run(['init'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(written).toMatchObject({
      repository: 'visit-dav/visit',
      timeZone: 'America/Los_Angeles',
      rotation: 'schedules/rotation.ics',
    });
    // The rule, never one year's dates (docs/config.md#holidays).
    expect(written.holidays).toEqual({ country: 'US' });
    expect((await run(['who', '--calendar', 'x.ics'], { cwd })).stderr).toMatch(/x\.ics not found/);
  });

  it('takes every answer as a flag', async () => {
    const cwd = withTeam(tempDir(), 'ops/team.json');
    const r = await run(
      [
        'init',
        '--repository',
        'acme/app',
        '--categories',
        'q-a, help',
        '--label',
        'support',
        '--time-zone',
        'Europe/Berlin',
        '--team',
        'ops/team.json',
      ],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(written).toMatchObject({
      repository: 'acme/app',
      productRepository: 'acme/app',
      discussions: { categories: ['q-a', 'help'], label: 'support' },
      timeZone: 'Europe/Berlin',
      team: 'ops/team.json',
    });
  });

  it('asks on a terminal, with the flags filling in what they give', async () => {
    const asked: string[] = [];
    const prompter: Prompter = {
      input: async (message, opts) => {
        asked.push(message);
        return message.startsWith('Team time zone') ? 'America/Chicago' : (opts?.default ?? '');
      },
      select: async () => {
        throw new Error('unused');
      },
      confirm: async () => true,
      checkbox: async () => [],
      editor: async () => '',
    };
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    const r = await run(['init', '--repository', 'acme/app'], { cwd, tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(asked.some((q) => q.startsWith('Repository whose'))).toBe(false);
    expect(asked.length).toBe(9);
    expect(asked).toContain('Country whose public holidays apply (ISO 3166 code, empty for none)');
    const written = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(written.timeZone).toBe('America/Chicago');
    expect(written.holidays).toEqual({ country: 'US' });
  });

  it('never overwrites without --force, and --dry-run writes nothing', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'visit-sre.config.json'), '{"repository":"keep/me"}');
    const refused = await run(['init'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists/);
    expect(refused.stderr).toMatch(/--force/);
    const dry = await run(['init', '--dry-run', '--repository', 'x/y'], { cwd });
    expect(JSON.parse(dry.stdout).repository).toBe('x/y');
    expect(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).toBe('{"repository":"keep/me"}');
    withTeam(cwd, 'schedules/team.json');
    const forced = await run(['init', '--force', '--repository', 'x/y'], { cwd });
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).repository).toBe('x/y');
  });

  it('replaces a broken config with --force', async () => {
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    writeFileSync(path.join(cwd, 'visit-sre.config.json'), '{ broken');
    expect((await run(['init', '--force'], { cwd })).code).toBe(0);
  });

  it('rejects a bad value with exit 2', async () => {
    const r = await run(['init', '--time-zone', 'Mars/Base', '--dry-run'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timeZone/);
  });

  describe('a config that works at once (#12.18)', () => {
    it('refuses, without a terminal, a team file that does not exist, and writes nothing', async () => {
      const cwd = tempDir();
      const r = await run(['init', '--team', 'ops/team.json'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'error: the team file ops/team.json does not exist\npass --members "login Full Name, login Full Name", or create it (a JSON array of members), or run `visit-sre init` on a terminal\n',
      );
      expect(existsSync(path.join(cwd, 'visit-sre.config.json'))).toBe(false);
    });

    it('on a terminal offers to create the team file from the members typed in, and who then works', async () => {
      const cwd = tempDir();
      const asked: string[] = [];
      const r = await run(['init', '--team', 'ops/team.json', '--rotation', 'rotation.ics'], {
        cwd,
        tty: true,
        prompter: scripted({ confirm: true, members: ['ada-lovelace Ada Lovelace', 'alan-turing Alan Turing'] }, asked),
      });
      expect(r.code, r.stderr).toBe(0);
      expect(asked).toContain('The team file ops/team.json does not exist. Create it now?');
      // Everyone typed in is experienced unless the answer says otherwise, so the rotation can be planned at once.
      expect(JSON.parse(readFileSync(path.join(cwd, 'ops', 'team.json'), 'utf8'))).toEqual([
        { login: 'ada-lovelace', name: 'Ada Lovelace', percentTime: 50, experienced: true },
        { login: 'alan-turing', name: 'Alan Turing', percentTime: 50, experienced: true },
      ]);
      const who = await run(
        ['who', '--json', '--at', '2026-11-25T18:00:00Z', '--calendar', path.join(REPO_ROOT, 'schedules', 'rotation.ics')],
        { cwd },
      );
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout).primary).toMatchObject({ login: 'ada-lovelace', name: 'Ada Lovelace' });
    });

    it('on a terminal, declining to create the team file refuses as without one', async () => {
      const cwd = tempDir();
      const r = await run(['init', '--team', 'team.json'], { cwd, tty: true, prompter: scripted({ confirm: false, members: [] }) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: the team file team\.json does not exist\n/);
      expect(existsSync(path.join(cwd, 'visit-sre.config.json'))).toBe(false);
    });

    it('writes the country of the time zone, plus the organisation days given, never a list of dates', async () => {
      const berlin = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init', '--time-zone', 'Europe/Berlin', '--holidays', '2026-12-24, 2026-12-31'], { cwd: berlin });
      expect(r.code, r.stderr).toBe(0);
      const written = JSON.parse(readFileSync(path.join(berlin, 'visit-sre.config.json'), 'utf8'));
      expect(written.holidays).toEqual({ country: 'DE', dates: ['2026-12-24', '2026-12-31'] });
      // …and the config it wrote gives German public holidays in years to come, the organisation's days on top.
      const who = await run(
        ['who', '--json', '--at', '2029-12-24T12:00:00+01:00', '--calendar', path.join(REPO_ROOT, 'schedules', 'rotation.ics')],
        {
          cwd: berlin,
        },
      );
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout).holidays).toEqual([
        { date: '2029-12-25', name: 'Christmas Day' },
        { date: '2029-12-26', name: 'Boxing Day' },
      ]);
    });

    it('writes no country for a zone the holiday library cannot place, and says how to add one', async () => {
      const cwd = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init', '--time-zone', 'Europe/Zurich'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8')).holidays).toEqual({ country: null });
      expect(r.stderr).toMatch(
        /no public holidays written for Europe\/Zurich: set "holidays\.country" to one of CH, LI, or list the team's days in "holidays\.dates"/,
      );
      const utc = withTeam(tempDir(), 'schedules/team.json');
      const none = await run(['init', '--time-zone', 'UTC'], { cwd: utc });
      expect(none.stderr).toMatch(/no public holidays written for UTC: set "holidays\.country" to its ISO 3166 code, e\.g\. "DE"/);
    });

    it('takes --country and --region, and refuses a country the holiday library does not know', async () => {
      const cwd = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init', '--time-zone', 'UTC', '--country', 'us', '--region', 'ca', '--dry-run'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).holidays).toEqual({ country: 'US', region: 'CA' });
      const bad = await run(['init', '--country', 'XX', '--dry-run'], { cwd });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/"holidays\.country" "XX" is not a country the holiday library knows/);
    });

    it('ends with next steps that name what is missing, in order, never the file it just wrote', async () => {
      const cwd = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init'], { cwd });
      expect(r.stderr).toBe(
        `wrote ${path.join(cwd, 'visit-sre.config.json')}\n` +
          'token: none found (GH_TOKEN, GITHUB_TOKEN, `gh auth token`)\n' +
          'next steps:\n' +
          '  1. list at least two members in schedules/team.json: every week needs a Primary and a Backup\n' +
          '  2. give visit-sre a token: `export GH_TOKEN=...` (or run `gh auth login`)\n' +
          '  3. see the rotation it would plan: `visit-sre schedule generate --start "this week" --weeks 13 --dry-run`\n' +
          '  4. write it to schedules/rotation.ics: `visit-sre schedule generate --start "this week" --weeks 13`\n' +
          '  5. see who is on duty: `visit-sre who`\n' +
          '  6. for the duty desk (notify, away, delegate, claim): set "desk.thread" to an issue the team owns, as OWNER/NAME#NUMBER (docs/config.md#desk)\n' +
          '  7. check the setup: `visit-sre doctor`\n',
      );
    });
  });
});

describe('doctor without any config file (#12.18)', () => {
  it('says no config file was found and how to make one, and does not pass', async () => {
    const r = await run(['doctor'], { cwd: tempDir() });
    expect(r.stdout).toMatch(
      /^✗ config: no config file found \(no visit-sre\.config\.json here or above, no VISIT_SRE_CONFIG, no user config\); checking the defaults\n {2}→ run `visit-sre init` to write one\n/,
    );
    expect(r.code).not.toBe(0);
  });
});

/** The commands the next steps name, as argv: each `visit-sre …` in backticks, double quotes honoured. */
function stepCommands(stderr: string): string[][] {
  return [...stderr.slice(stderr.indexOf('\nnext steps:\n')).matchAll(/`visit-sre ([^`]+)`/g)].map((m) =>
    [...m[1]!.matchAll(/"([^"]*)"|(\S+)/g)].map((w) => w[1] ?? w[2]!),
  );
}

describe('init gives a setup that works at once (#27.6)', () => {
  let standin: Standin | undefined;
  afterEach(async () => {
    await standin?.close();
    standin = undefined;
  });
  const NOW = '2026-11-25T18:00:00Z';

  /** Runs every command the next steps name, in order, against the stand-in; each must exit 0. */
  async function followSteps(stderr: string, cwd: string) {
    const commands = stepCommands(stderr);
    const ran: string[] = [];
    for (const argv of commands) {
      const r = await run(argv, { cwd, now: NOW, github: { url: standin!.url, token: standin!.token } });
      expect(r.code, `visit-sre ${argv.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
      ran.push(argv.slice(0, 2).join(' '));
    }
    return ran;
  }

  it('without a terminal, from flags: the team with its experienced members, the label, the desk thread; every next step succeeds', async () => {
    standin = await startStandin(deskScenario([]));
    const cwd = tempDir();
    const github = { url: standin.url, token: standin.token };
    const r = await run(
      [
        'init',
        '--members',
        'ada-lovelace Ada Lovelace, alan-turing Alan Turing, grace-hopper Grace Hopper',
        '--experienced',
        'grace-hopper',
        '--label',
        'support',
        '--label-new',
        '--desk-thread',
        'https://github.com/visit-dav/visit/issues/1',
      ],
      { cwd, now: NOW, github },
    );
    expect(r.code, r.stderr).toBe(0);
    // Without --check-token nothing reached GitHub: the token is only found.
    expect(standin.log).toEqual([]);
    expect(r.stderr).toMatch(/^token: from GH_TOKEN \(not checked with GitHub; `visit-sre doctor` does\)$/m);
    const config = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(config.discussions.label).toBe('support');
    expect(config.desk).toMatchObject({ thread: 'visit-dav/visit#1', labelNew: true });
    expect(JSON.parse(readFileSync(path.join(cwd, 'schedules', 'team.json'), 'utf8'))).toEqual([
      { login: 'ada-lovelace', name: 'Ada Lovelace', percentTime: 50, experienced: false },
      { login: 'alan-turing', name: 'Alan Turing', percentTime: 50, experienced: false },
      { login: 'grace-hopper', name: 'Grace Hopper', percentTime: 50, experienced: true },
    ]);
    expect(await followSteps(r.stderr, cwd)).toEqual(['schedule generate', 'schedule generate', 'who', 'doctor']);
    const doctor = await run(['doctor'], { cwd, now: NOW, github });
    expect(doctor.stdout).not.toMatch(/✗/);
    expect(doctor.stdout).toMatch(/✓ calendar: Primary and Backup covered for the next 4 weeks/);
    // …and the desk thread it asked for is one notify can use.
    const notify = await run(['notify', '--dry-run'], { cwd, now: NOW, github });
    expect(notify.code, notify.stderr).toBe(0);
  });

  it('on a terminal, asks for the label, the desk thread and who is experienced, checks the token when told to, and every next step succeeds', async () => {
    standin = await startStandin(deskScenario([]));
    const cwd = tempDir();
    const asked: string[] = [];
    const typed: Record<string, string> = {
      'SRE label': 'support',
      'Desk thread': '#1',
      'Experienced members': 'ada-lovelace',
    };
    const members = ['ada-lovelace Ada Lovelace', 'alan-turing Alan Turing'];
    const prompter: Prompter = {
      input: async (message, opts) => {
        asked.push(message);
        if (message.startsWith('Team member')) return members.shift() ?? '';
        const key = Object.keys(typed).find((k) => message.startsWith(k));
        const value = key ? typed[key]! : (opts?.default ?? '');
        expect(opts?.validate?.(value) ?? true, message).toBe(true);
        return value;
      },
      select: async () => {
        throw new Error('unused');
      },
      confirm: async (message) => {
        asked.push(message);
        return true;
      },
      checkbox: async () => [],
      editor: async () => '',
    };
    const r = await run(['init'], { cwd, now: NOW, tty: true, prompter, github: { url: standin.url, token: standin.token } });
    expect(r.code, r.stderr).toBe(0);
    expect(asked).toEqual(
      expect.arrayContaining([
        'SRE label: only discussions with it are in scope (empty for none)',
        'Desk thread: issue or discussion number or URL (empty for none)',
        'Let notify add "support" to in-category discussions without it?',
        'Experienced members, who may back up a newcomer (logins, or "none")',
        'A GitHub token was found in GH_TOKEN. Check it with GitHub now?',
      ]),
    );
    expect(r.stderr).toMatch(/^token: from GH_TOKEN, authenticated as @grace-hopper$/m);
    expect(r.stderr).not.toMatch(/give visit-sre a token|desk\.thread/);
    const config = JSON.parse(readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    expect(config.desk).toMatchObject({ thread: 'visit-dav/visit#1', labelNew: true });
    expect(
      JSON.parse(readFileSync(path.join(cwd, 'schedules', 'team.json'), 'utf8')).map((m: { experienced: boolean }) => m.experienced),
    ).toEqual([true, false]);
    expect(await followSteps(r.stderr, cwd)).toEqual(['schedule generate', 'schedule generate', 'who', 'doctor']);
  });

  it('on an 80-column terminal the next steps wrap as paragraphs, each command whole on one line; declining the token check sends nothing', async () => {
    standin = await startStandin(deskScenario([]));
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    const deps = testDeps({
      cwd,
      now: NOW,
      tty: true,
      prompter: scripted({ confirm: false, members: [] }),
      github: { url: standin.url, token: standin.token },
    });
    deps.stderr.columns = 80;
    expect(await main(['init'], deps)).toBe(0);
    expect(standin.log).toEqual([]);
    const lines = deps.stderr.text.split('\n');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(lines).toContain('     `visit-sre schedule generate --start "this week" --weeks 13 --dry-run`');
    expect(stepCommands(deps.stderr.text).map((a) => a[0])).toEqual(['schedule', 'schedule', 'who', 'doctor']);
  });

  it('finds a set GH_TOKEN (or GITHUB_TOKEN) and never prints it, checked or not, in text or JSON', async () => {
    const secret = 'ghp_initSekrit0123456789';
    standin = await startStandin(scenario([], { token: secret }));
    const outputs: string[] = [];
    for (const [env, args] of [
      [{ GH_TOKEN: secret }, ['--check-token']],
      [{ GITHUB_TOKEN: secret }, []],
      [{ GH_TOKEN: secret }, ['--check-token', '--json']],
      [{ GH_TOKEN: `${secret}-revoked` }, ['--check-token']],
    ] as const) {
      const cwd = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init', ...args], { cwd, now: NOW, env: { GITHUB_API_URL: standin.url, ...env } });
      expect(r.code, r.stderr).toBe(0);
      outputs.push(r.stdout + r.stderr + readFileSync(path.join(cwd, 'visit-sre.config.json'), 'utf8'));
    }
    for (const o of outputs) expect(o).not.toContain('initSekrit');
    expect(outputs[0]).toMatch(/^token: from GH_TOKEN, authenticated as @grace-hopper$/m);
    expect(outputs[0]).not.toMatch(/give visit-sre a token/);
    expect(outputs[1]).toMatch(/^token: from GITHUB_TOKEN \(not checked/m);
    expect(JSON.parse(outputs[2]!.split('\n')[0]!).token).toEqual({ found: true, source: 'GH_TOKEN', login: 'grace-hopper' });
    expect(outputs[3]).toMatch(/^token: from GH_TOKEN, refused by GitHub$/m);
    expect(outputs[3]).toMatch(/\d\. GitHub rejected the token from GH_TOKEN \(401 Bad credentials\): set GH_TOKEN to a valid token/);
  });

  it('offline, --check-token says the token was not checked, still writes the config and exits 0', async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    const r = await run(['init', '--check-token'], { cwd, now: NOW, github: { url: 'http://127.0.0.1:1', token: 'test-token' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^token: from GH_TOKEN, not checked \(checking the token: could not connect to 127\.0\.0\.1:\d+ /m);
    expect(r.stderr).not.toMatch(/give visit-sre a token/);
    expect(existsSync(path.join(cwd, 'visit-sre.config.json'))).toBe(true);
  });

  it('refuses bad desk threads, members and experienced logins with exit 2, writing nothing', async () => {
    for (const [args, message] of [
      [['--desk-thread', 'visit#12'], /^error: invalid --desk-thread "visit#12"\ngive the number of an issue/],
      [['--members', 'ada-lovelace, -bad'], /^error: invalid --members entry "-bad": it must start with a GitHub login/],
      [['--members', 'ada-lovelace, Ada-Lovelace'], /^error: --members names Ada-Lovelace twice/],
      [
        ['--members', 'ada-lovelace, alan-turing', '--experienced', 'grace'],
        /^error: --experienced names grace, who is not among the members/,
      ],
      [['--experienced', 'ada-lovelace'], /^error: --experienced needs --members/],
      [['--label-new'], /^error: --label-new needs --label/],
    ] as const) {
      const cwd = tempDir();
      const r = await run(['init', ...args], { cwd });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(path.join(cwd, 'visit-sre.config.json'))).toBe(false);
      expect(existsSync(path.join(cwd, 'schedules'))).toBe(false);
    }
    const cwd = withTeam(tempDir(), 'schedules/team.json');
    const kept = await run(['init', '--members', 'alan-turing'], { cwd });
    expect(kept.code).toBe(2);
    expect(kept.stderr).toMatch(/^error: the team file schedules\/team\.json exists: --members and --experienced write a new one only/);
  });

  it('says when commands would not read the file it wrote', async () => {
    const cwd = withTeam(tempDir(), 'ops/team.json');
    const r = await run(['init', '--out', 'ops/sre.json', '--team', 'team.json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`\n  1. make the commands read it: \`export VISIT_SRE_CONFIG=${path.join(cwd, 'ops', 'sre.json')}\`\n`);
  });
});

describe('init steps (pure)', () => {
  it.each([
    ['12', 'acme/app#12'],
    ['#12', 'acme/app#12'],
    ['https://github.com/acme/desk/issues/3', 'acme/desk#3'],
    ['https://ghe.example.org/acme/app/discussions/44#discussioncomment-1', 'acme/app#44'],
    ['other/repo#9', 'other/repo#9'],
    ['', null],
    ['none', null],
    ['visit#12', undefined],
    ['https://github.com/acme/app/pull/3', undefined],
    ['0', undefined],
  ])('desk thread %j is %j', (text, want) => {
    expect(deskThreadFrom(text, 'acme/app')).toBe(want);
  });

  it('a team the rotation cannot plan is named', () => {
    const m = (experienced: boolean) => ({ experienced });
    expect(teamProblem([m(true)], 't.json')).toMatch(/at least two members in t\.json/);
    expect(teamProblem([m(false), m(false)], 't.json')).toMatch(/mark at least one member "experienced": true in t\.json/);
    expect(teamProblem([m(false), m(true)], 't.json')).toBeUndefined();
  });

  it('experienced defaults to everyone, "none" to nobody', () => {
    const members = [{ login: 'ada' }, { login: 'alan' }];
    expect([...experiencedOf(undefined, members)]).toEqual(['ada', 'alan']);
    expect([...experiencedOf(' None ', members)]).toEqual([]);
    expect([...experiencedOf('@ALAN', members)]).toEqual(['alan']);
  });
});
