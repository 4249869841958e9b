import { describe, expect, it } from 'vitest';
import { weekStandin } from '../support/week.js';

const URL_101 = 'https://github.com/visit-dav/visit/discussions/101';
const week = weekStandin();
const sre = (args: string[], opts: { tty?: boolean; columns?: number; openBrowser?: (url: string) => Promise<void> } = {}) =>
  week.sre(args, {
    tty: opts.tty,
    columns: opts.columns,
    env: { NO_COLOR: '1' },
    setup: (deps) => void (deps.openBrowser = opts.openBrowser),
  });

describe('view: one discussion in brief', () => {
  it('says the state, owner and clock, what the team did in words, the last messages and the link', async () => {
    expect((await sre(['escalate', '101', '--reason', 'Silo reader question'])).code).toBe(0);
    const r = await sre(['view', '101', '--messages', '2'], { tty: true });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('#101 Pseudocolor plot of a Silo file shows nothing');
    expect(r.stdout).toMatch(/\nOwner: @grace-hopper {3}overdue by 7 business h \(was due Mon Nov 30 12:00\)\n/);
    expect(r.stdout).toMatch(/\nWhat happened\n {2}\w{3} \w{3} \d+ \d\d:\d\d {2}First contact: @jdoe-lab opened the discussion\n/);
    expect(r.stdout).toMatch(/ {2}Tue Dec 1 11:00 {2}Escalated by @grace-hopper to @edsger-d: Silo reader question\n/);
    expect(r.stdout).toMatch(/\nLast messages \(2 of \d+\)\n/);
    expect(r.stdout).toMatch(/ {2}@grace-hopper · now\n {4}@edsger-d, could you help with this one\?\n/);
    expect(r.stdout).not.toContain('<!-- visit-sre');
    expect(lines.at(-2)).toBe(URL_101);
  });

  it("the user's latest message is shown whole, wrapped at the width, not cut to a line", async () => {
    const r = await sre(['view', '101', '--messages', '1'], { tty: true, columns: 60 });
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const body = r.stdout.slice(r.stdout.indexOf('@jdoe-lab ·'));
    expect(body.replace(/\s+/g, ' ')).toContain(
      'I open my Silo file, add a Pseudocolor plot of `pressure`, click Draw, and the window stays empty. VisIt 3.4.1 on RHEL 8.',
    );
    expect(body).not.toContain('…');
  });

  it('--json carries the clock, the events and the messages', async () => {
    const r = await sre(['view', '101', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ number: 101, state: 'waiting-on-team', owner: 'grace-hopper', overdue: true, url: URL_101 });
    expect(doc.events[0].what).toBe('First contact: @jdoe-lab opened the discussion');
    expect(doc.messages.length).toBeLessThanOrEqual(3);
  });

  it('--web opens the discussion through the injected opener and prints nothing on stdout', async () => {
    const opened: string[] = [];
    const r = await sre(['view', '101', '--web'], { openBrowser: async (u) => void opened.push(u) });
    expect(r.code, r.stderr).toBe(0);
    expect(opened).toEqual([URL_101]);
    expect(r.stdout).toBe('');
  });

  it('a browser that cannot start is an operational error that gives the link', async () => {
    const r = await sre(['view', '101', '--web'], {
      openBrowser: async () => {
        throw new Error('spawn xdg-open ENOENT');
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: no browser opened: spawn xdg-open ENOENT\nopen ${URL_101} yourself\n`);
  });

  it.each([
    [['view', '9999'], /9999/],
    [['view', 'abc'], /invalid discussion number "abc"/],
    [['view', '101', '--messages', '-1'], /invalid --messages "-1"/],
  ])('%j is a usage error', async (args, message) => {
    const r = await sre(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
