import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { scenario, team, user } from '../support/scenario.js';

const CONFIG = path.join(REPO_ROOT, 'test', 'fixtures', 'scenarios', 'visit-week.config.json');
let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});
const marker = (o: object) => `<!-- visit-sre ${JSON.stringify({ v: 1, ...o })} -->`;

// Two weeks around Thanksgiving 2026 (holidays Thu Nov 26 and Fri Nov 27); Ada is Primary in W48, Grace in W49.
const TWO_WEEKS = scenario([
  {
    ...user('u1', '2026-11-23T17:00:00Z'),
    number: 1,
    title: 'A: answered in 2 h',
    comments: [team('ada-lovelace', '2026-11-23T19:00:00Z', 'answer', { isAnswer: true })],
  },
  {
    ...user('u2', '2026-11-26T00:00:00Z'),
    number: 2,
    title: 'B: Wednesday 16:00, answered after Thanksgiving',
    comments: [team('ada-lovelace', '2026-11-30T17:00:00Z')],
  },
  {
    ...user('u3', '2026-11-28T18:00:00Z'),
    number: 3,
    title: 'C: Saturday, answered Monday 13:30, escalated',
    comments: [
      team('grace-hopper', '2026-11-30T21:30:00Z'),
      team('grace-hopper', '2026-11-30T22:00:00Z', `@edsger-d?\n${marker({ kind: 'escalation', to: ['edsger-d'], effortMinutes: 30 })}`),
    ],
  },
  {
    author: 'katherine-j',
    association: 'MEMBER',
    createdAt: '2026-12-01T18:00:00Z',
    number: 4,
    title: 'D: hotline call',
    body: `Logged call.\n${marker({ kind: 'contact', via: 'hotline', at: '2026-12-01T17:30:00Z', handler: 'grace-hopper', id: 'c-1', effortMinutes: 15 })}`,
  },
  {
    ...user('u5', '2026-12-03T16:00:00Z'),
    number: 5,
    title: 'E: bot first, then the team; promoted; closed',
    closed: true,
    closedAt: '2026-12-03T18:00:00Z',
    comments: [
      { author: 'github-actions[bot]', createdAt: '2026-12-03T16:01:00Z', body: 'Thanks!' },
      team('grace-hopper', '2026-12-03T16:45:00Z'),
      team(
        'grace-hopper',
        '2026-12-03T17:00:00Z',
        `Tracked in #900\n${marker({ kind: 'promotion', issue: 'https://github.com/visit-dav/visit/issues/900', repo: 'visit-dav/visit', number: 900, effortMinutes: 60 })}`,
      ),
    ],
  } as never,
  { ...user('u6', '2026-11-24T17:00:00Z'), number: 6, title: 'F: out of scope', category: 'ideas' },
  {
    ...user('u7', '2026-11-20T17:00:00Z'),
    number: 7,
    title: 'G: before the range',
    comments: [team('ada-lovelace', '2026-11-20T18:00:00Z')],
  },
  { ...user('u8', '2026-12-04T23:00:00Z'), number: 8, title: 'H: no answer yet' },
  {
    ...user('u9', '2026-11-23T21:00:00Z'),
    number: 9,
    title: 'I: answered in 1 h, later wontfix',
    labels: ['wontfix'],
    comments: [
      team('ada-lovelace', '2026-11-23T22:00:00Z'),
      team('ada-lovelace', '2026-12-04T18:00:00Z', `Closing.\n${marker({ kind: 'resolution', wontfix: true })}`, { isAnswer: true }),
    ],
  },
  // Unanswered and past its due time: Thu 14:00 PST, 3 h that day + 8 h Friday + 2 h Monday = 13 h so far.
  { ...user('u11', '2026-12-03T22:00:00Z'), number: 11, title: 'K: never answered', category: 'help-building-visit', labels: ['support'] },
  // Unanswered, not yet due: Fri 16:00 PST, 1 h Friday + 2 h Monday = 3 h, due Monday 11:00.
  { ...user('u10', '2026-12-05T00:00:00Z'), number: 10, title: 'J: asked late on Friday' },
]);

/** This machine's classified journal: one walk-in in the range (Wed Dec 2, 30 min), one before it. */
function journalHome(): string {
  const state = tempDir();
  mkdirSync(path.join(state, 'visit-sre'), { recursive: true });
  const entry = (at: string, effortMinutes: number) =>
    JSON.stringify({ at, via: 'walk-in', handler: 'grace-hopper', neededBy: null, effortMinutes, loggedAt: at });
  writeFileSync(
    path.join(state, 'visit-sre', 'journal.jsonl'),
    `${entry('2026-12-02T19:00:00Z', 30)}\n${entry('2026-11-10T19:00:00Z', 45)}\n`,
  );
  return state;
}
const NOW = '2026-12-07T18:00:00Z'; // Monday 10:00 Pacific: #8 (Friday 15:00) is due exactly now, as `overdue` would say
const stats = (args: string[], more: { cwd?: string; env?: Record<string, string> } = {}) =>
  run(['stats', '--since', '2026-11-23', '--until', '2026-12-07', ...args], {
    cwd: more.cwd,
    now: NOW,
    env: { VISIT_SRE_CONFIG: CONFIG, ...more.env },
    github: { url: standin!.url, token: 'test-token' },
  });

describe('stats against the stand-in, figures computed by hand', () => {
  it("counts the team's first human response in business hours, across a weekend and a holiday", async () => {
    standin = await startStandin(TWO_WEEKS);
    const r = await stats(['--json'], { env: { XDG_STATE_HOME: journalHome() } });
    expect(r.code, r.stderr).toBe(0);
    // GitHub inquiries answered: #1 2 h, #2 2 h (Wed 16–17, holidays, Mon 8–9), #3 4.5 h (Saturday → Monday 13:30),
    // #5 0.75 h (the bot does not count), #9 1 h; past their due time unanswered: #8 4 h, #11 13 h, at their wait so far.
    // Sorted 0.75 1 2 2 4 4.5 13: median 2, p90 the 7th = 13, within the goal 4 of 7. #10 is not yet due and not counted;
    // the hotline call #4 is reported apart. Effort: 30 (escalation) + 15 (call) + 60 (promotion) + 30 (journal) min.
    expect(JSON.parse(r.stdout)).toEqual({
      since: '2026-11-23',
      until: '2026-12-07',
      inquiries: 10,
      byVia: { github: 8, hotline: 1, classified: 1 },
      firstResponse: { count: 7, medianHours: 2, p90Hours: 13, withinGoal: 0.57, unanswered: 2 },
      unanswered: { count: 3, overdue: 2, notYetDue: 1 },
      calls: { count: 1, resolved: 0, effortHours: 0.25 },
      journal: { source: "this machine's journal", inquiries: 1, effortHours: 0.5 },
      housekeeping: { source: "this machine's journal", entries: 0, effortHours: 0 },
      resolution: { count: 3, medianHours: 2 },
      wontfix: 1,
      escalations: 1,
      handoffs: 0,
      promotions: 1,
      workarounds: 0,
      longTermFixes: 1,
      workaroundsWithoutFix: 0,
      effortHours: 2.25,
      byWeek: [
        { week: '2026-W48', inquiries: 4, github: 4, calls: 0, classified: 0, counted: 4, unanswered: 0, medianFirstResponseHours: 2 },
        // #5 0.75, #8 4, #11 13 counted; #10 not yet due; the call and the journal entry add to the volume only.
        { week: '2026-W49', inquiries: 6, github: 4, calls: 1, classified: 1, counted: 3, unanswered: 2, medianFirstResponseHours: 4 },
      ],
      byPrimary: [
        { login: 'ada-lovelace', inquiries: 3, owned: 3, medianFirstResponseHours: 2, p90Hours: 2, withinGoal: 1, unanswered: 0 },
        // Before: "grace-hopper 0.75 h 100%"-style figures hid #8 and #11. Now: 0.75 4 4.5 13.
        { login: 'grace-hopper', inquiries: 5, owned: 5, medianFirstResponseHours: 4.25, p90Hours: 13, withinGoal: 0.25, unanswered: 2 },
      ],
      byCategory: [
        {
          category: 'help-building-visit',
          inquiries: 1,
          calls: 0,
          firstResponse: { count: 1, medianHours: 13, p90Hours: 13, withinGoal: 0, unanswered: 1 },
        },
        {
          category: 'help-using-visit',
          inquiries: 8,
          calls: 1,
          firstResponse: { count: 6, medianHours: 2, p90Hours: 4.5, withinGoal: 0.67, unanswered: 1 },
        },
      ],
      byLabel: [
        {
          label: 'support',
          inquiries: 1,
          calls: 0,
          firstResponse: { count: 1, medianHours: 13, p90Hours: 13, withinGoal: 0, unanswered: 1 },
        },
        {
          label: 'wontfix',
          inquiries: 1,
          calls: 0,
          firstResponse: { count: 1, medianHours: 1, p90Hours: 1, withinGoal: 1, unanswered: 0 },
        },
      ],
      byPerson: [
        { login: 'ada-lovelace', primaryWeeks: 1, targetShare: 0.2, actualShare: 0.5 },
        { login: 'alan-turing', primaryWeeks: 0, targetShare: 0.1, actualShare: 0 },
        { login: 'barbara-l', primaryWeeks: 0, targetShare: 0.12, actualShare: 0 },
        { login: 'edsger-d', primaryWeeks: 0, targetShare: 0.16, actualShare: 0 },
        { login: 'grace-hopper', primaryWeeks: 1, targetShare: 0.2, actualShare: 0.5 },
        { login: 'katherine-j', primaryWeeks: 0, targetShare: 0.2, actualShare: 0 },
      ],
    });
  });

  it('without a journal, the totals are the discussions alone', async () => {
    standin = await startStandin(TWO_WEEKS);
    const out = JSON.parse((await stats(['--json'])).stdout);
    expect([out.inquiries, out.byVia, out.journal.inquiries, out.effortHours]).toEqual([9, { github: 8, hotline: 1 }, 0, 1.75]);
  });

  it('writes a self-contained HTML report and prints markdown, with the unanswered ones in both', async () => {
    standin = await startStandin(TWO_WEEKS);
    const cwd = tempDir();
    const r = await stats(['--format', 'markdown', '--html', 'report.html'], { cwd, env: { XDG_STATE_HOME: journalHome() } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/- First response on GitHub, median \/ p90: 2 h \/ 13 h, at least/);
    expect(r.stdout).toMatch(/- Within the 4 h goal: 57% of 7 \(2 with no response yet\)/);
    expect(r.stdout).toMatch(/- Classified, this machine's journal: 1 inquiry, 0.5 h effort/);
    expect(r.stdout).toMatch(/\| grace-hopper \| 5 \| 5 \| 4.25 h \| 13 h \| 25% \| 2 \|/);
    const html = readFileSync(path.join(cwd, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|url\(|https?:\/\/(?!www\.w3\.org)/);
    // The clock and the zone are the run's (VISIT_SRE_NOW, the team's zone), not the host's.
    expect(html).toContain('Generated <time datetime="2026-12-07T18:00:00Z">Mon Dec 7, 2026, 10:00 PST (America/Los_Angeles)</time>');
    // Five charts, each an image with a title, gridlines, axis titles with units and the 4 h goal where hours are plotted.
    const charts = html.split('<section class="chart">').slice(1);
    expect(charts.map((c) => c.match(/<h2>([^<]*)<\/h2>/)?.[1])).toEqual([
      'Inquiries per week',
      'First team response on GitHub, against the 4 h goal',
      'Weekly median first response on GitHub',
      'First response by developer, as the Primary on duty',
      'Primary weeks per developer against their percent-time target',
    ]);
    for (const c of charts) expect(c).toMatch(/<svg[^>]*role="img"[^>]*>|<svg[^>]*aria-label=/);
    expect(charts.filter((c) => c.includes('aria-label') && /y-grid|x-grid/.test(c))).toHaveLength(0);
    expect(charts.map((c) => /stroke-opacity="0.1"/.test(c))).toEqual([true, true, true, true, true]);
    expect(
      charts.map(
        (c) =>
          (c.match(/>(?:↑ )?(inquiries \(count\)|GitHub inquiries \(count\)|median first response \(business hours\)|Primary weeks)/) ??
            [])[1],
      ),
    ).toEqual([
      'inquiries (count)',
      'GitHub inquiries (count)',
      'median first response (business hours)',
      'median first response (business hours)',
      'Primary weeks',
    ]);
    expect(charts.map((c) => c.includes('>4 h goal<'))).toEqual([false, true, true, true, false]);
    // The distribution has its own "no response yet" bar, 2 high; the weekly medians carry their counts.
    expect(charts[1]).toMatch(/<td>no response yet<\/td><td>2<\/td>/);
    expect(charts[2]).toMatch(/>n=4<[\s\S]*>n=3</);
    expect(html).toMatch(/<th scope="row">No response yet<\/th><td>2 past the due time, 1 not yet due<\/td>/);
    expect(html).toMatch(/<td>grace-hopper<\/td><td>5<\/td><td>5<\/td><td>4.25 h<\/td><td>13 h<\/td><td>25%<\/td><td>2<\/td>/);
    expect(html).toMatch(/<h2>By category<\/h2>[\s\S]*help-building-visit[\s\S]*<h2>By label<\/h2>[\s\S]*support/);
    const again = await stats(['--html', 'report.html'], { cwd });
    expect(again.code).toBe(2);
    const dry = await stats(['--html', 'other.html', '--dry-run'], { cwd });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/would write .*other\.html/);
  });

  it('marks empty weeks apart from weeks answered in 0 h', async () => {
    // W48: one logged call only (first response 0 h, reported apart, nothing to measure); W49: nothing;
    // W50: a question answered within the same minute, 0 h.
    standin = await startStandin(
      scenario([
        {
          author: 'katherine-j',
          association: 'MEMBER',
          createdAt: '2026-11-24T18:00:00Z',
          number: 1,
          title: 'call',
          body: `Logged.\n${marker({ kind: 'contact', via: 'hotline', at: '2026-11-24T18:00:00Z', handler: 'ada-lovelace', id: 'c-9' })}`,
        },
        { ...user('u2', '2026-12-08T18:00:00Z'), number: 2, comments: [team('alan-turing', '2026-12-08T18:00:00Z')] },
      ]),
    );
    const cwd = tempDir();
    const r = await run(['stats', '--since', '2026-11-23', '--until', '2026-12-14', '--html', 'r.html', '--json'], {
      cwd,
      now: NOW.replace('07', '14'),
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(
      JSON.parse(r.stdout).byWeek.map((w: { medianFirstResponseHours: number | null; inquiries: number }) => [
        w.inquiries,
        w.medianFirstResponseHours,
      ]),
    ).toEqual([
      [1, null],
      [0, null],
      [1, 0],
    ]);
    const median = readFileSync(path.join(cwd, 'r.html'), 'utf8').split('<section class="chart">')[3]!;
    expect(median).toMatch(/>calls only</);
    expect(median).toMatch(/>no inquiries</);
    expect(median).toMatch(/<circle[^>]*r="3"/);
    expect(median).toMatch(/>n=1</);
  });

  it('writes one row per inquiry as CSV and JSON lines, classified ones without number or content', async () => {
    standin = await startStandin(TWO_WEEKS);
    const state = journalHome();
    const csv = await stats(['--format', 'csv'], { env: { XDG_STATE_HOME: state } });
    expect(csv.code, csv.stderr).toBe(0);
    const [head, ...lines] = csv.stdout.trimEnd().split('\n');
    expect(head).toBe(
      'number,url,category,labels,via,created,first_response,first_response_hours,response_status,waiting_hours,resolved,resolution_hours,primary,owner,escalations,handoffs,promoted,wontfix,effort_hours',
    );
    expect(lines).toHaveLength(10);
    const row = (n: string) => lines.find((l) => l.startsWith(`${n},`))!.split(',');
    expect(row('3')).toEqual([
      '3',
      expect.stringMatching(/\/discussions\/3$/),
      'help-using-visit',
      '',
      'github',
      '2026-11-28T18:00:00Z',
      '2026-11-30T21:30:00Z',
      '4.5',
      'answered',
      '',
      '',
      '',
      'grace-hopper',
      'grace-hopper',
      '1',
      '0',
      'false',
      'false',
      '0.5',
    ]);
    expect(row('11').slice(2, 10)).toEqual(['help-building-visit', 'support', 'github', '2026-12-03T22:00:00Z', '', '', 'overdue', '13']);
    expect(row('10').slice(8, 10)).toEqual(['not-yet-due', '3']);
    expect(row('4').slice(4, 9)).toEqual(['hotline', '2026-12-01T18:00:00Z', '2026-12-01T18:00:00Z', '0.5', 'answered']);
    expect(lines.filter((l) => l.startsWith(','))).toEqual([
      ',,classified,,walk-in,2026-12-02T19:00:00Z,,,none-needed,,,,,grace-hopper,0,0,false,false,0.5',
    ]);
    const jsonl = await stats(['--format', 'jsonl'], { env: { XDG_STATE_HOME: state } });
    const records = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(10);
    expect(records.find((x) => x.number === 5)).toMatchObject({
      first_response_hours: 0.75,
      resolved: '2026-12-03T18:00:00Z',
      resolution_hours: 2,
      promoted: true,
      effort_hours: 1,
    });
    expect(records.find((x) => x.number === 9)).toMatchObject({ wontfix: true, labels: 'wontfix', first_response_hours: 1 });
    const bad = await stats(['--format', 'xml']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/invalid --format "xml"[\s\S]*csv or jsonl/)]);
  });

  it('reads a year of VisIt-scale traffic (1,500 discussions) in at most 20 requests', async () => {
    const start = Date.parse('2026-01-01T08:00:00Z');
    const many = Array.from({ length: 1500 }, (_, i) => ({
      ...user(`u${i}`, new Date(start + i * 5.8 * 3_600_000).toISOString().replace('.000', '')),
      title: `Q${i}`,
    }));
    standin = await startStandin(scenario(many));
    const r = await run(['stats', '--since', '2026-01-01', '--until', '2027-01-01', '--json'], {
      now: '2027-01-05T18:00:00Z',
      env: { VISIT_SRE_CONFIG: CONFIG },
      github: { url: standin.url, token: 'test-token' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).inquiries).toBe(1500);
    const searches = standin.log.filter((e) => e.operationName === 'DiscussionsCreated');
    expect(searches.length).toBeLessThanOrEqual(19);
    expect(standin.log.length).toBeLessThanOrEqual(20);
  });
});

describe('Primary weeks for people to read', () => {
  it.each([
    [2.01, '2'],
    [10.57, '10.6'],
    [0, '0'],
    [3, '3'],
  ])('%d Primary weeks read as %s', async (x, want) => {
    const { weeks } = await import('../../src/commands/stats/render.js');
    expect(weeks(x)).toBe(want);
  });
});
