import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { scenario, team, user } from '../support/scenario.js';

/**
 * The bad-input suite: each case gets a clear error or a correct result, and
 * never a stack trace. docs/bad-input.md lists the cases.
 */
const TEAM = path.join(REPO_ROOT, 'schedules', 'team.json');
const NOW = '2026-12-01T19:00:00Z';
const STACK = /\n\s+at .+:\d+:\d+/;
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

function workspace(config: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  const dir = tempDir();
  copyFileSync(TEAM, path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'visit-sre.config.json'), JSON.stringify({ team: 'team.json', rotation: 'rotation.ics', ...config }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const event = (i: number, summary: string) =>
  `BEGIN:VEVENT\r\nUID:e${i}@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:${new Date(Date.parse('2026-01-05T16:00:00Z') + i * 3_600_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}\r\nDURATION:PT1H\r\nSUMMARY:${summary}\r\nEND:VEVENT\r\n`;
const calendar = (events: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n${events}END:VCALENDAR\r\n`;

describe('calendars', () => {
  it.each([
    ['an empty calendar', '', 2, /rotation\.ics is empty/],
    ['a binary file', '\u0000PK\u0003\u0004', 2, /binary/],
    ['an HTML login page', '<!doctype html><title>Sign in</title>', 2, /not an iCalendar file/],
  ])('%s exits %i with one clear line', async (_name, text, code, message) => {
    const r = await run(['who'], { cwd: workspace({}, { 'rotation.ics': text }), now: NOW });
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a truncated calendar keeps its whole events and warns', async () => {
    const rota = readFileSync(path.join(REPO_ROOT, 'schedules', 'rotation.ics'), 'utf8');
    const cut = rota.slice(0, rota.indexOf('UID:sre-2026-W50-primary') + 40);
    const r = await run(['who', '--json'], { cwd: workspace({}, { 'rotation.ics': cut }), now: NOW });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).primary.login).toBe('grace-hopper');
    expect(r.stderr).toMatch(/ends inside an event \(truncated\?\)/);
  });

  it('a 10,000-event calendar answers (its speed is measured by npm run bench)', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) =>
      event(i, i % 2 ? 'SRE Backup: @grace-hopper' : 'SRE Primary: @ada-lovelace'),
    ).join('');
    const primaryHour = new Date(Date.parse('2026-01-05T16:00:00Z') + 2784 * 3_600_000 + 1_800_000).toISOString();
    const r = await run(['who', '--json', '--at', primaryHour, '--next', '3'], {
      cwd: workspace({}, { 'rotation.ics': calendar(events) }),
      now: NOW,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).primary.login).toBe('ada-lovelace');
    expect(JSON.parse(r.stdout).upcoming).toHaveLength(3);
  });

  it('non-ASCII names in the calendar and the team', async () => {
    const dir = workspace(
      {
        team: [
          { login: 'jose-n', name: 'José Ñúñez' },
          { login: 'zoe-l', name: 'Zoë Łukasz' },
        ],
      },
      { 'rotation.ics': calendar(event(0, 'SRE Primary: José Ñúñez 🌮') + event(1, 'Backup – Zoë Łukasz')) },
    );
    const r = await run(['who', '--json', '--at', '2026-01-05T16:30:00Z'], { cwd: dir, now: NOW });
    expect(JSON.parse(r.stdout).primary).toMatchObject({ login: 'jose-n', name: 'José Ñúñez' });
  });
});

describe('configuration', () => {
  it.each([
    ['a wrong type', { staleAfterDays: 'three weeks' }, /"staleAfterDays" must be a whole number/],
    ['an unknown key', { responseGoals: '4h' }, /"responseGoals" is not a known key/],
    ['a missing team file', { team: 'people.json' }, /"team" names .*people\.json, which does not exist/],
    ['a bad window', { businessHours: { windows: ['8am-noon'] } }, /"businessHours" is invalid/],
    ['a bad holiday date', { holidays: { dates: ['2026-13-01'] } }, /"holidays\.dates\[0\]" must be a date/],
  ])('%s exits 2 naming the key and the file', async (_name, config, message) => {
    const r = await run(['who'], { cwd: workspace(config), now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/visit-sre\.config\.json/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('malformed JSON names the line and column', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'visit-sre.config.json'), '{\n  "repository": "a/b",\n  "team": [,]\n}');
    const r = await run(['who'], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/visit-sre\.config\.json:3:\d+: malformed JSON/);
  });
});

describe('flags', () => {
  it.each([
    [['who', '--at', '2026-02-30'], /invalid --at "2026-02-30"/],
    [['who', '--at', 'the day after tomorrow'], /invalid --at/],
    [['handoff', '--effort', '5 parsecs'], /invalid --effort "5 parsecs"/],
    [['escalate', '101', '--to', 'not a login!'], /invalid --to "not a login!"/],
    [['schedule', 'swap', '--week', 'monday', '--role', 'chief', '--with', 'ada-lovelace'], /invalid --role "chief"/],
    [['stats', '--since', '2027-01-01', '--until', '2026-01-01'], /is not before --until/],
    [
      ['overdue', '--format', 'xml'],
      /option '--format <format>' argument 'xml' is invalid\. Allowed choices are table, text, tsv, markdown, json\./,
    ],
  ])('%j exits 2 with a clear line', async (args, message) => {
    const r = await run(args, { cwd: workspace({ rotation: null }), now: NOW, github: { url: 'http://127.0.0.1:9', token: 't' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('a handoff template with an unknown placeholder exits 2 and names it', async () => {
    standin = await startStandin(path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json'));
    const dir = workspace(
      { rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics'), templates: { handoff: 'ho.md', postmortem: null } },
      { 'ho.md': 'Hi {{user}}, {{nxt_primary}} takes over.' },
    );
    const r = await run(['handoff', '--dry-run'], {
      cwd: dir,
      now: '2026-12-05T01:00:00Z',
      github: { url: standin.url, token: 'demo-token' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown placeholder \{\{nxt_primary\}\} in .*ho\.md/);
  });
});

describe('writers that would say something false', () => {
  it('resolve --wontfix on a discussion whose user wrote lately exits 2 and posts nothing, unless --force', async () => {
    standin = await startStandin(path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json'));
    const config = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
    const r = await run(['resolve', '101', '--wontfix'], {
      now: '2026-12-05T01:00:00Z',
      env: { VISIT_SRE_CONFIG: config },
      github: { url: standin.url, token: 'demo-token' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: #101: the user wrote \d+ days? ago, less than the 21 days of silence before closing as wontfix\npass --force to close it anyway\n$/,
    );
    expect(standin.log.filter((e) => e.kind === 'mutation')).toEqual([]);
  });
});

describe('GitHub content', () => {
  const at = (m: number) => new Date(Date.parse('2026-11-30T17:00:00Z') + m * 60_000).toISOString().replace('.000', '');

  it('a discussion with 2,000 comments is read whole and judged right', async () => {
    const comments = Array.from({ length: 2000 }, (_, i) => (i % 2 ? team('ada-lovelace', at(i + 1)) : user('chatty', at(i + 1))));
    comments.push(user('chatty', at(2500), 'one more thing'));
    standin = await startStandin(scenario([{ ...user('chatty', at(0)), number: 7, title: 'Very long thread', comments }]));
    const dir = workspace({ rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics') });
    const r = await run(['overdue', '--json'], {
      cwd: dir,
      now: '2026-12-03T18:00:00Z',
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code, r.stderr).toBe(0);
    const item = JSON.parse(r.stdout).overdue[0];
    expect(item).toMatchObject({ number: 7, waitingSince: at(2500) });
    const threads = standin.log.filter((e) => e.operationName === 'DiscussionThread');
    expect(threads).toHaveLength(21); // 2,001 comments, 100 a page
  });

  it('deleted users, bots, minimized and deleted comments, and non-ASCII text', async () => {
    standin = await startStandin(
      scenario([
        { author: null, createdAt: at(0), number: 1, title: 'Frage zur Darstellung — 可视化 🚀', body: 'Grüße' },
        {
          ...user('u2', at(0)),
          number: 2,
          title: 'spam answered',
          comments: [
            user('spammer', at(5), 'buy now', { minimized: true }),
            team('ada-lovelace', at(6), 'x', { deleted: true }),
            { author: 'renovate[bot]', createdAt: at(7), body: 'bot' },
          ],
        },
      ]),
    );
    const dir = workspace({ rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics') });
    const r = await run(['start', '--json', '--as', 'grace-hopper'], {
      cwd: dir,
      now: '2026-11-30T23:00:00Z',
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout).discussions as Array<{ number: number; title: string; author: string | null; state: string }>;
    expect(items.find((i) => i.number === 1)).toMatchObject({
      author: null,
      state: 'waiting-on-team',
      title: 'Frage zur Darstellung — 可视化 🚀',
    });
    expect(items.find((i) => i.number === 2)).toMatchObject({ state: 'waiting-on-team' });
    const pm = await run(['postmortem', '1', '--dry-run'], {
      cwd: dir,
      now: '2026-11-30T23:00:00Z',
      github: { url: standin.url, token: 'test-token' },
    });
    expect(pm.stdout).toMatch(/# Postmortem: Frage zur Darstellung — 可视化 🚀 \(#1\)/);
    expect(pm.stdout).toMatch(/@ghost opened the discussion/);
  });

  it('a non-ASCII customer keeps only initials with --customer-private', async () => {
    standin = await startStandin(path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json'));
    const r = await run(
      [
        'log-call',
        '--via',
        'walk-in',
        '--customer',
        'Ærøskøbing Ñúñez <a@b.dk>',
        '--customer-private',
        '--title',
        'Ünïcode',
        '--body',
        '日本語の質問',
      ],
      {
        env: { VISIT_SRE_CONFIG: path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json') },
        now: NOW,
        github: { url: standin.url, token: 'demo-token' },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const d = standin.store.snapshot()[0]!.discussions.at(-1)!;
    expect(d.body).toContain('- Customer: Æ. Ñ.');
    expect(d.body).toContain('日本語の質問');
  });
});

describe('bad weather and set-up mistakes (#12)', () => {
  const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
  const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');

  it('GitHub that accepts the connection and never answers: exit 1 after three timeouts, one line', async () => {
    standin = await startStandin(WEEK);
    standin.inject({ type: 'stall', when: 'any', times: 100 });
    const r = await run(['overdue'], {
      env: { VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_REQUEST_TIMEOUT_MS: '200' },
      now: NOW,
      github: { url: standin.url, token: 'demo-token' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: .*: GitHub did not answer within 0\.2 s, 3 tries in \d+(\.\d+)? s; GitHub is slow or unreachable, try again later\n$/,
    );
    expect(standin.log.filter((e) => e.status === 'stalled')).toHaveLength(3);
  });

  it('stats over a range GitHub search cannot return whole: exit 1, no partial count', async () => {
    standin = await startStandin(
      scenario(Array.from({ length: 1050 }, (_, i) => ({ ...user(`importer${i}`, '2026-11-24T18:00:00Z'), title: `imported ${i}` }))),
    );
    const r = await run(['stats', '--since', '2026-11-24', '--until', '2026-11-25', '--json'], {
      env: { VISIT_SRE_CONFIG: CONFIG },
      now: NOW,
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: 1050 discussions .* cannot be read whole\nnothing was reported: a partial count would be wrong\n$/);
  });

  it('init naming a team file that does not exist, without a terminal: exit 2, nothing written', async () => {
    const cwd = tempDir();
    const r = await run(['init', '--team', 'people.json'], { cwd, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the team file people\.json does not exist\n/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('schedule generate over an existing calendar without --merge: exit 2, --merge suggested first', async () => {
    const dir = workspace({}, { 'rotation.ics': readFileSync(path.join(REPO_ROOT, 'schedules', 'rotation.ics'), 'utf8') });
    const r = await run(['schedule', 'generate', '--start', '2027-01-04', '--weeks', '4'], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /already exists \(\d+ events\)\npass --merge to keep its events outside the generated weeks, or --force to replace the whole calendar\n$/,
    );
  });

  it('doctor with no config file at all: ✗ config, and how to write one', async () => {
    const r = await run(['doctor'], { cwd: tempDir(), now: NOW, github: { url: 'http://127.0.0.1:9', token: 't' } });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/✗ config: no config file found .*\n {2}→ run `visit-sre init` to write one/);
  });
});

describe('files that are not files, values out of range, and nothing that answered (issue 24.5)', () => {
  const WEEK = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.json');
  const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
  const oneOrTwoLines = (stderr: string) => {
    expect(stderr).not.toMatch(STACK);
    expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  };

  it.each([
    ['--config DIR', (dir: string) => ['who', '--config', dir], {}],
    ['VISIT_SRE_CONFIG=DIR', () => ['who'], { VISIT_SRE_CONFIG: 'DIR' }],
  ])('a directory as the config (%s): exit 2 naming it', async (_name, args, env) => {
    const dir = tempDir();
    const r = await run(args(dir), { now: NOW, env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('DIR', dir)])) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`config file ${dir} is a directory, not a file`);
    oneOrTwoLines(r.stderr);
  });

  it('a directory as the calendar, in the config or by --calendar: exit 2 naming it', async () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'rotation.ics'));
    for (const args of [['who'], ['who', '--calendar', path.join(dir, 'rotation.ics')]]) {
      const r = await run(args, { cwd: dir, now: NOW });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`${path.join(dir, 'rotation.ics').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a directory, not a file`),
      );
      oneOrTwoLines(r.stderr);
    }
  });

  it('a directory as --body-file: exit 2 naming it, nothing queued or sent', async () => {
    standin = await startStandin(WEEK);
    const dir = tempDir();
    const r = await run(['log-call', '--via', 'hotline', '--title', 'Silo', '--body-file', dir], {
      now: NOW,
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: standin.token },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--body-file ${dir} is a directory, not a file`);
    expect(standin.log.filter((e) => e.kind === 'mutation')).toEqual([]);
    oneOrTwoLines(r.stderr);
  });

  it.skipIf(process.platform === 'win32')('a named pipe as the config: refused at once (it was never opened), exit 2', async () => {
    const fifo = path.join(tempDir(), 'visit-sre.config.json');
    execFileSync('mkfifo', [fifo]);
    const r = await run(['who'], { now: NOW, env: { VISIT_SRE_CONFIG: fifo } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`config file ${fifo} is a named pipe, not a file`);
    oneOrTwoLines(r.stderr);
  });

  it.skipIf(!existsSync('/dev/zero'))('/dev/zero as the config: exit 2, a device, never read', async () => {
    const r = await run(['who', '--config', '/dev/zero'], { now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config file /dev/zero is a device, not a file');
    oneOrTwoLines(r.stderr);
  });

  it.each([
    ['a config', 'visit-sre.config.json', ['who'], /config file .*visit-sre\.config\.json is larger than 10 MiB/],
    ['a calendar', 'rotation.ics', ['who'], /rotation.* is larger than 50 MiB/],
  ])('%s over its size limit: exit 2 naming it, never read', async (_name, file, args, message) => {
    const dir = workspace();
    // A sparse file: its size is what stat says, at no cost on disk.
    writeFileSync(path.join(dir, file), '');
    truncateSync(path.join(dir, file), file.endsWith('.ics') ? 51 * 1024 * 1024 : 11 * 1024 * 1024);
    const r = await run(args, { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    oneOrTwoLines(r.stderr);
  });

  it('a calendar URL that never stops sending: cut off at 50 MiB, then the cached copy or exit 1, never all of memory', async () => {
    let sent = 0;
    const endless = (async () =>
      new Response(
        new ReadableStream({
          pull(c) {
            sent += 1024 * 1024;
            c.enqueue(new Uint8Array(1024 * 1024).fill(65));
          },
        }),
        { status: 200 },
      )) as unknown as typeof fetch;
    const r = await run(['who'], { cwd: workspace({ rotation: 'https://calendar.example/rota.ics' }), now: NOW, fetch: endless });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not fetch .*calendar\.example.* \(the answer is larger than 50 MiB\) and no cached copy exists/);
    expect(sent).toBeLessThanOrEqual(52 * 1024 * 1024);
    oneOrTwoLines(r.stderr);
  });

  it.each([['+99999999d'], ['-99999999w'], ['9999-01-01']])('who --at %s: exit 2 naming the value, no warnings first', async (at) => {
    const r = await run(['who', '--at', at], { cwd: workspace({ rotation: path.join(REPO_ROOT, 'schedules', 'rotation.ics') }), now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^error: --at "${at.replace('+', '\\+')}" is out of range\ngive a time within 100 years of now\n$`),
    );
  });

  it('a closed port as GITHUB_API_URL: exit 1, "could not connect to HOST", never "GitHub answered"', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    const r = await run(['overdue'], {
      now: NOW,
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: `http://127.0.0.1:${port}`, token: 't' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`could not connect to 127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED`));
    expect(r.stderr).not.toMatch(/GitHub answered/);
    oneOrTwoLines(r.stderr);
  });

  it('GITHUB_API_URL that is not a URL: exit 2 naming the variable', async () => {
    const r = await run(['overdue'], { now: NOW, env: { VISIT_SRE_CONFIG: CONFIG, GITHUB_API_URL: 'not a url', GH_TOKEN: 't' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: GITHUB_API_URL does not give an http\(s\) URL \("not a url"\)\nfix or unset GITHUB_API_URL\n$/);
  });

  it.each([['99999999999999999999'], ['2147483648'], ['0']])(
    'escalate %s: exit 2, not a valid discussion number, nothing asked of GitHub',
    async (n) => {
      standin = await startStandin(WEEK);
      const r = await run(['escalate', n], {
        now: NOW,
        env: { VISIT_SRE_CONFIG: CONFIG },
        github: { url: standin.url, token: standin.token },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`invalid discussion number "${n}": not a valid number on GitHub`);
      expect(standin.log).toEqual([]);
      oneOrTwoLines(r.stderr);
    },
  );

  it.each([['-1'], ['0'], ['ten'], ['1.5']])('VISIT_SRE_REQUEST_TIMEOUT_MS=%s: exit 2 naming it, never a zero timeout', async (ms) => {
    standin = await startStandin(WEEK);
    const r = await run(['overdue'], {
      now: NOW,
      env: { VISIT_SRE_CONFIG: CONFIG, VISIT_SRE_REQUEST_TIMEOUT_MS: ms },
      github: { url: standin.url, token: standin.token },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`VISIT_SRE_REQUEST_TIMEOUT_MS="${ms}" is not a whole number of milliseconds of at least 1`);
    expect(standin.log).toEqual([]);
  });
});
