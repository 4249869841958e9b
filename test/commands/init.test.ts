import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import type { Prompter } from '../../src/app/context.js';

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
    expect(asked.length).toBe(7);
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
        'error: the team file ops/team.json does not exist\ncreate it first (a JSON array of members, like schedules/team.json), or run `visit-sre init` on a terminal to write it\n',
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
      expect(JSON.parse(readFileSync(path.join(cwd, 'ops', 'team.json'), 'utf8'))).toEqual([
        { login: 'ada-lovelace', name: 'Ada Lovelace', percentTime: 50 },
        { login: 'alan-turing', name: 'Alan Turing', percentTime: 50 },
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

    it('ends with the next steps', async () => {
      const cwd = withTeam(tempDir(), 'schedules/team.json');
      const r = await run(['init'], { cwd });
      expect(r.stderr).toBe(
        `wrote ${path.join(cwd, 'visit-sre.config.json')}\nnext steps:\n` +
          '  1. plan the rotation into schedules/rotation.ics: visit-sre schedule generate --start monday --weeks 13\n' +
          '  2. give visit-sre a token: export GH_TOKEN=... (or run `gh auth login`)\n' +
          '  3. check the setup: visit-sre doctor\n',
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
