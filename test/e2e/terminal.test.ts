import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { runPty, screenLines } from '../support/pty.js';
import { TUESDAY, WEEK, WEEK_CONFIG } from '../support/week.js';
import { displayWidth } from '../../src/shell/terminal.js';

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function onTerminal(args: string[], opts: { cols?: number; latencyMs?: number; env?: Record<string, string> } = {}) {
  standin = await startStandin(WEEK, { latencyMs: opts.latencyMs ?? 0 });
  standin.setClock(TUESDAY);
  return runPty(args, {
    cols: opts.cols,
    env: { GITHUB_API_URL: standin.url, GH_TOKEN: standin.token, VISIT_SRE_CONFIG: WEEK_CONFIG, VISIT_SRE_NOW: TUESDAY, ...opts.env },
  });
}

describe('in a real terminal (a pseudo-terminal)', () => {
  it('overdue at 80 columns: no line wraps, long titles end in an ellipsis', async () => {
    const t = await onTerminal(['overdue'], { cols: 80 });
    expect(await t.exited).toBe(0);
    const lines = screenLines(t.output()).filter((l) => /^#\d/.test(l));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(screenLines(t.output()).join('\n')).toMatch(
      /#101 +@grace-hopper +overdue by 7 business h +Pseudocolor plot of a Silo file s…\n/,
    );
  });

  it('Ctrl-C during the spinner clears its line, says what it was doing, and exits 130', async () => {
    const t = await onTerminal(['overdue'], { latencyMs: 1500 });
    await t.waitFor(/reading the open discussions/);
    t.type('\x03');
    expect(await t.exited).toBe(130);
    const raw = t.output();
    // The spinner line (and the ^C the terminal echoed onto it) is erased before the message.
    expect(raw).toMatch(
      /reading the open discussions of visit-dav\/visit(\^C)?\r\u001b\[2Kinterrupted while reading the open discussions of visit-dav\/visit\r\n$/,
    );
    expect(screenLines(raw).filter((l) => l.includes('⠋') || l.includes('⠙') || l.includes('^C'))).toEqual([]);
  });

  it('the discussion numbers link where the terminal shows links', async () => {
    const t = await onTerminal(['overdue'], { env: { TERM_PROGRAM: 'WezTerm' } });
    expect(await t.exited).toBe(0);
    expect(t.output()).toContain('\u001b]8;;https://github.com/visit-dav/visit/discussions/101\u001b\\');
  });
});

describe('where the terminal shows no links (tmux, xterm) the URLs are still there', () => {
  it.each([
    ['tmux', { TMUX: '/tmp/tmux-1000/default,1,0', TERM_PROGRAM: 'tmux', VTE_VERSION: '7200' }],
    ['xterm', { XTERM_VERSION: 'XTerm(390)' }],
  ])('%s: at 80 columns a line under the tables says where the numbers lead; at 160 a URL column', async (_name, env) => {
    const narrow = await onTerminal(['overdue'], { cols: 80, env });
    expect(await narrow.exited).toBe(0);
    expect(narrow.output()).not.toContain('\u001b]8;;');
    const lines = screenLines(narrow.output()).filter(Boolean);
    expect(lines.at(-1)).toBe('#N: https://github.com/visit-dav/visit/discussions/N, or visit-sre view N --web');
    expect(lines.filter((l) => displayWidth(l) > 80)).toEqual([]);
    await standin?.close();
    const wide = await onTerminal(['overdue'], { cols: 160, env });
    expect(await wide.exited).toBe(0);
    expect(screenLines(wide.output()).join('\n')).toMatch(
      /^#101 .*Pseudocolor plot of a Silo file shows nothing +https:\/\/github\.com\/visit-dav\/visit\/discussions\/101$/m,
    );
    expect(wide.output()).not.toContain('#N:');
  });
});

describe('every table fits the terminal: at 80 and 60 columns no line is wider than the screen', () => {
  const commands: Array<[string[], RegExp]> = [
    [['who'], /^Primary +\S/m],
    [['who', '--next', '4'], /^Next\n/m],
    [['start'], /^Next by urgency \(5\)\n#101 /m],
    [['overdue'], /^#101 +\S+ +overdue by 7 business h +Pseudo/m],
    [['schedule', 'generate', '--start', '2027-01-04', '--weeks', '6', '--dry-run'], /^2027-W01 +2027-01-04 +/m],
    [['schedule', 'check'], /^LOGIN +SHARE +/m],
    [['stats', '--since', '2026-11-01'], /^Inquiries +8 /m],
  ];
  it.each([80, 60].flatMap((cols) => commands.map(([args, shows]) => [cols, args.join(' '), args, shows] as const)))(
    'at %i columns: %s',
    async (cols, _name, args, shows) => {
      const t = await onTerminal([...args], { cols });
      expect(await t.exited).toBe(0);
      const lines = screenLines(t.output());
      expect(lines.join('\n')).toMatch(shows);
      const wide = lines.filter((l) => displayWidth(l) > cols);
      expect(wide, `lines wider than ${cols} columns`).toEqual([]);
    },
  );
});

describe('writes on a terminal', () => {
  it('handoff --yes counts as it posts, and Ctrl-C says what was done and what was not, then exits 130', async () => {
    const t = await onTerminal(['handoff', '--yes', '--keep', '102'], { latencyMs: 150, env: { VISIT_SRE_NOW: '2026-12-05T01:00:00Z' } });
    standin!.setClock('2026-12-05T01:00:00Z');
    await t.waitFor(/posting 2\/6 · last: ✓ (handoff|keep) #\d+: done/, 20_000); // five handoff comments and #102's keep note
    t.type('\x03');
    expect(await t.exited).toBe(130);
    const tail = screenLines(t.output()).join('\n');
    expect(tail).toMatch(
      /Interrupted after [1-5] of 6\.\n {2}done: (handoff|keep) #\d+(, (handoff|keep) #\d+)*\n {2}not done: (handoff|keep) #\d+/,
    );
    expect(tail).toMatch(/Run the same command again to finish; it repeats nothing already done\./);
    const handedOver = standin!.store
      .snapshot()[0]!
      .discussions.filter((d) => d.comments.some((c) => /"kind":"(handoff|keep)"/.test(c.body)));
    // What it says was done reached GitHub; the one in flight may have too, as it warns.
    const said = Number(/Interrupted after (\d) of 6/.exec(tail)![1]);
    expect(handedOver.length - said).toBeGreaterThanOrEqual(0);
    expect(handedOver.length - said).toBeLessThanOrEqual(1);
    expect(tail).toMatch(/was in flight and may have gone through: a re-run looks for it before posting\./);
  });
});
