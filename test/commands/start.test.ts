import { describe, expect, it } from 'vitest';
import { weekStandin } from '../support/week.js';
import { displayWidth } from '../../src/shell/terminal.js';

const { sre } = weekStandin();
const start = (args: string[], term: { tty?: boolean; columns?: number } = { tty: true }) =>
  sre(['start', '--as', 'grace-hopper', ...args], { ...term, env: { NO_COLOR: '1' } });

describe('start fits a terminal and a Monday morning', () => {
  it("--web opens the repository's discussions in the browser and reads nothing from GitHub", async () => {
    const opened: string[] = [];
    const r = await sre(['start', '--as', 'grace-hopper', '--web'], {
      tty: true,
      env: { NO_COLOR: '1' },
      setup: (deps) => void (deps.openBrowser = async (u: string) => void opened.push(u)),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(opened).toEqual(['https://github.com/visit-dav/visit/discussions']);
    expect(r.stdout).toBe('');
  });

  it('the summary comes first, handed-to-you and off-duty rows are listed once, and the queue says how many more there are', async () => {
    const r = await start(['--limit', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Good morning, @grace-hopper\. You are Primary this week \(Mon Nov 30 → Mon Dec 7\)\.\nPrimary: @grace-hopper {3}Backup: @edsger-d\nOpen: 7 {3}Overdue: 1 {3}Due soon: 2 {3}Stale: 1\n/,
    );
    expect(r.stdout.match(/^#105 /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/\nHanded to you \(1\)\n#105 /);
    // Katherine, who holds no role this week, still owns #104: the acting Primary covers it (docs/process.md#off-duty-owners).
    expect(r.stdout).toMatch(/\nOwned by someone off duty \(1, all @katherine-j\)\n#104 +stale: user silent 25 days /);
    expect(r.stdout.match(/^#104 /gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/\nNext by urgency \(3 of 5\)\n#101 [^\n]*\n#108 [^\n]*\n#102 [^\n]*\n2 more \(--limit 0 lists them all\)\n/);
  });

  it('--limit 0 lists everything; --mine keeps only what the developer owns or was handed', async () => {
    const all = await start(['--limit', '0']);
    expect(all.stdout).toMatch(/Next by urgency \(5\)\n/);
    const mine = await sre(['start', '--as', 'katherine-j', '--mine'], { tty: true, env: { NO_COLOR: '1' } });
    expect(mine.stdout).toMatch(/Open: 1 /);
    expect(mine.stdout).toMatch(/\nOwned by someone off duty \(1\)\n#104 +stale: user silent 25 days +Reading a Mili/);
    expect(mine.stdout).toMatch(/\nNext by urgency \(0\)\nnone\n/);
  });

  it('titles are cut to the terminal width instead of wrapping', async () => {
    const r = await start([], { tty: true, columns: 60 });
    const rows = r.stdout.split('\n').filter((l) => /^#\d+ /.test(l));
    expect(rows.length).toBeGreaterThan(3);
    for (const line of r.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(rows.some((l) => l.endsWith('…'))).toBe(true);
    // One owner for a whole list is said once, in its heading: the queue is all Grace's, the off-duty list all Katherine's.
    expect(r.stdout).toMatch(/\nNext by urgency \(5\)\n#101 +overdue by 7 business h/);
    expect(r.stdout).toMatch(/\nOwned by someone off duty \(1, all @katherine-j\)\n#104 +stale: user silent 25 days +/);
  });

  it('piped, rows keep their whole titles and carry the URL', async () => {
    const r = await start([], { tty: false });
    expect(r.stdout).toMatch(
      /#101 +overdue, was due 2026-11-30T20:00:00Z +Pseudocolor plot of a Silo file shows nothing +https:\/\/github\.com\/visit-dav\/visit\/discussions\/101\n/,
    );
  });

  it('an unreadable --limit is a usage error', async () => {
    const r = await start(['--limit', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: invalid --limit "ten"\n/);
  });
});
