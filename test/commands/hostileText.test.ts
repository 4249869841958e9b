import { afterEach, describe, expect, it } from 'vitest';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { run } from '../support/deps.js';
import { user } from '../support/scenario.js';
import { deskConfig, deskScenario, desk } from '../support/desk.js';
import { CONTROL_BYTES, HOSTILE } from '../support/hostile.js';

/**
 * Issue 24: a discussion title is anyone's text. On the terminal it must not
 * rewrite the window title, the colours or the clipboard, nor turn itself
 * around (bidi); in the team's own posts its links and images must not live.
 */
let standin: Standin;
afterEach(async () => {
  await standin?.close();
});

// Mon Nov 30 2026 13:00 PST: Grace is Primary; the Saturday question was due at 12:00, so it is overdue.
const MON_1300 = '2026-11-30T21:00:00Z';
const MARKDOWN = 'Crash ![](https://tracker.example/px.gif) [click](https://evil.example) see www.evil.example cc @alan-turing';

const scenarioWith = (title: string, body = `body ${HOSTILE}\nsecond line`) =>
  deskScenario([{ ...user('jdoe', '2026-11-28T22:00:00Z', body), title, category: 'help-using-visit' }]);

async function cli(args: string[], opts: { tty: boolean; env?: Record<string, string>; fetch?: typeof fetch; config: string }) {
  standin.setClock(MON_1300);
  return run(args, {
    now: MON_1300,
    tty: opts.tty,
    env: { VISIT_SRE_CONFIG: opts.config, ...opts.env },
    github: { url: standin.url, token: standin.token },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}

/** The spinner's and the progress counter's redraw on a terminal's stderr. */
const REDRAW = /\r\u001b\[2K|\r(?=[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] )/g;

const COMMANDS = [['view', '100'], ['start', '--as', 'grace-hopper'], ['notify', '--dry-run'], ['overdue']];

describe('a hostile title on the terminal', () => {
  it.each([
    ['a terminal', true],
    ['a pipe', false],
  ])('reaches %s with no control byte, through view, start, notify --dry-run and overdue', async (_mode, tty) => {
    standin = await startStandin(scenarioWith(HOSTILE));
    const config = deskConfig();
    for (const args of COMMANDS) {
      const r = await cli(args, { tty, config, env: { NO_COLOR: '1' } });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      // On a terminal, stderr may carry the spinner's own redraw (CR, erase line); nothing else is allowed.
      const shown = r.stdout + r.stderr.replace(REDRAW, '');
      expect(shown, args.join(' ')).toContain('Crash');
      expect({ command: args.join(' '), controls: shown.match(CONTROL_BYTES) ?? [] }).toEqual({ command: args.join(' '), controls: [] });
    }
  });

  it('with colour on, only the tool’s own colours reach the terminal: none of the title’s', async () => {
    standin = await startStandin(scenarioWith(HOSTILE));
    const config = deskConfig();
    for (const args of COMMANDS) {
      const r = await cli(args, { tty: true, config, env: { FORCE_COLOR: '1', FORCE_HYPERLINK: '1' } });
      expect(r.code, r.stderr).toBe(0);
      const shown = r.stdout + r.stderr;
      // The tool's own: SGR codes it paints with, OSC 8 links to GitHub, a spinner's redraw; nothing else may be left.
      const own = shown
        .replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '')
        .replace(/\u001b\]8;;(?:https:\/\/github\.com\/[^\u001b]*)?\u001b\\/g, '')
        .replace(REDRAW, '');
      expect({ command: args.join(' '), left: own.match(CONTROL_BYTES) ?? [] }).toEqual({ command: args.join(' '), left: [] });
      expect(shown).not.toContain('\u001b[31;5m'); // the title's blinking red
    }
  });

  it('--json keeps the title exact, with what a terminal would act on written as escapes', async () => {
    standin = await startStandin(scenarioWith(HOSTILE));
    const r = await cli(['overdue', '--json'], { tty: true, config: deskConfig() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).overdue[0].title).toBe(HOSTILE);
    expect(r.stdout.replace(/\u001b/g, '')).toBe(r.stdout); // ESC travels as \u001b, never raw
    expect(r.stdout.match(CONTROL_BYTES)).toBeNull();
  });
});

describe('a title with markdown in the team’s own posts', () => {
  it('is plain text in the desk thread’s comment, its board and the webhook’s text', async () => {
    standin = await startStandin(scenarioWith(MARKDOWN, 'question'));
    const hooks: string[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      hooks.push(String(init.body));
      return new Response('ok', { status: 200 });
    }) as typeof globalThis.fetch;
    const r = await cli(['notify'], { tty: false, config: deskConfig(), env: { VISIT_SRE_WEBHOOK: 'https://hooks.example/T1' }, fetch });
    expect(r.code, r.stderr).toBe(0);
    const d = desk(standin);
    const posted = [d.body, ...d.feed.map((c) => c.body), ...hooks.map((h) => JSON.parse(h).text as string)];
    expect(posted).toHaveLength(3);
    for (const text of posted) {
      expect(text).toContain('Crash');
      expect(text).not.toContain('![](');
      expect(text).not.toContain('[click](');
      expect(text).not.toMatch(/https:\/\/(tracker|evil)\.example|www\.evil/);
      expect(text).not.toMatch(/@alan-turing/);
    }
  });
});
