import { describe, expect, it, vi } from 'vitest';
import { displayWidth, fittedTable, link, supportsHyperlinks, truncate } from '../../src/shell/terminal.js';
import { businessDayOf, greeting, humanBusinessHours } from '../../src/shell/human.js';
import { interruptSummary, startProgress } from '../../src/shell/progress.js';
import { warn, withSpinner } from '../../src/shell/output.js';
import { testDeps } from '../support/deps.js';

describe('titles fit the terminal, as gh cuts them', () => {
  it.each([
    ['Silo reader crashes on NaN fill values', 20, 'Silo reader crashes…'],
    ['short', 20, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['日本語のタイトルです', 9, '日本語の…'],
    ['emoji 👩‍💻 title', 8, 'emoji…'],
  ])('%j in %i columns is %j', (title, max, want) => {
    const cut = truncate(title, max);
    expect(cut).toBe(want);
    expect(displayWidth(cut)).toBeLessThanOrEqual(max);
  });

  it('a table keeps its columns and cuts only the last one, links and colours taking no room', () => {
    const rows = [
      ['#101', '@grace-hopper', 'overdue, was due 3 days ago', 'Build fails on macOS with Xcode 16 when the Python bindings are enabled'],
      ['#7', '-', 'due in 2 hours', 'Short'],
    ];
    const text = fittedTable(rows, 80, (cell, _r, col) => (col === 0 ? link(cell, 'https://example.org', true) : cell));
    const lines = text.trimEnd().split('\n');
    expect(lines.map((l) => displayWidth(l))).toEqual([80, expect.any(Number)]);
    expect(lines[0]).toMatch(/Build fails on macOS.*…$/);
    expect(lines[1]!.endsWith('Short')).toBe(true);
    expect(lines[0]).toContain('\u001b]8;;https://example.org\u001b\\#101\u001b]8;;\u001b\\');
  });
});

describe('links only where the terminal shows them', () => {
  const tty = { isTTY: true };
  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, tty, true],
    [{ VTE_VERSION: '7200' }, tty, true],
    [{ VTE_VERSION: '4800' }, tty, false],
    [{ WT_SESSION: 'x' }, tty, true],
    [{ TERM_PROGRAM: 'iTerm.app' }, { isTTY: false }, false],
    [{ TERM_PROGRAM: 'vscode', TMUX: '/tmp/tmux' }, tty, false],
    [{ TERM: 'xterm-256color' }, tty, false],
    [{ FORCE_HYPERLINK: '1' }, { isTTY: false }, true],
    [{ FORCE_HYPERLINK: '0', TERM_PROGRAM: 'WezTerm' }, tty, false],
  ])('%j on %j: %s', (env, out, want) => expect(supportsHyperlinks(out, env)).toBe(want));

  it('a link without support is the text alone', () => expect(link('#1', 'https://x', false)).toBe('#1'));
});

describe('business hours as people say them', () => {
  it.each([
    [0.5, '30 min'],
    [2.49, '2.5 h'],
    [14.2, '14 h'],
    [23, '3 business days'],
    [79, '10 business days'],
    [1620.04, '41 business weeks'],
    [40 * 2, '2 business weeks'],
  ])('%f h → %s', (h, want) => expect(humanBusinessHours(h)).toBe(want));

  it('a team with a 6-hour day counts its own days', () => {
    const day = businessDayOf(['09:00-12:00', '13:00-16:00'], ['Mon', 'Tue', 'Wed', 'Thu']);
    expect(day).toEqual({ hoursPerDay: 6, daysPerWeek: 4 });
    expect(humanBusinessHours(18, day)).toBe('3 business days');
  });
});

describe('the greeting follows the clock in the team zone', () => {
  it.each([
    ['2026-11-30T16:00:00Z', 'Good morning'], // 08:00 Pacific
    ['2026-11-30T21:30:00Z', 'Good afternoon'], // 13:30
    ['2026-12-01T03:00:00Z', 'Good evening'], // 19:00
    ['2026-12-01T07:30:00Z', 'Hello'], // 23:30
  ])('%s in Los Angeles: %s', (at, want) => expect(greeting(Date.parse(at), 'America/Los_Angeles')).toBe(want));
});

describe('progress and Ctrl-C', () => {
  it('on a terminal each action shows on the counter line as it completes', () => {
    const deps = testDeps({ tty: true });
    const p = startProgress(deps, { verb: 'posting', items: ['#1', '#2', '#3'], enabled: true });
    expect(deps.stderr.text).toContain('posting 1/3');
    p.completed('#1', '✓ #1 handed over');
    expect(deps.stderr.text).toMatch(/\r\u001b\[2K. posting 2\/3 · last: ✓ #1 handed over$/);
    p.completed('#2', '✓ #2 handed over');
    p.end();
    expect(deps.stderr.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('Ctrl-C clears the counter and says what was done and what was not', () => {
    const deps = testDeps({ tty: true });
    const p = startProgress(deps, { verb: 'posting', items: ['#1', '#2', '#3'], enabled: true });
    p.completed('#1', '✓ #1');
    deps.interrupt();
    const after = deps.stderr.text.slice(deps.stderr.text.lastIndexOf('\u001b[2K') + 4);
    expect(after).toBe(interruptSummary(['#1', '#2', '#3'], new Set(['#1'])));
    expect(after).toMatch(/^Interrupted after 1 of 3\.\n {2}done: #1\n {2}not done: #2, #3\n/);
    p.end();
  });

  it('piped, nothing is drawn, but Ctrl-C still says what was done', () => {
    const deps = testDeps({ tty: false });
    const p = startProgress(deps, { verb: 'posting', items: ['#1', '#2'], enabled: true });
    p.completed('#1', '✓ #1');
    expect(deps.stderr.text).toBe('');
    deps.interrupt();
    expect(deps.stderr.text).toMatch(/^Interrupted after 1 of 2\./);
  });

  it('the spinner clears its line on Ctrl-C and names what it was doing', async () => {
    const deps = testDeps({ tty: true });
    vi.useFakeTimers();
    try {
      await withSpinner(deps, true, 'reading the open discussions', async () => {
        await vi.advanceTimersByTimeAsync(200);
        deps.interrupt();
      });
    } finally {
      vi.useRealTimers();
    }
    expect(deps.stderr.text).toMatch(/⠙ reading the open discussions\r\u001b\[2Kinterrupted while reading the open discussions\n/);
  });

  it('a warning while the spinner draws starts on a cleared line; after it, warnings are plain', async () => {
    const deps = testDeps({ tty: true });
    vi.useFakeTimers();
    try {
      await withSpinner(deps, true, 'reading the open discussions', async () => {
        await vi.advanceTimersByTimeAsync(200);
        warn(deps, 'the desk thread was read 2 h ago');
      });
    } finally {
      vi.useRealTimers();
    }
    warn(deps, 'after');
    expect(deps.stderr.text).toMatch(/⠙ reading the open discussions\r\u001b\[2Kwarning: the desk thread was read 2 h ago\n/);
    // One clear for the warning inside, one when the spinner stops, none added by the warning after it.
    expect(deps.stderr.text.split('\r\u001b[2K')).toHaveLength(3);
    expect(deps.stderr.text.endsWith('warning: after\n')).toBe(true);
  });
});
