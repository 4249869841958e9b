import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Standin } from '../support/standin/server.mjs';
import { startStandin } from '../support/standin/server.mjs';
import { REPO_ROOT, run, tempDir } from '../support/deps.js';
import { TUESDAY, WEEK } from '../support/week.js';
import type { Prompter } from '../../src/app/context.js';

/** Shell words of one line, as sh splits them; stops at an unquoted |, > or #. */
export function shellWords(line: string): { words: string[]; piped: boolean } {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else if ('|>#'.includes(c) && word === null) {
      return { words, piped: c !== '#' };
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return { words, piped: false };
}

/** Every `visit-sre …` line of the README's sh blocks, with its arguments. */
function readmeExamples(): Array<{ line: string; args: string[]; piped: boolean }> {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.split('\n'))
    .filter((l) => /^(npx )?visit-sre( |$)/.test(l))
    .map((line) => {
      const { words, piped } = shellWords(line.replace(/^npx /, ''));
      return { line, args: words.slice(1), piped };
    });
}

/** Someone at the terminal who takes every default, types as little as is accepted, and something sensible where nothing is. */
const person: Prompter = {
  input: async (_m, opts = {}) => opts.default ?? (opts.validate?.('') === true ? '' : 'Silo files from 2.x do not open'),
  select: async (_m, choices, defaultValue) => defaultValue ?? choices[0]!.value,
  confirm: async () => true,
  checkbox: async () => [],
  editor: async () => 'They asked how to open Silo files written by VisIt 2.x.',
};

/** A directory like a team's checkout: config, rotation and team file (also where `init` looks for it), and a notes.txt to log. */
function workspace(withConfig: boolean): string {
  const dir = tempDir();
  copyFileSync(path.join(REPO_ROOT, 'schedules', 'rotation.ics'), path.join(dir, 'rotation.ics'));
  copyFileSync(path.join(REPO_ROOT, 'schedules', 'team.json'), path.join(dir, 'team.json'));
  writeFileSync(path.join(dir, 'notes.txt'), 'They cannot open Silo files written by VisIt 2.x.\n');
  copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'eml', 'multipart-encoded.eml'), path.join(dir, 'question.eml'));
  mkdirSync(path.join(dir, 'schedules'));
  copyFileSync(path.join(REPO_ROOT, 'schedules', 'team.json'), path.join(dir, 'schedules', 'team.json'));
  if (withConfig)
    writeFileSync(
      path.join(dir, 'visit-sre.config.json'),
      JSON.stringify({
        repository: 'visit-dav/visit',
        rotation: 'rotation.ics',
        team: 'team.json',
        desk: { thread: 'visit-dav/visit#203' },
      }),
    );
  return dir;
}

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

const examples = readmeExamples();

describe("the README's examples run as written", () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(20);
    expect(shellWords(`visit-sre who | awk '$1 == "primary" { print $2 }'   # x`)).toEqual({ words: ['visit-sre', 'who'], piped: true });
    expect(shellWords('visit-sre who --at "next week" --next 3')).toEqual({
      words: ['visit-sre', 'who', '--at', 'next week', '--next', '3'],
      piped: false,
    });
  });

  it.each(examples.map((e) => [e.line, e] as const))('%s', async (_line, example) => {
    standin = await startStandin(WEEK);
    standin.setClock(TUESDAY);
    // As typed at a terminal, unless the line pipes or redirects the output.
    const r = await run(example.args, {
      now: TUESDAY,
      cwd: workspace(example.args[0] !== 'init'),
      tty: !example.piped,
      prompter: person,
      env: { NO_COLOR: '1' },
      github: { url: standin.url, token: standin.token },
    });
    const expected = example.args.includes('--fail-on-overdue') ? 8 : 0;
    expect(r.code, r.stderr).toBe(expected);
    expect(r.stderr).not.toMatch(/^error:/m);
  });
});
