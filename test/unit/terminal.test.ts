import { describe, expect, it, vi } from 'vitest';
import { displayWidth, fitTable, layoutTable, link, linkHint, supportsHyperlinks, truncate, wrapText } from '../../src/shell/terminal.js';
import { greeting } from '../../src/shell/human.js';
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

  it('a cut keeps colours and links closed, and measures only what shows', () => {
    const cut = truncate(`\u001b[2m${link('Silo reader crashes', 'https://x', true)}\u001b[22m`, 8);
    expect(displayWidth(cut)).toBe(8);
    expect(cut).toBe('\u001b[2m\u001b]8;;https://x\u001b\\Silo re…\u001b]8;;\u001b\\\u001b[22m');
  });
});

describe('tables fit the terminal: titles cut, people shorten, secondary columns drop, no row wraps', () => {
  const title = 'Build fails on macOS with Xcode 16 when the Python bindings are enabled';
  const rows = [
    ['#101', ['Grace Hopper @grace-hopper', '@grace-hopper'], 'overdue by 7 business h', title, 'https://github.com/o/r/discussions/101'],
    ['#7', ['Ada Lovelace @ada', '@ada'], 'due in 2 business h', 'Short', 'https://github.com/o/r/discussions/7'],
  ];
  const columns = [{}, { min: 8, shrink: 2, drop: 3 }, {}, { min: 16, shrink: 1 }, { drop: 0 }];
  const lines = (text: string) => text.trimEnd().split('\n');

  it.each([200, 120, 80, 60, 40, 20])('at %i columns no line is wider than the terminal', (width) => {
    for (const line of lines(fitTable(rows, columns, width))) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });

  it('wide: everything, whole', () => {
    const { text, shown } = layoutTable(rows, columns, 200);
    expect(shown).toEqual([0, 1, 2, 3, 4]);
    expect(lines(text)[0]).toBe(
      `#101  Grace Hopper @grace-hopper  overdue by 7 business h  ${title}  https://github.com/o/r/discussions/101`,
    );
  });

  it('80: the URL column goes first, then the title is cut before a person shortens', () => {
    const { text, shown } = layoutTable(rows, columns, 80);
    expect(shown).toEqual([0, 1, 2, 3]);
    expect(lines(text)[0]).toBe('#101  Grace Hopper @grace-hopper  overdue by 7 business h  Build fails on macOS…');
    expect(displayWidth(lines(text)[0]!)).toBe(80);
  });

  it('64: people are their logins, the title keeps at least its minimum', () => {
    const text = fitTable(rows, columns, 64);
    expect(lines(text)[0]).toBe('#101  @grace-hopper  overdue by 7 business h  Build fails on ma…');
    expect(lines(text)[1]).toBe('#7    @ada           due in 2 business h      Short');
  });

  it('60: a login is cut before the column drops', () =>
    expect(lines(fitTable(rows, columns, 60))[0]).toBe('#101  @grace-hopp…  overdue by 7 business h  Build fails on…'));

  it('50: the person column drops, and the title gets its room back', () => {
    const { text, shown } = layoutTable(rows, columns, 50);
    expect(shown).toEqual([0, 2, 3]);
    expect(lines(text)[0]).toBe('#101  overdue by 7 business h  Build fails on mac…');
  });

  it('a header shortens with its column, and an empty column is left out', () => {
    const text = fitTable([['ada', '', '3']], [{ head: 'LOGIN' }, { head: 'EMPTY' }, { head: ['PRIMARY WEEKS', 'PRIMARY'] }], 14);
    expect(text).toBe('LOGIN  PRIMARY\nada    3\n');
  });
});

describe('prose wraps at the width, links tell where they lead', () => {
  it('wraps words, indents what follows, leaves short lines alone', () => {
    expect(wrapText('warning: 62 discussions of last week were not handed off', 30)).toBe(
      'warning: 62 discussions of\n  last week were not handed\n  off',
    );
    expect(wrapText('a  b', 30)).toBe('a  b');
  });
  it('a hint per kind of link, with the command that opens a discussion where it fits', () => {
    const discussions = ['https://github.com/o/r/discussions/101', 'https://github.com/o/r/discussions/7'];
    expect(linkHint(discussions)).toBe('#N: https://github.com/o/r/discussions/N, or visit-sre view N --web');
    expect(linkHint(discussions, 67)).toBe('#N: https://github.com/o/r/discussions/N, or visit-sre view N --web');
    expect(linkHint(discussions, 66)).toBe('#N: https://github.com/o/r/discussions/N');
    expect(linkHint(['https://github.com/o/r/issues/202'])).toBe('#N: https://github.com/o/r/issues/N');
    expect(linkHint([])).toBe('');
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
    // Inside tmux or screen the outer terminal's variables are still set, and say nothing of what tmux passes on.
    [{ VTE_VERSION: '7200', TERM_PROGRAM: 'tmux', TERM: 'tmux-256color' }, tty, false],
    [{ VTE_VERSION: '7200', STY: '1234.pts-0.host', TERM: 'screen.xterm-256color' }, tty, false],
    [{ WT_SESSION: 'x', TERM: 'tmux-256color' }, tty, false],
    [{ TERM_PROGRAM: 'WezTerm', TERM: 'dumb' }, tty, false],
    [{ TERM_PROGRAM: 'WezTerm', CI: 'true' }, tty, false],
    [{ FORCE_HYPERLINK: '1' }, { isTTY: false }, true],
    [{ FORCE_HYPERLINK: '0', TERM_PROGRAM: 'WezTerm' }, tty, false],
  ])('%j on %j: %s', (env, out, want) => expect(supportsHyperlinks(out, env)).toBe(want));

  it('a link without support is the text alone', () => expect(link('#1', 'https://x', false)).toBe('#1'));
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
