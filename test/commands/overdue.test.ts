import { describe, expect, it } from 'vitest';
import { weekStandin } from '../support/week.js';
import { displayWidth } from '../../src/shell/terminal.js';

const { sre } = weekStandin();
const overdue = (args: string[], term: { tty?: boolean; columns?: number; env?: Record<string, string> } = {}) =>
  sre(['overdue', ...args], term);

describe('overdue: what cron mails and what a terminal shows', () => {
  it('piped without --format: a plain-text report with headed sections, local times and links', async () => {
    const r = await overdue([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('\t');
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toMatch(
      /^Support report for visit-dav\/visit, Tue Dec 1 2026 11:00 PST\nResponse goal: 4 business hours\.\n\nOverdue \(1\)\n {2}#101 {2}Pseudocolor plot of a Silo file shows nothing\n {8}@grace-hopper, overdue by 7 business h \(was due Mon Nov 30 12:00\)\n {8}https:\/\/github\.com\/visit-dav\/visit\/discussions\/101\n/,
    );
    expect(r.stdout).toMatch(/\nDue soon \(2\)\n {2}#108 /);
    expect(r.stdout).toMatch(/\nStale \(1\)\n {2}#104 .*\n {8}@katherine-j, user silent 25 days/);
  });

  it('--format tsv keeps the rows for scripts', async () => {
    const r = await overdue(['--format', 'tsv']);
    expect(r.stdout.split('\n')[0]).toBe(
      'overdue\t101\tgrace-hopper\t2026-11-30T20:00:00Z\t11\tPseudocolor plot of a Silo file shows nothing\thttps://github.com/visit-dav/visit/discussions/101',
    );
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['overdue', 'due-soon', 'due-soon', 'stale']);
  });

  it('on an 60-column terminal the titles are cut with an ellipsis, never wrapped', async () => {
    const r = await overdue([], { tty: true, columns: 60, env: { NO_COLOR: '1' } });
    const lines = r.stdout.split('\n').filter((l) => /^#\d/.test(l));
    expect(lines.length).toBe(4);
    for (const line of r.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines.some((l) => l.endsWith('…'))).toBe(true);
    // One clock: the business time past due, as start, view, notify and the board say it; logins shorten before titles vanish.
    expect(r.stdout).toMatch(/#101 +@grace-hop… +overdue by 7 business h +Pseudo/);
    expect(r.stdout).toMatch(/\n#108 +@grace-hopp?… +due in 30 business min +Crash/);
    // No links in this terminal and no room for URLs: one line says where the numbers lead.
    expect(r.stdout).toMatch(/\n#N: https:\/\/github\.com\/visit-dav\/visit\/discussions\/N\n$/);
  });

  it('numbers are links on a terminal that shows them', async () => {
    const r = await overdue([], { tty: true, env: { NO_COLOR: '1', TERM_PROGRAM: 'WezTerm' } });
    expect(r.stdout).toContain('\u001b]8;;https://github.com/visit-dav/visit/discussions/101\u001b\\#101\u001b]8;;\u001b\\');
  });

  it('an unknown --format names the ones there are', async () => {
    const r = await overdue(['--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: option '--format <format>' argument 'csv' is invalid\. Allowed choices are table, text, tsv, markdown, json\.\n/,
    );
  });
});
