import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures');

/** A working folder with a config pointing at the test team. */
function workspace(extra: Record<string, unknown> = {}): string {
  const dir = tempDir();
  copyFileSync(path.join(FIX, 'team.json'), path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ team: 'team.json', rotation: null, ...extra }));
  return dir;
}

const cal = (name: string) => path.join(FIX, 'calendars', name);

async function whoJson(calendar: string, at: string, next = 0) {
  const r = await run(['who', '--json', '--calendar', calendar, '--at', at, '--next', String(next)], { cwd: workspace() });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    at: string;
    primary: { login: string | null; start: string; end: string } | null;
    backup: { login: string | null; start: string; end: string } | null;
    upcoming: Array<{ start: string; primary: { login: string } | null; backup: { login: string } | null }>;
  };
}

describe('who on export-shaped rotation calendars', () => {
  it.each([
    // Google: weekly series, a RECURRENCE-ID swap, an EXDATE'd week, a one-off override, timed backups across DST.
    ['google-rotation.ics', '2026-10-07T19:00:00Z', 'ada-lovelace', 'edsger-d'],
    ['google-rotation.ics', '2026-10-21T19:00:00Z', 'katherine-j', 'edsger-d'],
    ['google-rotation.ics', '2026-10-26T19:00:00Z', 'grace-hopper', 'barbara-l'],
    ['google-rotation.ics', '2026-10-29T19:00:00Z', 'alan-turing', 'barbara-l'],
    ['google-rotation.ics', '2026-10-30T19:00:00Z', 'grace-hopper', 'barbara-l'],
    ['google-rotation.ics', '2026-11-02T15:30:00Z', 'ada-lovelace', 'barbara-l'],
    ['google-rotation.ics', '2026-11-02T16:30:00Z', 'ada-lovelace', 'edsger-d'],
    ['google-rotation.ics', '2026-11-10T19:00:00Z', null, 'barbara-l'],
    // Outlook: Windows zone names, attendees as the person, Exchange's DATE-TIME RECURRENCE-ID on an all-day series.
    ['outlook-rotation.ics', '2026-03-04T19:00:00Z', 'grace-hopper', 'katherine-j'],
    ['outlook-rotation.ics', '2026-03-11T19:00:00Z', 'ada-lovelace', 'alan-turing'],
    ['outlook-rotation.ics', '2026-03-18T19:00:00Z', 'grace-hopper', null],
    ['outlook-rotation.ics', '2026-03-25T19:00:00Z', 'ada-lovelace', 'katherine-j'],
    ['outlook-rotation.ics', '2026-04-01T19:00:00Z', 'grace-hopper', null],
    // Apple: role in CATEGORIES, names only, one event naming both roles, a cancelled event.
    ['apple-rotation.ics', '2026-04-08T19:00:00Z', 'grace-hopper', 'alan-turing'],
    ['apple-rotation.ics', '2026-04-14T19:00:00Z', 'ada-lovelace', 'katherine-j'],
    // PagerDuty: one VEVENT per shift, UTC times, "On Call - <Name> - <Schedule>".
    ['pagerduty-rotation.ics', '2026-12-02T19:00:00Z', 'grace-hopper', 'edsger-d'],
    ['pagerduty-rotation.ics', '2026-12-08T19:00:00Z', 'katherine-j', null],
  ])('%s at %s: Primary %s, Backup %s', async (file, at, primary, backup) => {
    const out = await whoJson(cal(file), at);
    expect(out.primary?.login ?? null).toBe(primary);
    expect(out.backup?.login ?? null).toBe(backup);
  });

  it('ends a timed shift at 08:00 local even across the fall-back weekend', async () => {
    const out = await whoJson(cal('google-rotation.ics'), '2026-10-28T19:00:00Z');
    expect(out.backup).toMatchObject({ login: 'barbara-l', start: '2026-10-26T15:00:00Z', end: '2026-11-02T16:00:00Z' });
  });

  it('shows the one-off swap as its own stretch in --next', async () => {
    const out = await whoJson(cal('google-rotation.ics'), '2026-10-26T19:00:00Z', 3);
    expect(out.primary).toMatchObject({ login: 'grace-hopper', end: '2026-10-28T07:00:00Z' });
    expect(out.upcoming.map((u) => [u.start, u.primary?.login ?? null, u.backup?.login ?? null])).toEqual([
      ['2026-10-28T07:00:00Z', 'alan-turing', 'barbara-l'],
      ['2026-10-30T07:00:00Z', 'grace-hopper', 'barbara-l'],
      ['2026-11-02T08:00:00Z', 'ada-lovelace', 'barbara-l'],
    ]);
  });

  it('reports a shift naming nobody on the team, never dropping it', async () => {
    const r = await run(['who', '--json', '--calendar', cal('apple-rotation.ics'), '--at', '2026-04-22T19:00:00Z'], { cwd: workspace() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).primary).toEqual({
      login: null,
      name: 'Primary: Jane Visitor',
      start: '2026-04-20T07:00:00Z',
      end: '2026-04-27T07:00:00Z',
      unknown: true,
    });
    expect(r.stderr).toMatch(/"Primary: Jane Visitor" .* names nobody on the team/);
  });
});

describe('who: output forms', () => {
  const rotation = path.join(REPO_ROOT, 'schedules', 'rotation.ics');

  it('prints tab-separated rows when piped', async () => {
    const r = await run(['who', '--calendar', rotation, '--next', '1'], { cwd: workspace(), now: '2026-11-25T18:00:00Z' });
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((row) => row[0])).toEqual([
      'primary',
      'backup',
      'acting-primary',
      'acting-backup',
      'next-primary',
      'next-backup',
      'holiday',
    ]);
    expect(rows.at(-1)).toEqual(['holiday', '', 'Thanksgiving Day', '2026-11-26', '2026-11-26']);
    expect(rows[2]![1]).toBe(rows[0]![1]);
    expect(rows[0]).toHaveLength(5);
    expect(rows[0]![3]).toBe('2026-11-23T08:00:00Z');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("prints a table with colour and the week's holidays on a terminal", async () => {
    const r = await run(['who', '--calendar', rotation, '--next', '2'], { cwd: workspace(), tty: true });
    expect(r.stdout).toMatch(/Primary/);
    expect(r.stdout).toMatch(/Holidays this week.*Thu Nov 26 \(Thanksgiving Day\)\n/);
    expect(r.stdout).toMatch(/\u001b\[1m/);
  });

  it('has no colour on a terminal with NO_COLOR or --no-color', async () => {
    for (const [args, env] of [
      [['--no-color'], {}],
      [[], { NO_COLOR: '1' }],
    ] as const) {
      const r = await run(['who', ...args, '--calendar', rotation], { cwd: workspace(), tty: true, env });
      expect(r.stdout).not.toMatch(/\u001b\[/);
    }
  });

  it('says on stderr when nobody is on duty, and exits 0', async () => {
    const r = await run(['who', '--json', '--calendar', rotation, '--at', '2031-01-01'], { cwd: workspace() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nobody is on duty/);
    expect(JSON.parse(r.stdout)).toMatchObject({ primary: null, backup: null, upcoming: [] });
  });

  it('uses the configured rotation, relative to the config file, not to the working directory', async () => {
    // conf/visit-sre.config.json names cal/rotation.ics; the run starts in conf/sub/, which has a decoy cal/rotation.ics
    const dir = tempDir();
    mkdirSync(path.join(dir, 'conf', 'cal'), { recursive: true });
    mkdirSync(path.join(dir, 'conf', 'sub', 'cal'), { recursive: true });
    copyFileSync(path.join(FIX, 'team.json'), path.join(dir, 'conf', 'team.json'));
    copyFileSync(rotation, path.join(dir, 'conf', 'cal', 'rotation.ics'));
    const decoy = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//decoy//EN',
      'BEGIN:VEVENT',
      'UID:decoy@test',
      'DTSTAMP:20261101T000000Z',
      'DTSTART;VALUE=DATE:20261123',
      'DTEND;VALUE=DATE:20261130',
      'SUMMARY:SRE Primary: Alan Turing (@alan-turing)',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    writeFileSync(path.join(dir, 'conf', 'sub', 'cal', 'rotation.ics'), decoy);
    writeFileSync(path.join(dir, 'conf', 'visit-sre.config.json'), JSON.stringify({ team: 'team.json', rotation: 'cal/rotation.ics' }));
    for (const opts of [
      { cwd: path.join(dir, 'conf', 'sub') },
      { cwd: tempDir(), env: { VISIT_SRE_CONFIG: path.join(dir, 'conf', 'visit-sre.config.json') } },
    ]) {
      const r = await run(['who', '--json', '--at', '2026-11-25T18:00:00Z'], opts);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).primary).toMatchObject({ login: 'ada-lovelace', start: '2026-11-23T08:00:00Z' });
    }
  });

  it.each([
    // the default rule: US public holidays, with the observed Friday of a Saturday holiday
    [
      {},
      '2026-07-01',
      [
        { date: '2026-07-03', name: 'Independence Day (substitute day)' },
        { date: '2026-07-04', name: 'Independence Day' },
      ],
    ],
    // the organisation's day after Thanksgiving on top, a worked Thanksgiving removed
    [{ holidays: { country: 'US', dates: ['2026-11-27'], except: ['2026-11-26'] } }, '2026-11-25', [{ date: '2026-11-27', name: null }]],
    // a region adds its own: Cesar Chavez Day in California, on a Tuesday in 2027
    [{ holidays: { country: 'US', region: 'CA' } }, '2027-03-30', [{ date: '2027-03-31', name: 'César Chávez Day' }]],
    // a config written before holidays by rule keeps its list alone
    [{ holidays: { dates: ['2026-11-26'] } }, '2026-07-01', []],
  ])('holidays by rule: %j in the week of %s', async (extra, at, holidays) => {
    const r = await run(['who', '--json', '--calendar', rotation, '--at', at], { cwd: workspace(extra) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).holidays).toEqual(holidays);
  });

  it('refuses a country or region the holiday library does not know, naming the key', async () => {
    for (const [holidays, message] of [
      [{ country: 'XX' }, /"holidays\.country" "XX" is not a country the holiday library knows/],
      [{ country: 'US', region: 'ZZ' }, /"holidays\.region" "ZZ" is not a region of US/],
    ] as const) {
      const r = await run(['who', '--calendar', rotation], { cwd: workspace({ holidays }) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('reads holidays from a holiday calendar too', async () => {
    const dir = workspace({ holidays: { dates: [], calendar: path.join(FIX, 'calendars', 'holidays.ics') } });
    const r = await run(['who', '--json', '--calendar', rotation, '--at', '2026-12-23'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).holidays).toEqual([
      { date: '2026-12-24', name: 'Christmas Eve (lab closed)' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });
});

describe('who: bad input', () => {
  it.each([
    [['who', '--at', 'someday'], /invalid --at "someday"/],
    [['who', '--next', 'three'], /invalid --next "three"/],
    [['who', '--calendar', 'nope.ics'], /rotation calendar .*nope\.ics not found/],
    [['who', '--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j exits 2 with one clear line', async (argv, message) => {
    const r = await run(argv, { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed calendar exits 2 naming the file', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'bad.ics'), 'this is not a calendar');
    const r = await run(['who', '--calendar', 'bad.ics'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.ics is not an iCalendar file/);
  });

  it('a broken config exits 2 naming the key and the file', async () => {
    const dir = workspace({ staleAfterDays: 'soon' });
    const r = await run(['who'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/config key "staleAfterDays" must be a whole number .*visit-sre\.config\.json/);
  });

  it('an unreachable calendar URL with no cache exits 1; with a cache it warns and answers', async () => {
    const dir = workspace();
    const url = 'https://calendar.example.org/private-abc123/rota.ics?token=s3cret';
    const offline = await run(['who', '--calendar', url], { cwd: dir });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/could not fetch rotation calendar https:\/\/calendar\.example\.org\/…\/rota\.ics\?…/);
    expect(offline.stderr).not.toMatch(/s3cret|private-abc123/);

    const { readFileSync } = await import('node:fs');
    const body = readFileSync(path.join(REPO_ROOT, 'schedules', 'rotation.ics'), 'utf8');
    const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
    const online = await run(['who', '--json', '--calendar', url], {
      cwd: dir,
      env,
      fetch: async () => new Response(body, { status: 200 }),
    });
    expect(online.code, online.stderr).toBe(0);
    const cached = await run(['who', '--json', '--calendar', url], { cwd: dir, env });
    expect(cached.code).toBe(0);
    expect(cached.stderr).toMatch(/using the copy cached .* ago/);
    expect(JSON.parse(cached.stdout).primary.login).toBe(JSON.parse(online.stdout).primary.login);
  });
});
