import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
  { ...user('u1', '2026-11-23T17:00:00Z'), number: 1, title: 'A: answered in 2 h', comments: [team('ada-lovelace', '2026-11-23T19:00:00Z', 'answer', { isAnswer: true })] },
  { ...user('u2', '2026-11-26T00:00:00Z'), number: 2, title: 'B: Wednesday 16:00, answered after Thanksgiving', comments: [team('ada-lovelace', '2026-11-30T17:00:00Z')] },
  {
    ...user('u3', '2026-11-28T18:00:00Z'),
    number: 3,
    title: 'C: Saturday, answered Monday 13:30, escalated',
    comments: [team('grace-hopper', '2026-11-30T21:30:00Z'), team('grace-hopper', '2026-11-30T22:00:00Z', `@edsger-d?\n${marker({ kind: 'escalation', to: ['edsger-d'], effortMinutes: 30 })}`)],
  },
  { author: 'katherine-j', association: 'MEMBER', createdAt: '2026-12-01T18:00:00Z', number: 4, title: 'D: hotline call', body: `Logged call.\n${marker({ kind: 'contact', via: 'hotline', at: '2026-12-01T17:30:00Z', handler: 'grace-hopper', id: 'c-1', effortMinutes: 15 })}` },
  {
    ...user('u5', '2026-12-03T16:00:00Z'),
    number: 5,
    title: 'E: bot first, then the team; promoted; closed',
    closed: true,
    closedAt: '2026-12-03T18:00:00Z',
    comments: [{ author: 'github-actions[bot]', createdAt: '2026-12-03T16:01:00Z', body: 'Thanks!' }, team('grace-hopper', '2026-12-03T16:45:00Z'), team('grace-hopper', '2026-12-03T17:00:00Z', `Tracked in #900\n${marker({ kind: 'promotion', issue: 'https://github.com/visit-dav/visit/issues/900', repo: 'visit-dav/visit', number: 900, effortMinutes: 60 })}`)],
  } as never,
  { ...user('u6', '2026-11-24T17:00:00Z'), number: 6, title: 'F: out of scope', category: 'ideas' },
  { ...user('u7', '2026-11-20T17:00:00Z'), number: 7, title: 'G: before the range', comments: [team('ada-lovelace', '2026-11-20T18:00:00Z')] },
  { ...user('u8', '2026-12-04T23:00:00Z'), number: 8, title: 'H: no answer yet' },
  {
    ...user('u9', '2026-11-23T21:00:00Z'),
    number: 9,
    title: 'I: answered in 1 h, later wontfix',
    labels: ['wontfix'],
    comments: [team('ada-lovelace', '2026-11-23T22:00:00Z'), team('ada-lovelace', '2026-12-04T18:00:00Z', `Closing.\n${marker({ kind: 'resolution', wontfix: true })}`, { isAnswer: true })],
  },
]);

describe('stats against the stand-in, figures computed by hand', () => {
  it('counts the team\'s first human response in business hours, across a weekend and a holiday', async () => {
    standin = await startStandin(TWO_WEEKS);
    const r = await run(['stats', '--since', '2026-11-23', '--until', '2026-12-07', '--json'], { now: '2026-12-07T18:00:00Z', env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: 'test-token' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      since: '2026-11-23',
      until: '2026-12-07',
      inquiries: 7,
      byVia: { github: 6, hotline: 1 },
      firstResponse: { count: 6, medianHours: 1.5, p90Hours: 4.5, withinGoal: 0.83 },
      resolution: { count: 3, medianHours: 2 },
      wontfix: 1,
      escalations: 1,
      handoffs: 0,
      promotions: 1,
      effortHours: 1.75,
      byWeek: [
        { week: '2026-W48', inquiries: 4, medianFirstResponseHours: 2 },
        { week: '2026-W49', inquiries: 3, medianFirstResponseHours: 0.63 },
      ],
      byPrimary: [
        { login: 'ada-lovelace', inquiries: 3, medianFirstResponseHours: 2, withinGoal: 1 },
        { login: 'grace-hopper', inquiries: 4, medianFirstResponseHours: 0.75, withinGoal: 0.67 },
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

  it('writes a self-contained HTML report and prints markdown', async () => {
    standin = await startStandin(TWO_WEEKS);
    const cwd = tempDir();
    const r = await run(['stats', '--since', '2026-11-23', '--until', '2026-12-07', '--format', 'markdown', '--html', 'report.html'], { cwd, now: '2026-12-07T18:00:00Z', env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: 'test-token' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/First team response: median 1.5 h, p90 4.5 h, 83% within 4 h/);
    const html = readFileSync(path.join(cwd, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org)/);
    const again = await run(['stats', '--since', '2026-11-23', '--until', '2026-12-07', '--html', 'report.html'], { cwd, now: '2026-12-07T18:00:00Z', env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: 'test-token' } });
    expect(again.code).toBe(2);
    const dry = await run(['stats', '--since', '2026-11-23', '--until', '2026-12-07', '--html', 'other.html', '--dry-run'], { cwd, now: '2026-12-07T18:00:00Z', env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: 'test-token' } });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/would write .*other\.html/);
  });

  it('reads a year of VisIt-scale traffic (1,500 discussions) in at most 20 requests', async () => {
    const start = Date.parse('2026-01-01T08:00:00Z');
    const many = Array.from({ length: 1500 }, (_, i) => ({ ...user(`u${i}`, new Date(start + i * 5.8 * 3_600_000).toISOString().replace('.000', '')), title: `Q${i}` }));
    standin = await startStandin(scenario(many));
    const r = await run(['stats', '--since', '2026-01-01', '--until', '2027-01-01', '--json'], { now: '2027-01-05T18:00:00Z', env: { VISIT_SRE_CONFIG: CONFIG }, github: { url: standin.url, token: 'test-token' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).inquiries).toBe(1500);
    const searches = standin.log.filter((e) => e.operationName === 'DiscussionsCreated');
    expect(searches.length).toBeLessThanOrEqual(19);
    expect(standin.log.length).toBeLessThanOrEqual(20);
  });
});
